/**
 * A full disk (a small tmpfs) and a read-only data folder: atomic writes (reports, the CLI's
 * copies) and the raw store fail with the system's error (ENOSPC, EROFS) and leave nothing
 * half-written: the previous file is whole, no temp file is left. Needs root to mount a tmpfs;
 * skipped with a message otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeTempDir } from '../../support/core.ts';
import { copyFileAtomic, writeFileAtomic } from '../../../src/main/core/util/atomic-write.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';

const mountPoint = makeTempDir('p1-diskfull-');
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
