/**
 * Times as the app and the report show them: in a given zone, or in the laptop's own zone, which
 * can change while the app is open (a laptop taken to an away game abroad); durations as minutes
 * and seconds.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatClock, formatDateTime, formatNumber, formatInUnits, formatMean, formatMeanInUnits, formatMoment, formatTime, formatTotalDuration, formatTotalInUnits } from '../../../src/shared/domain/format.ts';
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

  it('a total over players in hours and minutes from an hour on, to the minute; under an hour in minutes and seconds', () => {
    // 25 players x 90 min = 135 000 s = 2250 min = 37 h 30 min (as a clock it read "2250:00").
    expect(formatTotalDuration(25 * 5400)).toBe('37 h 30 min');
    // 92:15 + 45:00.4 = 8235.4 s = 137.26 min -> 137 min = 2 h 17 min; 8250 s = 137.5 min -> 138 min = 2 h 18 min.
    expect(formatTotalDuration(8235.4)).toBe('2 h 17 min');
    expect(formatTotalDuration(8250)).toBe('2 h 18 min');
    expect(formatTotalDuration(2 * 3600 + 5 * 60)).toBe('2 h 05 min');
    // 45 min 12.4 s keeps its seconds; 3569 s = 59 min 29 s; 3570 s = 59.5 min rounds to the hour.
    expect(formatTotalDuration(45 * 60 + 12.4)).toBe('45 min 12 s');
    expect(formatTotalDuration(3569)).toBe('59 min 29 s');
    expect(formatTotalDuration(3570)).toBe('1 h 00 min');
    expect(formatTotalDuration(7.6)).toBe('0 min 08 s');
    expect(formatTotalDuration(null)).toBe('–');
    expect(formatTotalDuration(Number.NaN)).toBe('–');
    // Every duration, time in band and time in zone of the catalogue; other metrics as formatInUnits.
    for (const m of metricCatalogue(DEFAULT_SETTINGS).filter((x) => x.unit === 's')) expect(formatTotalInUnits(135_000, m, KMH)).toBe('37 h 30 min');
    expect(formatTotalInUnits(25_000, def('distance_m'), { speed: 'km/h', distance: 'yd' })).toBe('27,340'); // 25 000 / 0.9144 = 27 340.3 yd
    expect(formatTotalInUnits(null, def('distance_m'), KMH)).toBe('–');
  });
});

describe('times, as Intl writes them', () => {
  it('every second across DST changes and in zones whose old offsets had seconds, to the millisecond', () => {
    // formatTime asks Intl once per minute and adds the seconds: checked against Intl itself.
    const zones = ['UTC', 'Europe/London', 'Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/Amsterdam', 'Africa/Monrovia'];
    const starts = [
      Date.UTC(2026, 2, 29, 0, 58), // London and Madrid spring forward at 01:00 UTC
      Date.UTC(2026, 9, 25, 0, 58), // and fall back
      Date.UTC(2026, 3, 4, 15, 28), // Lord Howe: half an hour back at 15:00 UTC (02:00 local)
      Date.UTC(1930, 5, 1, 11, 58), // Amsterdam at UTC+00:19:32 (its mean time)
      Date.UTC(1970, 0, 1, 0, 0), // Monrovia at UTC−00:44:30
    ];
    const off: string[] = [];
    // Fractions of a millisecond, before 1970 too (Intl drops them toward zero).
    for (const ms of [-0.5, -1000.5, -60_000.25, 0.5, 59_999.9, Date.UTC(1969, 11, 31, 23, 59, 59) + 0.75]) {
      expect(formatTime(ms, 'UTC')).toBe(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' }).format(ms));
    }
    // Beyond the dates JavaScript has: Intl's own error, as before.
    expect(() => formatTime(8.64e15 + 1, 'UTC')).toThrow(RangeError);
    for (const tz of zones) {
      const intl = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: tz });
      for (const t0 of starts) {
        for (let ms = t0; ms < t0 + 4 * 3600_000; ms += 997) {
          if (formatTime(ms, tz) !== intl.format(ms) && off.length < 10) off.push(`${tz} ${new Date(ms).toISOString()}: ${formatTime(ms, tz)}, Intl ${intl.format(ms)}`);
        }
      }
    }
    expect(off).toEqual([]);
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

  it("reads exactly as Intl.NumberFormat('en-GB') writes it, ties and grouping included, on 200 000 values", () => {
    // formatNumber takes a quicker path than Intl where the two cannot differ: checked against Intl itself.
    const intl = [0, 1, 2, 3, 4].map((d) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d, signDisplay: 'negative' }));
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values: number[] = [1.005, 2.675, 1.115, 0.125, 0.5, 1.5, 2.5, -2.5, -0.5, -0.05, 999.995, 999.9949, 9999.5, 1e11 + 0.5, 123456789.125, 1e12, 5e15, -1e13, 0.1 + 0.2];
    // Ties of large values, where the shortest decimal and the binary value are far apart (found in review).
    values.push(134333162.545, 16783025.8595, 1058667.42605, 131251.376795, 16385.4149935, 100000000000.1, 999.996, -999.996);
    // Ties at every decimal and magnitude: k + 0.5 units of the last place kept, for 1e0 to 1e12.
    for (let e = 0; e <= 12; e++) for (let d = 1; d <= 4; d++) values.push(Math.round(rnd() * 10 ** e) + (Math.floor(rnd() * 10 ** d) + 0.5) / 10 ** d);
    for (let i = 0; i < 200_000; i++) {
      const mag = 10 ** Math.floor(rnd() * 16 - 6);
      const sign = rnd() < 0.2 ? -1 : 1;
      // A quarter of them on a tie of some decimal (x.5, x.x5, x.xx5…), the rest anywhere.
      const v = rnd() < 0.25 ? Math.round(rnd() * 1e6) / 1000 + 0.0005 : rnd() * mag;
      values.push(sign * v);
    }
    const off: string[] = [];
    for (const v of values) {
      for (let d = 0; d <= 4; d++) {
        const want = intl[d].format(v);
        const got = formatNumber(v, d);
        if (got !== want && off.length < 10) off.push(`${v} to ${d}: ${got}, Intl ${want}`);
      }
    }
    expect(off).toEqual([]);
  });

  it('without Intl, ties and values past 1e9 included (Intl only for what String writes with an exponent), exactly as Intl writes them', () => {
    // The report viewer's first render formats team means that land on ties (a mean of 0.25 to one
    // decimal): Intl's first use in a page loads Chromium's ICU data, so none may reach it.
    const intl = [0, 1, 2, 3, 4, 5, 6].map((d) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d, signDisplay: 'negative' }));
    let seed = 777;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values: number[] = [0.25, 0.05, -0.05, -0.005, 0.0005, 9.95, 99.95, 999.95, 9999.995, -9999.995, 1e11 + 0.5, 134333162.545, 123456789.125, 5e15 + 2, 1e20 + 1e5, 999999999999999999999 / 10, 0.000001, 2 ** 53 + 2];
    // Ties at every decimal kept (1 to 6) and magnitude (1e-6 to 1e20), both signs.
    for (let e = 0; e <= 20; e++) {
      for (let d = 1; d <= 6; d++) {
        for (let k = 0; k < 20; k++) values.push((rnd() < 0.3 ? -1 : 1) * (Math.round(rnd() * 10 ** e) + (Math.floor(rnd() * 10 ** d) + 0.5) / 10 ** d));
      }
    }
    for (let i = 0; i < 50_000; i++) values.push((rnd() < 0.2 ? -1 : 1) * rnd() * 10 ** Math.floor(rnd() * 27 - 6));
    // Every use of a number formatter, a new one or one kept from before, goes through its format getter.
    const used = vi.spyOn(Intl.NumberFormat.prototype as unknown as { format: unknown }, 'format', 'get');
    const built = vi.spyOn(Intl, 'NumberFormat');
    const got: string[][] = [];
    try {
      for (const v of values) if (!String(v).includes('e')) got.push(intl.map((_, d) => formatNumber(v, d)));
      expect(built).not.toHaveBeenCalled();
      expect(used).not.toHaveBeenCalled();
      expect(formatNumber(1e21, 0)).toBe('1,000,000,000,000,000,000,000'); // String writes 1e+21: Intl's
      expect(used).toHaveBeenCalled();
    } finally {
      built.mockRestore();
      used.mockRestore();
    }
    values.splice(0, values.length, ...values.filter((v) => !String(v).includes('e')));
    expect(values.length).toBeGreaterThan(40_000);
    const off: string[] = [];
    values.forEach((v, i) => {
      for (let d = 0; d <= 6; d++) if (got[i][d] !== intl[d].format(v) && off.length < 10) off.push(`${v} to ${d}: ${got[i][d]}, Intl ${intl[d].format(v)}`);
    });
    expect(off).toEqual([]);
  });
});
