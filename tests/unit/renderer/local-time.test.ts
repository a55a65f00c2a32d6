import { describe, expect, it } from 'vitest';
import { fromLocal, toDateInput, toTimeInput, windowFromInputs } from '../../../src/renderer/src/lib/local-time.ts';

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
  it('an end earlier than the start is the next day', () => {
    const w = windowFromInputs('2026-03-14', '23:00', '01:30');
    expect(w.startMs).toBe(new Date(2026, 2, 14, 23, 0).getTime());
    expect(w.endMs).toBe(new Date(2026, 2, 15, 1, 30).getTime());
  });
  it('an end equal to the start stays invalid (the core refuses it)', () => {
    const w = windowFromInputs('2026-03-14', '10:00', '10:00');
    expect(w.endMs).toBe(w.startMs);
  });
});
