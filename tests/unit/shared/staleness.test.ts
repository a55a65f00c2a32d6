/** Stale detection: which results processing now would compute differently, and what the app says. */
import { describe, expect, it } from 'vitest';
import { samePeriods, staleNotice, staleReasons } from '../../../src/shared/domain/staleness.ts';

const warm = { id: 'p1', name: 'Warm-up', startMs: 1000, endMs: 2000 };
const drill = { id: 'p2', name: 'Drill A', startMs: 2000, endMs: 3000 };
const now = { settingsKey: 'K', algorithmVersion: '0.2.0', periods: [warm, drill] };

describe('stale detection', () => {
  it('a result computed with the same settings, algorithm and periods is current', () => {
    expect(staleReasons({ settingsKey: 'K', algorithmVersion: '0.2.0', periods: [drill, warm] }, now)).toEqual([]);
  });

  it('names each difference', () => {
    expect(staleReasons({ ...now, settingsKey: 'OTHER' }, now)).toEqual(['settings']);
    // Results from before the settings key was kept are never taken as current.
    expect(staleReasons({ ...now, settingsKey: null }, now)).toEqual(['settings']);
    expect(staleReasons({ ...now, algorithmVersion: '0.1.0' }, now)).toEqual(['algorithm']);
    expect(staleReasons({ settingsKey: 'X', algorithmVersion: '0.1.0', periods: [] }, now)).toEqual(['settings', 'algorithm', 'periods']);
  });

  it('periods: added, deleted, renamed or moved since', () => {
    expect(samePeriods([warm], [warm, drill])).toBe(false);
    expect(samePeriods([warm, drill], [warm])).toBe(false);
    expect(samePeriods([warm, drill], [{ ...warm, name: 'Warm up' }, drill])).toBe(false);
    expect(samePeriods([warm, drill], [warm, { ...drill, endMs: 3001 }])).toBe(false);
    expect(samePeriods([warm, drill], [warm, { ...drill, id: 'p3' }])).toBe(false);
    // Same length but one listed twice is not the same set.
    expect(samePeriods([warm, warm], [warm, drill])).toBe(false);
    expect(samePeriods([], [])).toBe(true);
  });

  it('says so in one sentence next to Process Report', () => {
    expect(staleNotice([])).toBeNull();
    expect(staleNotice(['settings'])).toBe('Computed with older settings — Process Report again to update.');
    expect(staleNotice(['periods', 'settings'])).toBe('Computed with older settings and older periods — Process Report again to update.');
    expect(staleNotice(['periods', 'algorithm', 'settings'])).toBe(
      'Computed with older settings, another algorithm version and older periods — Process Report again to update.',
    );
    expect(staleNotice(['settings'], { stale: 2, of: 5 })).toBe('2 of 5 results were computed with older settings — Process Report again to update.');
    expect(staleNotice(['settings'], { stale: 5, of: 5 })).toBe('Computed with older settings — Process Report again to update.');
  });
});
