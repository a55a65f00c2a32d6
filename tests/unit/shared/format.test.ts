/**
 * Times as the app and the report show them: in a given zone, or in the laptop's own zone, which
 * can change while the app is open (a laptop taken to an away game abroad).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatMoment, formatTime } from '../../../src/shared/domain/format.ts';

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
