/**
 * The same run in three formats gives the same efforts and the same top speed (issue 13, "Speed
 * from positions"). The Garmin fenix 2 run in ../shared/data (1 s recording, Doppler speed in
 * every record) is decoded with the project's FIT reader; from its records this test writes, in a
 * temporary folder at run time, a GPX (positions and times only: no speed, as a GPX export has)
 * and a TCX (positions, times, the watch's DistanceMeters and heart rate, no speed), each with 12 s
 * of fixes missing in the middle of the run. All three go through `player1 process` (readers,
 * worker pool, cleaning, engine) as three units; the FIT's figures from its own Doppler speed are
 * the reference.
 *
 * Before speed from positions was filtered at a cut-off suited to the rate, the GPX and TCX read a
 * top speed of 9.4 m/s, a sprint and five accelerations over 2 m/s² where the FIT reads 6.0 m/s
 * and none: at 1 Hz the 1 Hz Butterworth cut-off lies above the 0.5 Hz Nyquist frequency, so
 * positional speed went unfiltered.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/core.ts';
import { HAS_SHARED_DATA, REPO_ROOT, SHARED_DATA_SKIP_REASON, sharedData } from '../support/shared-data.ts';
import { decodeBytes } from '../../src/main/core/formats/decode-file.ts';
import type { Recording } from '../../src/main/core/formats/canonical.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const FILE = 'fit-fitparse/activity-small-fenix2-run.fit';
/** The records dropped from the GPX and TCX: 11 fixes after the 1400th, a 12 s step between the fixes either side. */
const GAP_AFTER = 1400;
const dropped = (i: number) => i > GAP_AFTER && i <= GAP_AFTER + 11;

const iso = (ms: number) => new Date(ms).toISOString();

function gpxOf(rec: Recording): string {
  const g = rec.gnss!;
  const pts: string[] = [];
  for (let i = 0; i < g.t.length; i++) {
    if (dropped(i) || Number.isNaN(g.lat[i])) continue;
    const ele = Number.isNaN(g.alt[i]) ? '' : `<ele>${g.alt[i].toFixed(1)}</ele>`;
    pts.push(`      <trkpt lat="${g.lat[i]}" lon="${g.lon[i]}">${ele}<time>${iso(g.t[i])}</time></trkpt>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="positional-speed-formats.test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>fenix 2 run</name><trkseg>
${pts.join('\n')}
  </trkseg></trk>
</gpx>
`;
}

function tcxOf(rec: Recording): string {
  const g = rec.gnss!;
  const hr = rec.hr!;
  const bpmAt = new Map<number, number>();
  for (let i = 0; i < hr.t.length; i++) if (hr.bpm[i] > 0) bpmAt.set(hr.t[i], hr.bpm[i]);
  const pts: string[] = [];
  for (let i = 0; i < g.t.length; i++) {
    if (dropped(i) || Number.isNaN(g.lat[i])) continue;
    const bpm = bpmAt.get(g.t[i]);
    pts.push(
      `<Trackpoint><Time>${iso(g.t[i])}</Time><Position><LatitudeDegrees>${g.lat[i]}</LatitudeDegrees><LongitudeDegrees>${g.lon[i]}</LongitudeDegrees></Position>` +
        `<DistanceMeters>${g.distance![i]}</DistanceMeters>${bpm ? `<HeartRateBpm><Value>${bpm}</Value></HeartRateBpm>` : ''}</Trackpoint>`,
    );
  }
  const start = iso(g.t[0]);
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities><Activity Sport="Running"><Id>${start}</Id><Lap StartTime="${start}"><Track>
${pts.join('\n')}
  </Track></Lap></Activity></Activities>
</TrainingCenterDatabase>
`;
}

interface MetricsJson {
  players: { player_name: string; metrics: Record<string, number | null> }[];
}

const EFFORTS = ['sprint_efforts', 'accel_efforts_1', 'accel_efforts_2', 'accel_efforts_3', 'decel_efforts_1', 'decel_efforts_2', 'decel_efforts_3'];

describe.skipIf(!HAS_SHARED_DATA)(`the same run as FIT, GPX and TCX${HAS_SHARED_DATA ? '' : ` (${SHARED_DATA_SKIP_REASON})`}`, () => {
  it('gives the same efforts and a top speed within 5 %, with 12 s of fixes missing from the GPX and TCX', () => {
    const fitBytes = readFileSync(sharedData(FILE));
    const fit = decodeBytes(fitBytes, 'run.fit');
    const g = fit.gnss!;
    // The fixture as the test needs it: 1 s records with Doppler speed, the dropped fixes 1 s apart.
    expect(g.t.length).toBe(2809);
    expect(g.t[GAP_AFTER + 12] - g.t[GAP_AFTER]).toBe(12_000);
    const dir = makeTempDir();
    writeFileSync(join(dir, 'run-fit.fit'), fitBytes);
    writeFileSync(join(dir, 'run-gpx.gpx'), gpxOf(fit));
    writeFileSync(join(dir, 'run-tcx.tcx'), tcxOf(fit));
    // Each written file reads back without speed, 11 fixes fewer than the FIT.
    for (const f of ['run-gpx.gpx', 'run-tcx.tcx']) {
      const r = decodeBytes(readFileSync(join(dir, f)), f);
      expect(r.gnss!.t.length, f).toBe(g.t.length - 11);
      expect(r.gnss!.speed.every((v) => Number.isNaN(v)), f).toBe(true);
    }

    const run = spawnSync(
      NODE,
      [join(REPO_ROOT, 'bin', 'player1.js'), 'process', join(dir, 'run-fit.fit'), join(dir, 'run-gpx.gpx'), join(dir, 'run-tcx.tcx'), '--out', join(dir, 'r.html'), '--json', join(dir, 'm.json')],
      { encoding: 'utf8', cwd: REPO_ROOT },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const players = (JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')) as MetricsJson).players;
    const by = (name: string) => players.find((p) => p.player_name === name)!.metrics;
    const [mFit, mGpx, mTcx] = [by('run-fit'), by('run-gpx'), by('run-tcx')];

    // The reference: the watch's Doppler speed, at most 5.96 m/s in its records.
    expect(mFit.max_speed_ms).toBeCloseTo(Math.max(...g.speed.filter((v) => !Number.isNaN(v))), 6);
    for (const [name, m] of [['GPX', mGpx], ['TCX', mTcx]] as const) {
      for (const k of EFFORTS) expect(m[k], `${name} ${k}`).toBe(mFit[k]);
      expect(Math.abs(m.max_speed_ms! / mFit.max_speed_ms! - 1), `${name} top speed ${m.max_speed_ms} vs FIT ${mFit.max_speed_ms}`).toBeLessThan(0.05);
      // The missing 12 s are a gap, on top of the FIT's own (its 4 s steps): its distance estimated
      // (the straight line), in band 1, never in speed.
      expect(m.estimated_time_s, name).toBe(mFit.estimated_time_s! + 12);
      expect(m.distance_estimated_m!, name).toBeGreaterThan(mFit.distance_estimated_m!);
      // The path measured the same way: the total within 0.5 % of the FIT's.
      expect(Math.abs(m.distance_m! / mFit.distance_m! - 1), name).toBeLessThan(0.005);
    }
  });
});
