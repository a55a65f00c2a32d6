/**
 * A worker processes a file only as it was imported: the same size, and for the app's stored copy
 * the same SHA-256. Anything else fails the unit naming the file (the job runner keeps the unit's
 * earlier result); the end-to-end case with the real store is in process-session.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStandingGpsCsv } from '../../support/standing-gps.ts';
import { runPlayerTask } from '../../../src/main/core/jobs/player-task.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-integrity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 2, 14, 10, 0);
const path = writeStandingGpsCsv(dir, 100, T0);
const size = statSync(path).size;
const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');

const run = (file: { size: number; sha256: string | null }) =>
  runPlayerTask({
    sessionId: 's',
    playerId: 'p',
    deviceId: 'P1-0001',
    files: [{ format: 'player1-gps-csv', path, sourceName: 'P1-0001/gps.csv', clockOffsetMs: 0, ...file }],
    window: { startMs: T0, endMs: T0 + 10_000 },
    periods: [],
    settings: DEFAULT_SETTINGS,
  });

describe('a file changed since it was imported', () => {
  it('as imported (size, and hash for a stored copy): processed', () => {
    expect(run({ size, sha256 }).ok).toBe(true);
    expect(run({ size, sha256: null }).ok).toBe(true);
  });

  it('a file read in place whose size changed: fails naming it, with both sizes', () => {
    const r = run({ size: size + 7, sha256: null });
    expect(r).toMatchObject({
      ok: false,
      deviceId: 'P1-0001',
      error: {
        code: 'FILE_CHANGED',
        file: 'P1-0001/gps.csv',
        message: `P1-0001/gps.csv has changed since it was imported (${size + 7} bytes when imported, ${size} now; it is read where it is): import it again to process what it holds now`,
      },
    });
  });

  it("a stored copy of the right size whose hash differs: fails as damaged on disk", () => {
    const r = run({ size, sha256: '0'.repeat(64) });
    expect(!r.ok && r.error.message).toBe(
      "the app's stored copy of P1-0001/gps.csv has changed since it was imported (the same size, other content): it was damaged on disk; import the unit's file again",
    );
  });
});
