import { describe, expect, it } from 'vitest';
import { mergeRecordings } from '../../../src/main/core/formats/merge-recordings.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';

const f = (a: number[]) => Float64Array.from(a);
const rec = (over: Partial<Recording>): Recording => ({ format: 'x', source: 's', unitId: null, gnss: null, imu: null, hr: null, problems: [], ...over });

describe('mergeRecordings', () => {
  it('takes GNSS from one file and IMU from another', () => {
    const gnss = { t: f([0, 100]), lat: f([1, 2]), lon: f([3, 4]), speed: f([0, 1]), hdop: f([1, 1]), sats: f([9, 9]), alt: f([NaN, NaN]) };
    const imu = { t: f([0, 10]), ax: f([0, 1]), ay: f([0, 0]), az: f([1, 1]) };
    const m = mergeRecordings([rec({ format: 'a', source: 'U/gps.csv', gnss }), rec({ format: 'b', source: 'U/imu.csv', imu, problems: [{ severity: 'warning', code: 'W', message: 'm', file: 'U/imu.csv' }] })]);
    expect(m.gnss).toBe(gnss);
    expect(m.imu).toBe(imu);
    expect(m.hr).toBeNull();
    expect(m.format).toBe('a+b');
    expect(m.problems).toHaveLength(1);
  });

  it('concatenates two recordings of one stream in time order, a repeated time kept once (first file wins)', () => {
    // file 1: t = 20, 30 (ax 2, 3); file 2: t = 0, 10, 20 (ax 0, 1, 99): merged t = 0,10,20,30 with ax 0,1,2,3
    const a = { t: f([20, 30]), ax: f([2, 3]), ay: f([0, 0]), az: f([1, 1]) };
    const b = { t: f([0, 10, 20]), ax: f([0, 1, 99]), ay: f([0, 0, 0]), az: f([1, 1, 1]) };
    const m = mergeRecordings([rec({ imu: a, source: 'U/one.csv' }), rec({ imu: b, source: 'U/two.csv' })]);
    expect(Array.from(m.imu!.t)).toEqual([0, 10, 20, 30]);
    expect(Array.from(m.imu!.ax)).toEqual([0, 1, 2, 3]);
    // They only meet at t = 20 (the end of one, a sample of the other): no stretch in common, no warning.
    expect(m.problems).toEqual([]);
  });

  it('two files of one kind over a common stretch: one warning naming both and the stretch; files that only meet end to end or hold other kinds: none', () => {
    const g = (t0: number, n: number) => ({ t: f(Array.from({ length: n }, (_, i) => t0 + i * 1000)), bpm: f(Array.from({ length: n }, () => 120)) });
    // HR from 10:00:00 for 5 s (to 10:00:04) and from 10:00:02 for 5 s (to 10:00:06): common 10:00:02–10:00:04, 2 s.
    const T = Date.UTC(2026, 2, 14, 10, 0, 0);
    const m = mergeRecordings([rec({ source: 'a.fit', hr: g(T, 5) }), rec({ source: 'a.gpx', hr: g(T + 2000, 5) })]);
    expect(m.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^a\.fit and a\.gpx both hold heart-rate data from 10:00:02 to 10:00:04 UTC \(2\.0 s\)/)]);
    const apart = mergeRecordings([rec({ source: 'a.fit', hr: g(T, 5) }), rec({ source: 'b.fit', hr: g(T + 4000, 5) })]);
    expect(apart.problems).toEqual([]); // 10:00:04 is the last of one and the first of the other
  });

  it('a column only the first file has is NaN (absent) for the samples of the other file', () => {
    // file 1 (a watch) has the device odometer, file 2 does not: merged distance 0, 5, NaN, NaN
    const g = (t: number[], distance?: number[]) => ({
      t: f(t),
      lat: f(t.map(() => 51)),
      lon: f(t.map(() => 0)),
      speed: f(t.map(() => 1)),
      hdop: f(t.map(() => NaN)),
      sats: f(t.map(() => NaN)),
      alt: f(t.map(() => NaN)),
      ...(distance ? { distance: f(distance) } : {}),
    });
    const m = mergeRecordings([rec({ gnss: g([0, 1000], [0, 5]) }), rec({ gnss: g([2000, 3000]) })]);
    expect(Array.from(m.gnss!.t)).toEqual([0, 1000, 2000, 3000]);
    expect(Array.from(m.gnss!.distance!)).toEqual([0, 5, NaN, NaN]);
  });
});
