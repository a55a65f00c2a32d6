/** Stale detection: which results processing now would compute differently, and what the app says. */
import { describe, expect, it } from 'vitest';
import { dataKey, samePeriods, staleNotice, staleReasons } from '../../../src/shared/domain/staleness.ts';
import type { DataFile } from '../../../src/shared/domain/session.ts';

const warm = { id: 'p1', name: 'Warm-up', startMs: 1000, endMs: 2000 };
const drill = { id: 'p2', name: 'Drill A', startMs: 2000, endMs: 3000 };
const gps: DataFile = { format: 'player1-gps-csv', path: '/store/ab/abc', sourceName: 'P1-1001/gps.csv', size: 100, sha256: 'abc', clockOffsetMs: 0 };
const imu: DataFile = { format: 'player1-imu-csv', path: '/store/de/def', sourceName: 'P1-1001/imu.csv', size: 900, sha256: 'def', clockOffsetMs: 0 };
const window = { startMs: 0, endMs: 5400_000 };
const now = { settingsKey: 'K', algorithmVersion: '0.2.0', periods: [warm, drill], window, dataKey: dataKey([gps, imu]) };

describe('stale detection', () => {
  it('a result computed with the same settings, algorithm and periods is current', () => {
    expect(staleReasons({ settingsKey: 'K', algorithmVersion: '0.2.0', periods: [drill, warm], window: { ...window }, dataKey: dataKey([imu, gps]) }, now)).toEqual([]);
  });

  it('names each difference', () => {
    expect(staleReasons({ ...now, settingsKey: 'OTHER' }, now)).toEqual(['settings']);
    // Results from before the settings key was kept are never taken as current.
    expect(staleReasons({ ...now, settingsKey: null }, now)).toEqual(['settings']);
    expect(staleReasons({ ...now, algorithmVersion: '0.1.0' }, now)).toEqual(['algorithm']);
    expect(staleReasons({ settingsKey: 'X', algorithmVersion: '0.1.0', periods: [], window: null, dataKey: null }, now)).toEqual(['settings', 'algorithm', 'periods', 'window', 'data']);
  });

  it('window: the session was moved or resized since', () => {
    expect(staleReasons({ ...now, window: { startMs: 0, endMs: 5400_001 } }, now)).toEqual(['window']);
    expect(staleReasons({ ...now, window: { startMs: -1, endMs: 5400_000 } }, now)).toEqual(['window']);
    // Results from before the window was kept are never taken as current.
    expect(staleReasons({ ...now, window: null }, now)).toEqual(['window']);
  });

  it("data: a file added, removed or replaced, another clock offset or read options; not the files' order or name", () => {
    expect(staleReasons({ ...now, dataKey: dataKey([gps]) }, now)).toEqual(['data']);
    expect(staleReasons({ ...now, dataKey: dataKey([gps, imu, { ...imu, sha256: 'fed' }]) }, now)).toEqual(['data']);
    expect(staleReasons({ ...now, dataKey: dataKey([gps, { ...imu, sha256: 'xyz' }]) }, now)).toEqual(['data']);
    expect(staleReasons({ ...now, dataKey: dataKey([gps, { ...imu, clockOffsetMs: -3000 }]) }, now)).toEqual(['data']);
    expect(staleReasons({ ...now, dataKey: dataKey([gps, { ...imu, options: { timeZone: 'Europe/London' } }]) }, now)).toEqual(['data']);
    expect(staleReasons({ ...now, dataKey: null }, now)).toEqual(['data']);
    // The same content under another name or store path, listed in another order, with options
    // that are all defaults, is the same data.
    expect(dataKey([{ ...imu, sourceName: 'renamed.csv', path: '/elsewhere' }, { ...gps, options: {} }])).toBe(dataKey([gps, imu]));
    // A file read in place (no stored copy) is known by its path and size.
    const inPlace: DataFile = { ...gps, sha256: null, path: '/mnt/watch/a.fit', format: 'fit' };
    expect(dataKey([inPlace])).not.toBe(dataKey([{ ...inPlace, size: 101 }]));
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
