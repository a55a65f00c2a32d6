/**
 * One player's effort table as the app and the report show it: rows per kind in time order, cells
 * in the display units (converted by hand below), the period each effort starts in, and a scope
 * that keeps the efforts starting inside a period, as the period's counts do.
 */
import { describe, expect, it } from 'vitest';
import { effortSummary, effortTable } from '../../../src/shared/domain/effort-table.ts';
import type { EffortLists } from '../../../src/shared/domain/player-result.ts';
import { SI_UNITS } from '../../../src/shared/domain/units.ts';

const at = (min: number, s = 0) => Date.UTC(2026, 2, 14, 10, min, s);
const effort = (startMs: number, distanceM: number, v: [number, number, number]) => ({ startMs, durationS: 1.25, distanceM, startSpeedMs: v[0], endSpeedMs: v[1], maxSpeedMs: v[2] });
const lists: EffortLists = {
  sprints: [effort(at(1), 9.144, [7, 7.5, 8]), effort(at(7, 30), 20, [7.2, 7, 9])],
  accels: [
    { thresholdMs2: 2, efforts: [{ ...effort(at(2), 1.8288, [2, 3, 3]), peakAccelMs2: 2.456 }] },
    { thresholdMs2: 3, efforts: [] },
  ],
  decels: [
    { thresholdMs2: 2, efforts: [{ ...effort(at(6), 5, [6, 3, 6]), peakAccelMs2: -2.347 }] },
    { thresholdMs2: 3, efforts: [] },
  ],
};
const periods = [
  { name: 'First half', startMs: at(0), endMs: at(5) },
  { name: 'Second half', startMs: at(5), endMs: at(10) },
];

describe('effort table', () => {
  it('lists every effort with its period, in km/h and yards', () => {
    const t = effortTable(lists, { units: { speed: 'km/h', distance: 'yd' }, timeZone: 'UTC', periods });
    expect(t.columns).toEqual(['Effort', 'Start', 'Period', 'Duration (s)', 'Distance (yd)', 'Start speed (km/h)', 'End speed (km/h)', 'Top speed (km/h)', 'Peak acc. (m/s²)']);
    expect(t.summary).toBe('2 sprints · 1 acc. ≥ 2 m/s² · 0 acc. ≥ 3 m/s² · 1 dec. ≤ −2 m/s² · 0 dec. ≤ −3 m/s²');
    // 9.144 m = 10 yd; 7, 7.5, 8 m/s × 3.6 = 25.2, 27.0, 28.8 km/h; 1.25 s → "1.3" (0.1 s, half away from zero).
    // 20 m / 0.9144 = 21.87 yd; 7.2, 7, 9 m/s = 25.92 → "25.9", 25.2, 32.4 km/h.
    // Peak acceleration in m/s² whatever the display units, to 0.01: 2.456 → "2.46", −2.347 → "-2.35"; a sprint has none.
    expect(t.rows).toEqual([
      ['Sprint', '10:01:00', 'First half', '1.3', '10.0', '25.2', '27.0', '28.8', '–'],
      ['Sprint', '10:07:30', 'Second half', '1.3', '21.9', '25.9', '25.2', '32.4', '–'],
      ['Acceleration ≥ 2 m/s²', '10:02:00', 'First half', '1.3', '2.0', '7.2', '10.8', '10.8', '2.46'],
      ['Deceleration ≤ −2 m/s²', '10:06:00', 'Second half', '1.3', '5.5', '21.6', '10.8', '21.6', '-2.35'],
    ]);
  });

  it('a period scope keeps the efforts that start in it; no periods, no Period column; SI stays SI', () => {
    const t = effortTable(lists, { units: SI_UNITS, timeZone: 'UTC', periods: null, scope: periods[1] });
    expect(t.columns).toEqual(['Effort', 'Start', 'Duration (s)', 'Distance (m)', 'Start speed (m/s)', 'End speed (m/s)', 'Top speed (m/s)', 'Peak acc. (m/s²)']);
    expect(t.summary).toBe('1 sprint · 0 acc. ≥ 2 m/s² · 0 acc. ≥ 3 m/s² · 1 dec. ≤ −2 m/s² · 0 dec. ≤ −3 m/s²');
    expect(t.rows).toEqual([
      ['Sprint', '10:07:30', '1.3', '20.0', '7.20', '7.00', '9.00', '–'],
      ['Deceleration ≤ −2 m/s²', '10:06:00', '1.3', '5.0', '6.00', '3.00', '6.00', '-2.35'],
    ]);
    // An effort at the period's end belongs to the next one: [start, end).
    expect(effortTable(lists, { units: SI_UNITS, periods: null, scope: { startMs: at(0), endMs: at(1) } }).rows).toEqual([]);
  });

  it('names a threshold as the column labels do, to 0.01 m/s²: 3.25 is not "3.3"', () => {
    // The team's bands at 3.25 and 4.05 m/s²: an effort at 3.26 m/s² must not read "≥ 3.3".
    const odd: EffortLists = { sprints: [], accels: [{ thresholdMs2: 3.25, efforts: [effort(at(2), 2, [2, 3, 3])] }, { thresholdMs2: 4.05, efforts: [] }], decels: [{ thresholdMs2: 3.25, efforts: [] }] };
    const t = effortTable(odd, { units: SI_UNITS, timeZone: 'UTC', periods: null });
    expect(t.summary).toBe('0 sprints · 1 acc. ≥ 3.25 m/s² · 0 acc. ≥ 4.05 m/s² · 0 dec. ≤ −3.25 m/s²');
    expect(t.rows[0][0]).toBe('Acceleration ≥ 3.25 m/s²');
    // An effort computed before peaks were kept has none: "–", not 0.
    expect(t.rows[0].at(-1)).toBe('–');
  });

  it('the summary alone (a closed list row) counts as the table does, in or out of a scope', () => {
    expect(effortSummary(lists)).toBe('2 sprints · 1 acc. ≥ 2 m/s² · 0 acc. ≥ 3 m/s² · 1 dec. ≤ −2 m/s² · 0 dec. ≤ −3 m/s²');
    // The second half starts at 10:05: one sprint (10:07:30) and the deceleration (10:06).
    expect(effortSummary(lists, { startMs: at(5), endMs: at(10) })).toBe('1 sprint · 0 acc. ≥ 2 m/s² · 0 acc. ≥ 3 m/s² · 1 dec. ≤ −2 m/s² · 0 dec. ≤ −3 m/s²');
  });
});
