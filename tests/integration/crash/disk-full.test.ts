/**
 * A full disk (a small tmpfs) and a read-only data folder: atomic writes (reports, the CLI's
 * copies) and the raw store fail with the system's error (ENOSPC, EROFS) and leave nothing
 * half-written: the previous file is whole, no temp file is left. Needs root to mount a tmpfs;
 * skipped with a message otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';
import { copyFileAtomic, parseTempName, writeFileAtomic } from '../../../src/main/core/util/atomic-write.ts';
import { ensureSampleSession } from '../../../src/main/core/sample/sample-session.ts';
import { SAMPLE_OPTIONS } from '../../support/sample.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';

const mountPoint = makeTempDir('p1-diskfull-');
const KILL_SAMPLE = join(REPO_ROOT, '.cache', 'kill-sample');
// The same units under other ids: a second import whose bytes are not in the raw store yet.
const KILL_SAMPLE_COPY = join(REPO_ROOT, '.cache', 'kill-sample-readonly');
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status === 0;

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!mounted)(`disk full and read-only${mounted ? '' : ' (skipped: mounting a tmpfs is not permitted here; run as root)'}`, () => {
  const big = randomBytes(400 * 1024);
  const outside = join(makeTempDir(), 'big.bin');
  beforeAll(() => writeFileSync(outside, big));
  afterAll(() => {
    spawnSync('umount', [mountPoint]);
  });

  it('disk full: the report write fails with ENOSPC, the previous report stays whole, no temp file', () => {
    const report = join(mountPoint, 'reports', 's1', 'report.html');
    writeFileAtomic(report, 'previous report');
    expect(() => writeFileAtomic(report, big)).toThrow(/ENOSPC/);
    expect(() => copyFileAtomic(outside, join(mountPoint, 'copy.bin'))).toThrow(/ENOSPC/);
    expect(readFileSync(report, 'utf8')).toBe('previous report');
    expect(allFiles(mountPoint)).toEqual([report]);
  });

  it('disk full: the raw store refuses the file and keeps nothing of it', async () => {
    const store = new RawStore(join(mountPoint, 'raw'));
    const small = await store.put(new TextEncoder().encode('a small file'));
    await expect(store.put({ path: outside })).rejects.toThrow(/ENOSPC/);
    await expect(store.put(big)).rejects.toThrow(/ENOSPC/);
    expect(await store.verify(small.sha256)).toBe(true);
    expect(allFiles(join(mountPoint, 'raw'))).toEqual([small.path]);
  });

  it('read-only folder: writes fail with EROFS and change nothing', async () => {
    expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
    const report = join(mountPoint, 'reports', 's1', 'report.html');
    const before = allFiles(mountPoint).sort();
    expect(() => writeFileAtomic(report, 'new')).toThrow(/EROFS/);
    expect(() => copyFileAtomic(outside, report)).toThrow(/EROFS/);
    await expect(new RawStore(join(mountPoint, 'raw')).put(new TextEncoder().encode('x'))).rejects.toThrow(/EROFS/);
    expect(readFileSync(report, 'utf8')).toBe('previous report');
    expect(allFiles(mountPoint).sort()).toEqual(before);
  });
});

/**
 * The same through the app's core, on a data folder that lives on its own small tmpfs: the user
 * sees the disk's problem in words naming the data folder (not the system's "ENOSPC: no space left
 * on device, write"), the step leaves nothing half-done, and it succeeds once space is freed.
 */
const appMount = makeTempDir('p1-diskfull-app-');
const appMounted = mounted && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', appMount]).status === 0;

describe.skipIf(!appMounted)(`the app on a full or read-only data folder${appMounted ? '' : ' (skipped: mounting a tmpfs is not permitted here; run as root)'}`, () => {
  const dataDir = join(appMount, 'Player1');
  let t: TestCore;
  let sessionId = '';
  const filler = join(appMount, 'filler.bin');
  /** Fills the disk until about `leaveBytes` are free. */
  const fill = (leaveBytes: number) => {
    const free = statfsSync(appMount).bavail * statfsSync(appMount).bsize;
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveBytes)));
  };
  const unfill = () => rmSync(filler, { force: true });
  const leftovers = () => allFiles(dataDir).filter((f) => parseTempName(basename(f)) || f.includes(join('raw', '.tmp')));

  beforeAll(() => {
    ensureSampleSession(KILL_SAMPLE, { ...SAMPLE_OPTIONS, players: 3, minutes: 4 });
    ensureSampleSession(KILL_SAMPLE_COPY, { ...SAMPLE_OPTIONS, players: 2, minutes: 3 });
    t = startTestCore({ dataDir });
  });
  afterAll(async () => {
    await t?.close(true).catch(() => {});
    spawnSync('umount', [appMount]);
  });

  it('disk full: an import is refused in words naming the data folder, links nothing, and works once space is freed', async () => {
    const s = await t.call('sessions:create', { name: 'Full disk', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 4 * 60_000 });
    sessionId = s.id;
    fill(600 * 1024);
    const r = await t.raw('sessions:importFolder', { id: s.id, folder: KILL_SAMPLE, storage: 'copy' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STORAGE');
    expect(r.error.message).toContain(`The disk holding the Player1 data folder (${dataDir}) is full: free some space on it and try again; nothing was saved from this step`);
    expect(r.error.message).not.toMatch(/no space left on device/i);
    // Nothing linked; every stored raw file whole; no temp file.
    expect((await t.call('sessions:get', { id: s.id })).participants).toEqual([]);
    for (const f of allFiles(join(dataDir, 'raw'))) expect(await t.core.ctx.rawStore.verify(basename(f).split('.')[0]), f).toBe(true);
    expect(leftovers()).toEqual([]);
    unfill();
    const ok = await t.call('sessions:importFolder', { id: s.id, folder: KILL_SAMPLE, storage: 'copy' });
    expect(ok.units).toHaveLength(3);
  });

  it('disk full: Process Report fails with the words, writes no report, and completes once space is freed', async () => {
    await t.core.jobs.whenIdle(sessionId);
    fill(16 * 1024);
    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const failed = await t.call('sessions:get', { id: sessionId });
    expect(failed.processingStatus).toBe('FAILED');
    expect(failed.error?.code).toBe('STORAGE');
    expect(failed.error?.message).toContain(`The disk holding the Player1 data folder (${dataDir}) is full`);
    expect(failed.error?.message).not.toMatch(/no space left on device/i);
    expect(failed.reportPath).toBeNull();
    expect(allFiles(dataDir).filter((f) => f.endsWith('.html'))).toEqual([]);
    expect(leftovers()).toEqual([]);
    unfill();
    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const done = await t.call('sessions:get', { id: sessionId });
    expect(done.processingStatus, JSON.stringify(done.error)).toBe('COMPLETED');
    expect(readFileSync(done.reportPath!, 'utf8')).toMatch(/<\/html>\s*$/);
  });

  it('read-only data folder: an import and Process Report are refused in words naming the data folder; nothing changes', async () => {
    // The raw store and reports folders made read-only under the running core (a bind mount onto
    // itself, remounted read-only: what a write-protected or read-only-mounted disk answers, EROFS).
    const ro = [join(dataDir, 'raw'), join(dataDir, 'reports')];
    const before = await t.call('sessions:get', { id: sessionId });
    const reportBefore = readFileSync(before.reportPath!, 'utf8');
    const filesBefore = allFiles(dataDir).filter((f) => !f.includes('player1.sqlite')).sort();
    for (const d of ro) {
      expect(spawnSync('mount', ['--bind', d, d]).status).toBe(0);
      expect(spawnSync('mount', ['-o', 'remount,bind,ro', d]).status).toBe(0);
    }
    try {
      const other = await t.call('sessions:create', { name: 'Read-only', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 4 * 60_000 });
      const r = await t.raw('sessions:importFolder', { id: other.id, folder: KILL_SAMPLE_COPY, storage: 'copy' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('STORAGE');
      expect(r.error.message).toContain(`The disk holding the Player1 data folder (${dataDir}) is read-only`);
      expect(r.error.message).toContain('nothing was saved from this step');
      expect(r.error.message).not.toMatch(/read-only file system/i);
      expect((await t.call('sessions:get', { id: other.id })).participants).toEqual([]);

      await t.call('jobs:start', { sessionId });
      await t.core.jobs.whenIdle(sessionId);
      const failed = await t.call('sessions:get', { id: sessionId });
      expect(failed.processingStatus).toBe('FAILED');
      expect(failed.error?.code).toBe('STORAGE');
      expect(failed.error?.message).toContain(`The disk holding the Player1 data folder (${dataDir}) is read-only`);
      expect(readFileSync(before.reportPath!, 'utf8')).toBe(reportBefore);
      expect(allFiles(dataDir).filter((f) => !f.includes('player1.sqlite')).sort()).toEqual(filesBefore);
    } finally {
      for (const d of ro) spawnSync('umount', [d]);
    }
  });
});
