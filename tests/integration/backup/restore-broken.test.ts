/**
 * A restore whose new data does not open and whose roll-back then fails leaves no open core: the
 * app answers every call "restart Player1" (UNAVAILABLE) instead of failing on a closed database,
 * deletes nothing, and the next start undoes the swap (its own roll-back, not the mocked export).
 * Faults injected: the core refuses to open
 * mid-restore, and rollBack throws (the real swap runs).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type * as App from '../../../src/main/core/app.ts';
import type * as Swap from '../../../src/main/core/backup/restore-swap.ts';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { backupThenChange, call, dataState, startLive } from './helpers.ts';

vi.mock('../../../src/main/core/app.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof App>();
  return {
    ...orig,
    createCore: (opts: Parameters<typeof orig.createCore>[0]) => {
      if (opts.midRestore) throw new Error('the restored database is locked');
      return orig.createCore(opts);
    },
  };
});
vi.mock('../../../src/main/core/backup/restore-swap.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof Swap>();
  return {
    ...orig,
    rollBack: () => {
      throw new Error('EIO: i/o error, rename');
    },
  };
});

let dataDir: string;
let out: string;
beforeAll(() => {
  dataDir = makeTempDir('p1-restore-broken-');
  out = makeTempDir('p1-restore-broken-out-');
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('restore that can neither open the new data nor put the old back', () => {
  it('answers "restart Player1", deletes nothing, and the next start restores the old data', async () => {
    const live = startLive(dataDir);
    let old: ReturnType<typeof dataState>;
    try {
      const archive = await backupThenChange(live, out);
      old = dataState(dataDir);
      const v = await call(live, 'backup:verify', { path: archive });
      await expect(call(live, 'backup:restore', { token: v.token })).rejects.toThrow(/Nothing was deleted: restart Player1 now/);
      const r = await live.dispatch('sessions:list', undefined);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('UNAVAILABLE');
        expect(r.error.message).toMatch(/^restart Player1: a restore could not reopen the data/);
      }
      const work = readdirSync(dataDir).filter((n) => n.startsWith('.restore-'));
      expect(work.length).toBe(1);
      expect(existsSync(join(dataDir, work[0], 'old', 'player1.sqlite'))).toBe(true);
    } finally {
      await live.close();
    }
    const t = startTestCore({ dataDir });
    await t.close(true);
    expect(dataState(dataDir)).toEqual(old);
  }, 120_000);
});
