/**
 * A restore whose commit fails after the swap has started (the journal write refused): the old
 * data, set aside under `.restore-<id>/old`, is the user's only copy and must not be removed; the
 * error says nothing was deleted and to restart; the next start undoes the swap (old data back).
 * The fault is injected by replacing commitSwap with one that throws (the real swap runs).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type * as Swap from '../../../src/main/core/backup/restore-swap.ts';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { backupThenChange, call, dataState, startLive } from './helpers.ts';

vi.mock('../../../src/main/core/backup/restore-swap.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof Swap>();
  return {
    ...orig,
    commitSwap: () => {
      throw new Error('EIO: i/o error, write restore-journal.json');
    },
  };
});

let dataDir: string;
let out: string;

beforeAll(() => {
  dataDir = makeTempDir('p1-restore-fault-');
  out = makeTempDir('p1-restore-fault-out-');
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('restore whose commit fails after the swap started', () => {
  it('deletes nothing, says to restart, and the next start puts the old data back', async () => {
    const live = startLive(dataDir);
    let old: ReturnType<typeof dataState>;
    try {
      const archive = await backupThenChange(live, out);
      old = dataState(dataDir);
      const v = await call(live, 'backup:verify', { path: archive });
      const err = await call(live, 'backup:restore', { token: v.token }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/Nothing was deleted: restart Player1 now/);
      expect(err?.message).not.toMatch(/Your data is as it was/);
      // The old data is still there, set aside, with the journal that says how to undo.
      const work = readdirSync(dataDir).filter((n) => n.startsWith('.restore-'));
      expect(work.length).toBe(1);
      expect(existsSync(join(dataDir, work[0], 'old', 'player1.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'restore-journal.json'))).toBe(true);
      // The service is not left busy.
      expect((await call(live, 'backup:info')).busy).toBeNull();
    } finally {
      await live.close();
    }
    // Next start: the swap is undone, the old data whole.
    const t = startTestCore({ dataDir });
    await t.close(true);
    expect(dataState(dataDir)).toEqual(old);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-') || n === 'restore-journal.json')).toEqual([]);
  }, 120_000);
});
