import { describe, expect, it } from 'vitest';
import { fromLocal, timeInWindow, toDateInput, toTimeInput, toTimeInputSeconds, windowFromInputs } from '../../../src/renderer/src/lib/local-time.ts';

// These run in the test process's time zone, whatever it is: each expectation is built from the
// same local calendar fields with Date, independently of the function under test.
describe('local date/time inputs <-> UTC ms', () => {
  it('round-trips a local date and time', () => {
    const ms = fromLocal('2026-03-14', '10:05');
    const d = new Date(ms);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 2, 14, 10, 5]);
    expect(toDateInput(ms)).toBe('2026-03-14');
    expect(toTimeInput(ms)).toBe('10:05');
  });
  it('a window that crosses midnight is asked for: it then ends the next day', () => {
    const w = windowFromInputs('2026-03-14', '23:00', '01:30', true);
    expect(w).toEqual({ ok: true, startMs: new Date(2026, 2, 14, 23, 0).getTime(), endMs: new Date(2026, 2, 15, 1, 30).getTime() });
  });
  it('an end at or before the start on the same day is refused at the end field, saying what to do', () => {
    for (const end of ['10:00', '09:00']) {
      const w = windowFromInputs('2026-03-14', '10:00', end);
      expect(w.ok).toBe(false);
      if (!w.ok) {
        expect(w.field).toBe('end');
        expect(w.message).toMatch(/Ends the next day/);
      }
    }
  });
  it('the next day does not make a window longer than 24 hours', () => {
    const w = windowFromInputs('2026-03-14', '10:00', '11:00', true);
    expect(w.ok).toBe(false);
  });
});

describe('a local time of day placed in the session window', () => {
  it('on the window\'s day', () => {
    const win = { startMs: new Date(2026, 2, 14, 10, 0).getTime(), endMs: new Date(2026, 2, 14, 11, 30).getTime() };
    expect(timeInWindow('10:45:30', win, 'first')).toBe(new Date(2026, 2, 14, 10, 45, 30).getTime());
    expect(timeInWindow('11:30', win, 'last')).toBe(win.endMs);
    // Outside the window: the window's day, so the core can say it lies outside.
    expect(timeInWindow('12:00', win, 'last')).toBe(new Date(2026, 2, 14, 12, 0).getTime());
  });
  it('after midnight in a window that crosses it', () => {
    const win = { startMs: new Date(2026, 2, 14, 23, 0).getTime(), endMs: new Date(2026, 2, 15, 1, 0).getTime() };
    expect(timeInWindow('23:30', win, 'first')).toBe(new Date(2026, 2, 14, 23, 30).getTime());
    expect(timeInWindow('00:15', win, 'first')).toBe(new Date(2026, 2, 15, 0, 15).getTime());
  });
  it('a 24-hour window: a start takes the first day, an end the last', () => {
    const win = { startMs: new Date(2026, 2, 14, 10, 0).getTime(), endMs: new Date(2026, 2, 15, 10, 0).getTime() };
    expect(timeInWindow('10:00', win, 'first')).toBe(win.startMs);
    expect(timeInWindow('10:00', win, 'last')).toBe(win.endMs);
  });
  it('HH:MM:SS for the inputs', () => {
    expect(toTimeInputSeconds(new Date(2026, 2, 14, 6, 5, 9).getTime())).toBe('06:05:09');
  });
});
