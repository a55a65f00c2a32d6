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

  it('refuses a period no session can hold (before 2000, after 2099) in its own words, not the contract\'s bounds', () => {
    expect(() => parsePeriodOption('A=1990-07-18T06:44:00Z/1990-07-18T07:00:00Z')).toThrow(
      new UsageError('--period "A=1990-07-18T06:44:00Z/1990-07-18T07:00:00Z": a period lies between 2000 and 2099, as a session does'),
    );
    expect(() => parsePeriodOption('A=2099-12-31T23:00:00Z/2100-01-01T00:00:01Z')).toThrow(/between 2000 and 2099/);
    // The edges themselves are inside.
    expect(parsePeriodOption('A=2000-01-01T00:00:00Z/2000-01-01T00:01:00Z').startMs).toBe(Date.UTC(2000, 0, 1));
    expect(parsePeriodOption('A=2099-12-31T23:59:00Z/2100-01-01T00:00:00Z').endMs).toBe(Date.UTC(2100, 0, 1));
  });
});
