import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The name of a temp file beside `path`: hidden, with the writing process's id (the start-up
 * sweep removes only temp files whose process is gone, never another live instance's) and a
 * random part. `isTempName` recognises it.
 */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** A temp file name written by tempNameFor: its writer's pid, or null (an older name without one). */
export function parseTempName(name: string): { pid: number | null } | null {
  const m = /^\..+\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/.exec(name);
  if (!m) return null;
  return { pid: m[1] ? Number(m[1]) : null };
}

/** fsync a folder so a rename into it survives a power cut (some filesystems refuse: then the rename is still atomic). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on filesystems without directory fsync
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a file so that readers only ever see the old or the new content: write a temp file in
 * the same folder, fsync it, rename it over the target, fsync the folder (so the rename itself
 * survives a power cut). `durable: false` skips both fsyncs (a file in a temporary dir that is
 * copied elsewhere and deleted: a crash loses it anyway). On any failure (disk full, read-only
 * folder) the temp file is removed and the target is untouched.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { durable?: boolean } = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = tempNameFor(path);
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    if (opts.durable !== false) fsyncSync(fd);
    closeSync(fd);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw err;
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  if (opts.durable !== false) fsyncDir(dir);
}

/** Copy a file the same way: a temp copy beside the target, fsync, rename over it, fsync the folder. */
export function copyFileAtomic(from: string, to: string, opts: { durable?: boolean } = {}): void {
  const dir = dirname(to);
  mkdirSync(dir, { recursive: true });
  const tmp = tempNameFor(to);
  try {
    copyFileSync(from, tmp);
    if (opts.durable !== false) {
      const fd = openSync(tmp, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, to);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  if (opts.durable !== false) fsyncDir(dir);
}
