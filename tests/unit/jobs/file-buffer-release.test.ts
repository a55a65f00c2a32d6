/**
 * A pool thread's file buffer (jobs/file-buffer.ts: grown to the largest file the thread parsed,
 * an import scan's ~22 MB for a 90-minute unit) is let go by a processing task whose files all
 * came from the decoded cache, and kept by one that parsed a file (the next likely parses too).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import processPlayer from '../../../src/main/workers/process-player.task.ts';
import { fileBufferBytes, readFileReusing } from '../../../src/main/core/jobs/file-buffer.ts';
import type { PlayerTaskInput } from '../../../src/main/core/jobs/player-task.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import { writeStandingGpsCsv } from '../../support/standing-gps.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-filebuf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2026, 2, 14, 10, 0);

function run(input: PlayerTaskInput) {
  const { port1, port2 } = new MessageChannel();
  try {
    return processPlayer({ input, port: port1 });
  } finally {
    port2.close();
  }
}

describe('the file buffer of a pool thread', () => {
  it('goes when every file of a task came from the decoded cache, and stays when one was parsed', () => {
    const src = writeStandingGpsCsv(dir, 600, T0);
    const path = join(dir, 'stored.raw');
    cpSync(src, path);
    const size = statSync(path).size;
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    const input: PlayerTaskInput = {
      sessionId: 's',
      playerId: 'p',
      deviceId: 'P1-0001',
      files: [{ format: 'player1-gps-csv', path, sourceName: 'u/gps.csv', size, sha256, clockOffsetMs: 0, options: { referenceMs: T0 } }],
      window: { startMs: T0, endMs: T0 + 600_000 },
      periods: [],
      settings: DEFAULT_SETTINGS,
      decodedCacheRoot: join(dir, 'decoded'),
    };
    // First: no entry yet, the file is parsed (through the buffer) and cached; the buffer stays.
    const first = run(input);
    expect(first.ok && first.decodes).toEqual({ parsed: 1, cached: 0 });
    expect(fileBufferBytes()).toBeGreaterThanOrEqual(size);
    // Again: read from the entry; the buffer is let go.
    const second = run(input);
    expect(second.ok && second.decodes).toEqual({ parsed: 0, cached: 1 });
    expect(fileBufferBytes()).toBe(0);
    // The next parse makes a buffer again, with the file's bytes.
    expect(Buffer.from(readFileReusing(path)).equals(readFileSync(path))).toBe(true);
    expect(fileBufferBytes()).toBeGreaterThanOrEqual(size);
  });
});
