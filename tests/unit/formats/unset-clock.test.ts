/**
 * A unit whose clock is set only once it finds GPS writes its first samples dated 1990: those are
 * left out with a warning, the rest read as usual (formats/unset-clock.ts); a file dated before
 * 2000 throughout is left whole (the import refuses it, naming it).
 */
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { trimUnsetClock } from '../../../src/main/core/formats/unset-clock.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const gpx = (times: string[]) =>
  `<?xml version="1.0"?>\n<gpx version="1.1" creator="watch" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n<trk><trkseg>\n${times
    .map((t, i) => `<trkpt lat="${(51.5 + i * 1e-5).toFixed(5)}" lon="-0.1"><time>${t}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${120 + i}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`)
    .join('\n')}\n</trkseg></trk></gpx>`;

describe('samples dated before the unit\u2019s clock was set', () => {
  // 3 points on the power-on clock (1989-12-31), then 10 on the real one, 1 s apart.
  const before = ['1989-12-31T00:00:00Z', '1989-12-31T00:00:01Z', '1989-12-31T00:00:02Z'];
  const real = Array.from({ length: 10 }, (_, i) => `2026-03-14T15:00:${String(i).padStart(2, '0')}Z`);

  it('are left out, each stream on its own, with a warning saying how many, when and why', () => {
    const rec = decodeBytes(enc(gpx([...before, ...real])), 'watch.gpx');
    expect(rec.gnss!.t.length).toBe(10);
    expect(rec.gnss!.t[0]).toBe(Date.UTC(2026, 2, 14, 15, 0, 0));
    // Every column cut at the same place: the first position left is the 4th point's.
    expect(rec.gnss!.lat[0]).toBeCloseTo(51.5 + 3e-5, 9);
    expect(rec.hr!.t.length).toBe(10);
    expect(Array.from(rec.hr!.bpm.subarray(0, 2))).toEqual([123, 124]);
    const w = rec.problems.filter((p) => p.code === 'CLOCK_NOT_SET').map((p) => p.message);
    expect(w).toEqual([
      "3 GNSS sample(s) at the start, dated 1989-12-31 00:00 UTC (before the unit's clock was set), were left out; its data runs from 2026-03-14 15:00 UTC",
      "3 heart-rate sample(s) at the start, dated 1989-12-31 00:00 UTC (before the unit's clock was set), were left out; its data runs from 2026-03-14 15:00 UTC",
    ]);
  });

  it('a file mostly dated before 2000 is left whole (the import refuses it, saying how to set the clock), not cut to its last seconds', () => {
    // 5 points on the power-on clock, then 3 on the real one: more left out than kept.
    const rec = decodeBytes(enc(gpx([...before, '1989-12-31T00:00:03Z', '1989-12-31T00:00:04Z', ...real.slice(0, 3)])), 'late.gpx');
    expect(rec.gnss!.t.length).toBe(8);
    expect(rec.problems.some((p) => p.code === 'CLOCK_NOT_SET')).toBe(false);
  });

  it('a first time no date can hold is written as its number, not thrown on', () => {
    const f = (xs: number[]) => Float64Array.from(xs);
    const T = Date.UTC(2026, 2, 14, 15);
    const rec: Recording = { format: 'x', source: 'odd.csv', unitId: null, gnss: null, imu: null, hr: { t: f([-9e15, T, T + 1000, T + 2000]), bpm: f([1, 120, 121, 122]) }, problems: [] };
    const out = trimUnsetClock(rec);
    expect(Array.from(out.hr!.bpm)).toEqual([120, 121, 122]);
    expect(out.problems.map((p) => p.message)).toEqual(["1 heart-rate sample(s) at the start, dated -9000000000000000 UTC (before the unit's clock was set), were left out; its data runs from 2026-03-14 15:00 UTC"]);
  });

  it('a file dated before 2000 throughout is left whole (the import refuses it), and one dated after is untouched', () => {
    const old = decodeBytes(enc(gpx(before)), 'old.gpx');
    expect(old.gnss!.t.length).toBe(3);
    expect(old.problems.some((p) => p.code === 'CLOCK_NOT_SET')).toBe(false);
    const fine = decodeBytes(enc(gpx(real)), 'fine.gpx');
    expect(fine.gnss!.t.length).toBe(10);
    expect(fine.problems.some((p) => p.code === 'CLOCK_NOT_SET')).toBe(false);
  });
});
