import { describe, expect, it } from 'vitest';
import { parsePeriodOption } from '../../../src/main/cli/period-option.ts';
import { UsageError } from '../../../src/main/cli/args.ts';

describe('--period NAME=START/END', () => {
  it('reads ISO instants with a zone as UTC ms', () => {
    expect(parsePeriodOption('First half=2026-03-14T10:00:00Z/2026-03-14T10:05:00Z')).toEqual({
      name: 'First half',
      startMs: Date.UTC(2026, 2, 14, 10, 0),
      endMs: Date.UTC(2026, 2, 14, 10, 5),
    });
    // 11:00 at +01:00 is 10:00 UTC; seconds optional.
    expect(parsePeriodOption('Drill=2026-03-14T11:00+01:00/2026-03-14T11:02:30.5+01:00')).toEqual({
      name: 'Drill',
      startMs: Date.UTC(2026, 2, 14, 10, 0),
      endMs: Date.UTC(2026, 2, 14, 10, 2, 30, 500),
    });
  });

  it('refuses a missing name, a time without a zone, and an end before the start', () => {
    expect(() => parsePeriodOption('2026-03-14T10:00:00Z/2026-03-14T10:05:00Z')).toThrow(UsageError);
    expect(() => parsePeriodOption('A=2026-03-14T10:00:00/2026-03-14T10:05:00')).toThrow(/not an ISO 8601 instant with a zone/);
    expect(() => parsePeriodOption('A=2026-03-14T10:05:00Z/2026-03-14T10:00:00Z')).toThrow(/must end after it starts/);
    expect(() => parsePeriodOption('A=2026-03-14T10:00:00Z')).toThrow(/expected NAME=START\/END/);
  });
});
