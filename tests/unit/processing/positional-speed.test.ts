/**
 * Speed from positions at 1 Hz, wherever the gap falls (issue 13, "Speed from positions"). The
 * Garmin fenix 2 run of ../shared/data (1 s records with Doppler speed) is the reference; the same
 * records without their Doppler speed, as a GPX gives them, with 12 s of fixes missing, must give
 * the same efforts and a top speed within 5 % of the watch's Doppler, for a gap anywhere in the run
 * and when the receiver's first fixes after the gap are off by 6, 4 and 2 m (re-acquiring). The
 * end-to-end proof through real GPX/TCX files and `player1 process` is
 * tests/integration/positional-speed-formats.test.ts; this one sweeps the gap's place in the engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { EARTH_RADIUS_M } from '../../../src/main/core/processing/geo.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import type { GnssStream } from '../../../src/main/core/formats/canonical.ts';

const EFFORTS = ['sprint_efforts', 'accel_efforts_1', 'accel_efforts_2', 'accel_efforts_3', 'decel_efforts_1', 'decel_efforts_2', 'decel_efforts_3'];
const SETTINGS = EngineSettingsSchema.parse({});

/** The fixes without Doppler speed, those where `drop` says left out, each moved `northM(i)` metres north. */
function positionsOnly(g: GnssStream, drop: (i: number) => boolean, northM: (i: number) => number): GnssStream {
  const keep = Array.from(g.t, (_, i) => i).filter((i) => !drop(i));
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  const degPerM = 180 / Math.PI / EARTH_RADIUS_M;
  return {
    t: pick(g.t),
    lat: Float64Array.from(keep, (i) => g.lat[i] + northM(i) * degPerM),
    lon: pick(g.lon),
    speed: new Float64Array(keep.length).fill(NaN),
    hdop: pick(g.hdop),
    sats: pick(g.sats),
    alt: pick(g.alt),
  };
}

describe.skipIf(!HAS_SHARED_DATA)(`speed from positions at 1 Hz across a 12 s gap${HAS_SHARED_DATA ? '' : ` (${SHARED_DATA_SKIP_REASON})`}`, () => {
  it('gives the Doppler reference’s efforts and a top speed within 5 %, wherever the gap falls, re-acquiring fixes included', () => {
    const g = decodeBytes(readFileSync(sharedData('fit-fitparse/activity-small-fenix2-run.fit')), 'run.fit').gnss!;
    const window = { startMs: g.t[0], endMs: g.t[g.t.length - 1] + 1 };
    const run = (gn: GnssStream) => runEngine({ playerId: 'p', gnss: gn, imu: null, hr: null, window, periods: [], settings: SETTINGS }).metrics;
    const ref = run(g);
    // The watch's Doppler speed is at most 5.96 m/s in its records: the reference's top speed.
    expect(ref.max_speed_ms).toBe(5.96);
    // 13 places across the 47-minute run; the 11 fixes after `at` left out (a 12 s step).
    for (let at = 100; at < 2700; at += 200) {
      expect(g.t[at + 12] - g.t[at], `gap at ${at}`).toBe(12_000);
      for (const reacquire of [false, true]) {
        const off = (i: number) => (reacquire && i > at + 11 && i <= at + 14 ? [6, 4, 2][i - at - 12] : 0);
        const m = run(positionsOnly(g, (i) => i > at && i <= at + 11, off));
        const what = `gap after fix ${at}${reacquire ? ', re-acquiring' : ''}`;
        for (const k of EFFORTS) expect(m[k], `${what}: ${k}`).toBe(ref[k]);
        expect(Math.abs(m.max_speed_ms! / ref.max_speed_ms! - 1), `${what}: top speed ${m.max_speed_ms}`).toBeLessThan(0.05);
        expect(m.estimated_time_s, what).toBe(ref.estimated_time_s! + 12);
      }
    }
  });
});
