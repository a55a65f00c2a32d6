/**
 * The scan's decoding runs in the piscina pool, never on the main thread: every file goes through
 * the pool's 'scanFile' task and comes back from a worker thread, while the readers' own functions
 * in the main thread's module instance are never called.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { READERS } from '../../../src/main/core/formats/registry.ts';
import { TaskPool, type ScanRunner } from '../../../src/main/core/jobs/task-pool.ts';
import { NODE_WORKER_PATH } from '../../../src/main/core/node-paths.ts';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';
import { SAMPLE_DIR } from '../../support/sample.ts';
import { P1_T0, writeP1 } from '../../support/p1-file.ts';

describe('import scans decode in the worker pool', () => {
  let t: TestCore;
  let pool: TaskPool;
  const seen: { sourceName: string; threadId: number; started: boolean }[] = [];

  beforeAll(() => {
    pool = new TaskPool(NODE_WORKER_PATH, 2);
    const runner: ScanRunner = {
      async scan(input, onStart) {
        const entry = { sourceName: input.sourceName, threadId: NaN, started: false };
        seen.push(entry);
        const r = await pool.scan(input, () => {
          entry.started = true;
          onStart();
        });
        entry.threadId = r.threadId;
        return r;
      },
      destroy: () => pool.destroy(),
    };
    t = startTestCore({ scanRunner: runner });
  });
  afterAll(async () => {
    await t.close();
    await pool.destroy();
  });

  it('every file of the scan is a pool task answered by a worker thread; no reader runs on the main thread', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'pods'));
    for (let i = 1; i <= 4; i++) writeP1(join(dir, 'pods', `u${i}.p1`), `P1-000${i}`);
    const spies = READERS.map((r) => vi.spyOn(r, 'read'));
    try {
      const s = await t.call('sessions:create', { name: 'pool', startMs: P1_T0, endMs: P1_T0 + 10_000 });
      const r = await t.call('imports:scan', { sessionId: s.id, paths: [join(dir, 'pods'), SAMPLE_DIR] });
      expect(r.files.length).toBe(4 + 10);
      expect(seen.map((x) => x.sourceName).sort()).toEqual(r.files.map((f) => f.sourceName).sort());
      expect(isMainThread).toBe(true);
      for (const x of seen) {
        expect(x.threadId).toBeGreaterThan(0);
        expect(x.threadId).not.toBe(threadId);
        expect(x.started).toBe(true);
      }
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      // The rescan goes through the pool too.
      const before = seen.length;
      await t.call('imports:rescan', { scanId: r.scanId, fileId: r.files[0].fileId });
      expect(seen.length).toBe(before + 1);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  it("a unit drive's file (devices/file-probe.ts) is decoded in the pool for its time range, not on the main thread", async () => {
    const dir = makeTempDir();
    writeP1(join(dir, 'watch.p1'), 'P1-0009');
    writeFileSync(join(dir, 'notes.txt'), 'not a data file');
    const spies = READERS.map((r) => vi.spyOn(r, 'read'));
    try {
      // 50 fixes 100 ms apart and 500 IMU samples 10 ms apart from P1_T0: the last sample at +4.99 s.
      expect(await pool.timeRange(join(dir, 'watch.p1'))).toEqual({ startMs: P1_T0, endMs: P1_T0 + 4990 });
      expect(await pool.timeRange(join(dir, 'notes.txt'))).toBeNull();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});
