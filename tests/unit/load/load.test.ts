import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ewmaAcwr, ewmaSeries, rollingAcwr, rollingMethod } from '../../../src/main/core/load/acwr.ts';
import { weekOf, weeklySeries } from '../../../src/main/core/load/monotony.ts';
import { buildDailySeries } from '../../../src/main/core/load/daily-series.ts';
import { addDays } from '../../../src/main/core/surveys/days.ts';

const datesFor = (n: number) => Array.from({ length: n }, (_, i) => addDays('2026-01-01', i));
const worked = [...Array(21).fill(30), ...Array(7).fill(50)] as number[];

describe('METRICS worked values', () => {
  it('EWMA: 21 days of 30 then 7 of 50 gives 47.3303 / 37.8720 = 1.2497', () => {
    const d = ewmaAcwr(datesFor(28), worked).at(-1)!;
    expect(d.acute!).toBeCloseTo(47.3303, 4);
    expect(d.chronic!).toBeCloseTo(37.872, 4);
    expect(d.ratio!).toBeCloseTo(1.2497, 4);
  });
  it('rolling: coupled 50 / 35 = 1.4286, uncoupled 50 / 30 = 1.6667', () => {
    const c = rollingAcwr(datesFor(28), worked, rollingMethod('coupled')).at(-1)!;
    const u = rollingAcwr(datesFor(28), worked, rollingMethod('uncoupled')).at(-1)!;
    expect([c.acute, c.chronic]).toEqual([50, 35]);
    expect(c.ratio!).toBeCloseTo(1.4286, 4);
    expect([u.acute, u.chronic]).toEqual([50, 30]);
    expect(u.ratio!).toBeCloseTo(1.6667, 4);
  });
  it('monotony and strain: 500, 0, 300, 450, 0, 600, 200 gives 1.2264 and 2514.1', () => {
    const w = weekOf([500, 0, 300, 450, 0, 600, 200]);
    expect(w.weeklyLoad).toBe(2050);
    expect(w.monotony!).toBeCloseTo(1.2264, 4);
    expect(w.strain!).toBeCloseTo(2514.0943, 4);
  });
});

describe('worked by hand', () => {
  it('EWMA starts at the day-1 load: 100, 0, 0 gives acute 100, 75, 56.25 and chronic 100, 93.1034, 86.6825', () => {
    expect(ewmaSeries([100, 0, 0], 0.25)).toEqual([100, 75, 56.25]);
    const c = ewmaSeries([100, 0, 0], 2 / 29);
    expect(c[1]!).toBeCloseTo(93.1034, 4);
    expect(c[2]!).toBeCloseTo(86.6825, 4);
  });
  it('an NA day carries the EWMA unchanged', () => {
    expect(ewmaSeries([100, null, 0], 0.25)).toEqual([100, 100, 75]);
    expect(ewmaSeries([null, null, 40], 0.25)).toEqual([null, null, 40]);
  });
  it('no ratio before 28 days, and a blank where the chronic load is 0', () => {
    const d27 = ewmaAcwr(datesFor(27), Array(27).fill(30));
    expect(d27.every((d) => d.ratio === null)).toBe(true);
    expect(ewmaAcwr(datesFor(28), Array(28).fill(30)).at(-1)!.ratio).toBe(1);
    const zeros = rollingAcwr(datesFor(35), [...Array(28).fill(0), ...Array(7).fill(40)], rollingMethod('uncoupled'));
    expect(zeros.at(-1)!.chronic).toBe(0);
    expect(zeros.at(-1)!.ratio).toBeNull();
  });
  it('monotony: 100 × 6 then 200 gives 3.0237, strain 2418.97; a flat week has none; a week with NA has none', () => {
    const w = weekOf([100, 100, 100, 100, 100, 100, 200]);
    expect(w.monotony!).toBeCloseTo(3.023716, 5);
    expect(w.strain!).toBeCloseTo(2418.9726, 3);
    expect(weekOf(Array(7).fill(80)).monotony).toBeNull();
    const s = weeklySeries(datesFor(8), [1, 2, 3, 4, 5, 6, 7, null]);
    expect(s[6].weeklyLoad).toBe(28);
    expect(s[5].weeklyLoad).toBeNull();
    expect(s[7]).toMatchObject({ weeklyLoad: null, monotony: null });
  });
  it('daily series: sessions summed per day, 0 when available, NA when injured or before the first record', () => {
    const days = buildDailySeries(
      [
        { date: '2026-01-02', value: 300 },
        { date: '2026-01-02', value: 120 },
        { date: '2026-01-05', value: 200 },
      ],
      { from: '2026-01-01', to: '2026-01-06', firstRecorded: '2026-01-02', availability: new Map([['2026-01-04', 'injured' as const]]) },
    );
    expect(days.map((d) => d.value)).toEqual([null, 420, 0, null, 200, 0]);
    expect(days.map((d) => d.availability)).toEqual(['unknown', 'available', 'available', 'injured', 'available', 'available']);
    expect(days[1].sessions).toBe(2);
  });
});

describe('properties', () => {
  const load = fc.integer({ min: 0, max: 2000 });
  it('the coupled rolling ratio never exceeds 4 (acute week is inside the chronic month)', () => {
    fc.assert(
      fc.property(fc.array(load, { minLength: 28, maxLength: 80 }), (xs) => {
        const r = rollingAcwr(datesFor(xs.length), xs, rollingMethod('coupled'));
        return r.every((d) => d.ratio === null || d.ratio <= 4 + 1e-12);
      }),
    );
  });
  it('adding a rest day at 0 never raises the acute EWMA', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(load, fc.constant(null)), { minLength: 1, maxLength: 60 }), (xs) => {
        const before = ewmaSeries(xs, 0.25).at(-1)!;
        const after = ewmaSeries([...xs, 0], 0.25).at(-1)!;
        return before === null || after <= before + 1e-9;
      }),
    );
  });
});
