/**
 * A file downloaded from a unit carries the unit's clock offset; the worker moves its times onto
 * the laptop clock before anything is computed against the session window.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStandingGpsCsv } from '../../support/standing-gps.ts';
import { runPlayerTask } from '../../../src/main/core/jobs/player-task.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 2, 14, 10, 0);
// 60 s at 10 Hz, in the unit's clock, standing still.
const path = writeStandingGpsCsv(dir, 600, T0);

function run(clockOffsetMs: number) {
  return runPlayerTask({
    sessionId: 's',
    playerId: 'p',
    deviceId: 'P1-0001',
    files: [{ format: 'player1-gps-csv', path, sourceName: 'P1-0001/gps.csv', size: statSync(path).size, sha256: null, clockOffsetMs }],
    // Window from 5 s before the unit's first sample to 10 s after it, laptop time.
    window: { startMs: T0 - 5000, endMs: T0 + 10_000 },
    periods: [],
    settings: DEFAULT_SETTINGS,
  });
}

describe('clock offset at processing', () => {
  it('subtracts the unit clock offset from every time before the window is applied', () => {
    const plain = run(0);
    const ahead = run(2500); // unit clock 2.5 s ahead: its first sample is at T0 − 2.5 s laptop time
    expect(plain.ok && ahead.ok).toBe(true);
    if (!plain.ok || !ahead.ok) return;
    expect(plain.firstMs).toBe(T0);
    expect(ahead.firstMs).toBe(T0 - 2500);
    expect(ahead.lastMs).toBe(T0 + 59_900 - 2500);
    // In the half-open window: T0 … T0+9.9 s without the offset, T0−2.5 s … T0+9.9 s with it.
    expect(plain.metrics.duration_s).toBeCloseTo(9.9, 9);
    expect(ahead.metrics.duration_s).toBeCloseTo(12.4, 9);
    expect(ahead.problems.find((p) => p.code === 'clock-offset-applied')?.message).toMatch(/ahead of the laptop by 2500 ms/);
    expect(plain.problems.some((p) => p.code === 'clock-offset-applied')).toBe(false);
  });
});
