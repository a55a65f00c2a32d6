/**
 * Times as the app and the report show them: in a given zone, or in the laptop's own zone, which
 * can change while the app is open (a laptop taken to an away game abroad); durations as minutes
 * and seconds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatNumber, formatInUnits, formatMean, formatMeanInUnits, formatMoment, formatTime } from '../../../src/shared/domain/format.ts';
import { metricCatalogue } from '../../../src/shared/domain/metrics.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import { displayDef } from '../../../src/shared/domain/units.ts';

const AT = Date.UTC(2026, 2, 14, 10, 3, 7); // Sat 14 March 2026, 10:03:07 UTC
const savedTz = process.env.TZ;
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('times', () => {
  it('in a given zone: Madrid is UTC+1 on 14 March 2026, New York UTC−4 (EDT since 8 March)', () => {
    expect(formatTime(AT, 'UTC')).toBe('10:03:07');
    expect(formatTime(AT, 'Europe/Madrid')).toBe('11:03:07');
    expect(formatTime(AT, 'America/New_York')).toBe('06:03:07');
    expect(formatDateTime(AT, 'Europe/Madrid')).toBe('Sat, 14 Mar 2026, 11:03');
  });

  it("in the laptop's own zone, following it when it changes while the app is open", () => {
    process.env.TZ = 'Europe/London';
    expect(formatTime(AT)).toBe('10:03:07');
    expect(formatDateTime(AT)).toBe('Sat, 14 Mar 2026, 10:03');
    process.env.TZ = 'America/New_York';
    expect(formatTime(AT)).toBe('06:03:07');
    expect(formatDateTime(AT)).toBe('Sat, 14 Mar 2026, 06:03');
    // Two zones with the same offset in winter, told apart by summer time: Reykjavik stays UTC+0,
    // Lisbon is UTC+1 in July.
    process.env.TZ = 'Atlantic/Reykjavik';
    expect(formatTime(Date.UTC(2026, 6, 1, 12))).toBe('12:00:00');
    process.env.TZ = 'Europe/Lisbon';
    expect(formatTime(Date.UTC(2026, 6, 1, 12))).toBe('13:00:00');
  });

  it('when a maximum or a peak happened: one time for a sample, a range for a window, nothing unknown', () => {
    expect(formatMoment({ startMs: AT, endMs: AT }, 'UTC')).toBe('10:03:07');
    expect(formatMoment({ startMs: Date.UTC(2026, 2, 14, 10, 4), endMs: Date.UTC(2026, 2, 14, 10, 5) }, 'UTC')).toBe('10:04:00–10:05:00');
    expect(formatMoment(undefined, 'UTC')).toBe('');
    // A sample reads its second as a clock does (10:03:07.9 is still 10:03:07); a window's ends are
    // rounded: the 10 Hz window (09:59:59.9, 10:02:59.9] reads 10:00:00–10:03:00.
    expect(formatMoment({ startMs: AT + 900, endMs: AT + 900 }, 'UTC')).toBe('10:03:07');
    expect(formatMoment({ startMs: Date.UTC(2026, 2, 14, 9, 59, 59, 900), endMs: Date.UTC(2026, 2, 14, 10, 2, 59, 900) }, 'UTC')).toBe('10:00:00–10:03:00');
    expect(formatMoment({ startMs: Date.UTC(2026, 2, 14, 10, 0, 0, 400), endMs: Date.UTC(2026, 2, 14, 10, 1, 0, 400) }, 'UTC')).toBe('10:00:00–10:01:00');
  });
});

describe('durations', () => {
  const KMH = { speed: 'km/h', distance: 'm' } as const;
  const def = (key: string) => {
    const d = metricCatalogue(DEFAULT_SETTINGS).find((m) => m.key === key);
    if (!d) throw new Error(`no metric ${key}`);
    return d;
  };

  it('as a match clock: minutes and seconds to the nearest second, minutes past the hour not split', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59.4)).toBe('0:59');
    expect(formatClock(59.5)).toBe('1:00'); // rounds to the nearest second
    expect(formatClock(600)).toBe('10:00');
    expect(formatClock(92 * 60 + 15)).toBe('92:15'); // a 90-minute match with stoppage time
    expect(formatClock(25 * 5400)).toBe('2250:00'); // a team total: 25 players x 90 min
    expect(formatClock(null)).toBe('–');
    expect(formatClock(Number.NaN)).toBe('–');
  });

  it('every duration, time in band and time in HR zone of the catalogue reads mm:ss, whatever the display units', () => {
    const timed = metricCatalogue(DEFAULT_SETTINGS).filter((m) => m.unit === 's');
    // duration, 5 velocity bands, 5 HR zones
    expect(timed.map((m) => m.key)).toEqual(expect.arrayContaining(['duration_s', 'band1_time_s', 'band5_time_s', 'hr_zone1_time_s', 'hr_zone5_time_s']));
    for (const m of timed) {
      expect(displayDef(m, KMH).unit).toBe('mm:ss');
      expect(formatInUnits(3125, m, KMH)).toBe('52:05');
      expect(formatInUnits(3125, m, { speed: 'm/s', distance: 'yd' })).toBe('52:05');
    }
  });

  it('a team mean of durations to the second too (counts gain a decimal, durations do not)', () => {
    expect(formatMeanInUnits(1234.5, def('band2_time_s'), KMH)).toBe('20:35'); // 1234.5 s -> 1235 s = 20 min 35 s
    expect(formatMean(1234.4, displayDef(def('duration_s'), KMH))).toBe('20:34');
    // Other metrics are unchanged: a speed in km/h to 0.1, a count mean to 0.1.
    expect(formatInUnits(8, def('max_speed_ms'), KMH)).toBe('28.8');
    expect(formatMeanInUnits(0.8, def('sprint_efforts'), KMH)).toBe('0.8');
  });
});

describe('numbers', () => {
  it('never read "-0": a negative zero, or a small negative rounded to zero, reads "0"; real negatives keep their sign', () => {
    expect(formatNumber(-0, 0)).toBe('0');
    expect(formatNumber(-0.4, 0)).toBe('0');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(-4.24, 1)).toBe('-4.2');
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
  });
});
