/**
 * `player1 process <file|folder>...`: any supported file, as the app's import takes it (one unit
 * per file, its player named after the file unless --player or meta.csv says otherwise), and
 * errors in the user's words: a cut TCX/GPX names the line where it ends, a missing file says so
 * once (no "ENOENT: ENOENT"), control bytes from a file are printed escaped. A meta.csv naming two
 * people alike (one FB, one ST) gives two players, both in the report.
 * The data quality reads a 25 s watch's rate as such and names the interpolation figures of a
 * 10 Hz unit for what each counts. Expected values come from the files themselves (the FIT SDK's
 * record dump, the TCX's own values, the report's own cleaning summary).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR } from '../support/sample.ts';
import { writePodAndWatch } from '../support/pod-and-watch.ts';
import { HAS_SHARED_DATA, REPO_ROOT, SHARED_DATA_SKIP_REASON, sharedData } from '../support/shared-data.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const cli = (...args: string[]) => spawnSync(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT });

interface MetricsJson {
  players: { device_id: string; player_name: string; position: string; metrics: Record<string, number | null>; sources?: unknown }[];
}
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as MetricsJson;

describe.skipIf(!HAS_SHARED_DATA)(`player1 process on single device files${HAS_SHARED_DATA ? '' : ` (${SHARED_DATA_SKIP_REASON})`}`, () => {
  it('a FIT file: one unit (the serial the file states), its player named after the file', () => {
    const out = makeTempDir();
    const r = cli('process', sharedData('fit-fitparse/garmin-fenix-5-run.fit'), '--out', join(out, 'r.html'), '--json', join(out, 'm.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [p] = readJson(join(out, 'm.json')).players;
    expect([p.device_id, p.player_name]).toEqual(['3945849289', 'garmin-fenix-5-run']);
    // The FIT SDK's dump of the same file: records from 07:34:09 to 07:35:06, heart rate at most its column's max.
    const rows = readFileSync(sharedData('fit-fitparse/garmin-fenix-5-run-records.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(p.metrics.duration_s).toBe(57);
    expect(p.metrics.hr_max_bpm).toBe(Math.max(...rows.map((c) => Number(c[1]))));
    expect(readFileSync(join(out, 'r.html'), 'utf8')).toContain('garmin-fenix-5-run');
  });

  it('a TCX file with --player; a GPX file named after itself', () => {
    const out = makeTempDir();
    const tcx = sharedData('tcx-tcxparser/test.tcx');
    const r = cli('process', tcx, '--player', 'Max Roberts', '--out', join(out, 'r.html'), '--json', join(out, 'm.json'));
    expect(r.status).toBe(0);
    const [p] = readJson(join(out, 'm.json')).players;
    expect(p.player_name).toBe('Max Roberts');
    const bpm = [...readFileSync(tcx, 'utf8').matchAll(/<HeartRateBpm>\s*<Value>(\d+)<\/Value>/g)].map((m) => Number(m[1]));
    expect(p.metrics.hr_max_bpm).toBe(Math.max(...bpm));

    const gpx = sharedData('gpx-gpxpy/korita-zbevnica.gpx');
    const g = cli('process', gpx, '--out', join(out, 'g.html'), '--json', join(out, 'g.json'));
    expect(g.status).toBe(0);
    const [q] = readJson(join(out, 'g.json')).players;
    // A GPX states no unit id: the unit and the player are named after the file.
    expect([q.device_id, q.player_name]).toEqual(['korita-zbevnica', 'korita-zbevnica']);
    expect(q.metrics.distance_m).toBeGreaterThan(0);
  });


  it('a watch with one fix every 25 s (event_timestamp.fit): the data quality gives its GNSS rate as 0.04 Hz, 1 per 25 s, not "0.0"', () => {
    const out = makeTempDir();
    const r = cli('process', sharedData('fit-fitparse/event_timestamp.fit'), '--out', join(out, 'r.html'));
    expect(r.status).toBe(0);
    const row = readFileSync(join(out, 'r.html'), 'utf8').split('<table id="quality-table">')[1].split('<tbody>')[1].split('</tr>')[0];
    // Player, position, then the GNSS rate.
    expect(row.split('<td>')[2].split('</td>')[0]).toBe('0.04 (1 per 25 s)');
  });

  it('a 10 Hz Catapult unit (U18_ID1.csv): the interpolation figures are labelled for what each counts, the time filled and the time of the steps into or out of it', () => {
    const out = makeTempDir();
    const r = cli('process', sharedData('catapult-10hz-ssg/U18_ID1.csv'), '--out', join(out, 'r.html'), '--json', join(out, 'm.json'));
    expect(r.status).toBe(0);
    const html = readFileSync(join(out, 'r.html'), 'utf8');
    const [p] = readJson(join(out, 'm.json')).players;
    // The cleaning summary's seconds filled by interpolation, and the split's (larger) time of interpolated steps.
    const filled = Number(/Gaps: (\d+) sample\(s\) interpolated \(([\d.]+) s\)/.exec(html)![2]);
    expect(p.metrics.interpolated_time_s).toBeGreaterThan(filled);
    expect(html).toContain('<th scope="col">Time filled by interpolation (%)</th>');
    expect(html).toContain('<th scope="col">Interpolated: steps into or out of an interpolated sample, m (s)</th>');
    expect(html).toContain('one filled sample between two kept fixes is two interpolated steps');
  });

  it('an accelerometer whose clock gives times finer than a millisecond processes (the window is in whole ms)', () => {
    // Axivity AX3, 100 Hz, unix seconds with four decimals: the last sample is at 10:55:08.1075.
    const file = sharedData('imu-ggir/ax3_testfile_unix_timestamps.csv');
    const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
    expect(rows.length).toBe(210);
    // PlayerLoad by its definition (docs/metrics.md): the sum of the steps' vector lengths in g, / 100; per minute of recording.
    let sum = 0;
    for (let i = 1; i < rows.length; i++) sum += Math.hypot(rows[i][1] - rows[i - 1][1], rows[i][2] - rows[i - 1][2], rows[i][3] - rows[i - 1][3]);
    const load = sum / 100;
    const minutes = (1551178508107.5 - 1551178506000) / 60_000; // the first and last times of the file, in ms
    const out = makeTempDir();
    const r = cli('process', file, '--out', join(out, 'r.html'), '--json', join(out, 'm.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [p] = readJson(join(out, 'm.json')).players;
    expect(p.device_id).toBe('ax3_testfile_unix_timestamps');
    expect(p.metrics.player_load).toBeCloseTo(load, 12);
    expect(p.metrics.player_load_per_min).toBeCloseTo(load / minutes, 9);
    // No GNSS: distance is absent, not zero.
    expect(p.metrics.distance_m).toBeNull();
  });

  it("a unit whose clock was never set (a FIT dated 1990) stops the run with the file's problem in the user's words", () => {
    const out = makeTempDir();
    const r = cli('process', sharedData('fit-fitparse/compressed-speed-distance.fit'), '--out', join(out, 'r.html'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      "player1 process: compressed-speed-distance.fit: its times run from 1990-07-18 06:44 to 1990-07-18 07:49 UTC, before 2000: the unit's clock was probably not set when it recorded. " +
        "A session holds times from 2000 to 2099, so this file cannot be processed: set the unit's clock before it records (sync it with its app or computer, or let it find GPS first)",
    );
    // Never the contract's own terms (it said "Start must be 946684800000 or more").
    expect(r.stderr).not.toMatch(/946684800000|must be/);
    expect(existsSync(join(out, 'r.html'))).toBe(false);
  });
});

describe('player1 process: errors in the user\u2019s words', () => {
  it('a missing file is named once, without the runtime\u2019s error code twice', () => {
    const out = makeTempDir();
    const r = cli('process', join(out, 'watch.fit'), '--out', join(out, 'r.html'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`player1 process: ${join(out, 'watch.fit')}: there is no such file or folder`);
    expect(r.stderr).not.toMatch(/ENOENT/);
  });

  it('control bytes from a file are printed escaped, never sent to the terminal', () => {
    const dir = join(makeTempDir(), 'ctl');
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    const meta = readFileSync(join(dir, 'meta.csv'), 'utf8').split('\n');
    meta[1] = meta[1].replace(/^P1-1001/, 'P1-1001\x1b[31m\x07');
    writeFileSync(join(dir, 'meta.csv'), meta.join('\n'));
    const r = cli('process', dir, '--out', join(dir, 'r.html'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('P1-1001\\x1b[31m\\x07');
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it("a session folder whose unit's clock was not set names the folder, the unit and its files, not the contract's bounds", () => {
    const dir = join(makeTempDir(), 'old-clock');
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    // P1-1001 (meta.csv's first unit) as a unit that recorded 30 x 365 days early: in 1996.
    const shift = 30 * 365 * 86_400_000;
    const times: number[] = [];
    for (const f of ['gps.csv', 'imu.csv']) {
      const path = join(dir, 'P1-1001', f);
      const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
      const moved = rows.map((l) => {
        const t = Number(l.slice(0, l.indexOf(','))) - shift;
        times.push(t);
        return `${t}${l.slice(l.indexOf(','))}`;
      });
      writeFileSync(path, [head, ...moved].join('\n') + '\n');
    }
    const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    expect(at(Math.min(...times)).slice(0, 4)).toBe('1996');
    const r = cli('process', dir, '--out', join(dir, 'r.html'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `player1 process: old-clock: unit P1-1001 (P1-1001/gps.csv, P1-1001/imu.csv): its times run from ${at(Math.min(...times))} to ${at(Math.max(...times))} UTC, before 2000: ` +
        "the unit's clock was probably not set when it recorded. A session holds times from 2000 to 2099, so its data cannot be processed: set the unit's clock before it records (sync it with its app or computer, or let it find GPS first)",
    );
  });

  it("a session folder whose unit's first lines predate its clock being set is read from its first dated line", () => {
    const dir = join(makeTempDir(), 'late-clock');
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    // P1-1001's gps.csv with 5 lines on the power-on clock (1989-12-31 00:00:00.0-0.4) before its own.
    const path = join(dir, 'P1-1001', 'gps.csv');
    const [head, first, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
    const early = Array.from({ length: 5 }, (_, i) => `${Date.UTC(1989, 11, 31) + i * 100}${first.slice(first.indexOf(','))}`);
    writeFileSync(path, [head, ...early, first, ...rows].join('\n') + '\n');
    const r = cli('process', dir, '--out', join(dir, 'r.html'), '--json', join(dir, 'm.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readJson(join(dir, 'm.json')).players).toHaveLength(5);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('5 GNSS sample(s) at the start, dated 1989-12-31 00:00 UTC (before the unit&#39;s clock was set), were left out');
  });

  it('--player given neither once nor once per file is a usage error', () => {
    const r = cli('process', 'a.fit', 'b.fit', 'c.fit', '--player', 'A', '--player', 'B', '--out', 'r.html');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--player is given 2 times for 3 files/);
  });
});

describe('player1 process: a person is not a name', () => {
  it("a pod's session folder and a watch's file with --player naming the folder's player: one player wearing both units", () => {
    // meta.csv names P1-2001's player Max Roberts (FB); --player "Max Roberts" names the watch's. Nothing tells
    // them apart: one player, GNSS and accelerometer from the 10 Hz pod, heart rate from the watch (the pod has none).
    const files = writePodAndWatch(makeTempDir());
    const out = makeTempDir();
    const r = cli('process', ...files.paths, '--player', 'Max Roberts', '--out', join(out, 'r.html'), '--json', join(out, 'm.json'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Max Roberts wears WATCH-7 beside P1-2001');
    const { players } = readJson(join(out, 'm.json'));
    expect(players.map((p: { player_name: string; position: string }) => [p.player_name, p.position])).toEqual([['Max Roberts', 'FB']]);
    expect(players[0].sources).toEqual({
      gnss: { device_id: 'P1-2001', how: 'automatic', why: 'the highest GNSS rate, 10 Hz' },
      imu: { device_id: 'P1-2001', how: 'automatic', why: 'the only unit with accelerometer data' },
      hr: { device_id: 'WATCH-7', how: 'automatic', why: 'the only unit with heart rate data' },
    });
  });

  it('two units under one name in meta.csv, one FB and one ST, are two players, both in the report', () => {
    const dir = join(makeTempDir(), 'two-max');
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    const meta = readFileSync(join(dir, 'meta.csv'), 'utf8').trim().split('\n');
    const ids = meta.slice(1).map((l) => l.split(',')[0]);
    writeFileSync(join(dir, 'meta.csv'), ['device_id,player_name,position', `${ids[0]},Max Roberts,FB`, `${ids[1]},Max Roberts,ST`, ...meta.slice(3)].join('\n'));
    const r = cli('process', dir, '--out', join(dir, 'r.html'), '--json', join(dir, 'm.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const players = readJson(join(dir, 'm.json')).players;
    expect(players).toHaveLength(ids.length);
    const max = players.filter((p) => p.player_name === 'Max Roberts').map((p) => [p.device_id, p.position]).sort();
    expect(max).toEqual([
      [ids[0], 'FB'],
      [ids[1], 'ST'],
    ]);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    for (const id of ids.slice(0, 2)) expect(html).toContain(id);
  });

  it('a unit folder without meta.csv is read as the app reads it: the folder names the unit, --player its player', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'pod'));
    cpSync(join(SAMPLE_DIR, 'P1-1001'), join(dir, 'pod', 'P1-1001'), { recursive: true });
    const r = cli('process', join(dir, 'pod', 'P1-1001'), '--player', 'Max Roberts', '--out', join(dir, 'r.html'), '--json', join(dir, 'm.json'));
    expect(r.status).toBe(0);
    expect(readJson(join(dir, 'm.json')).players.map((p) => [p.device_id, p.player_name])).toEqual([['P1-1001', 'Max Roberts']]);
  });
});
