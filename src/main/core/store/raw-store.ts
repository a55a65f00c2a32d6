/**
 * Content-addressed store for raw files as they came off a unit or a folder:
 * `<root>/<sha256[0..2]>/<sha256>`. A file lands atomically (temp file in the store, fsync,
 * rename, fsync of the directory), so a reader never sees half a file; putting content that is
 * already there is a no-op. Generic: device downloads and folder imports both use it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface StoredFile {
  sha256: string;
  path: string;
  size: number;
  /** True when identical content was already in the store (nothing written). */
  existed: boolean;
}

export interface PutFileOptions {
  /** Move the source into the store instead of copying it (same filesystem: a rename). */
  move?: boolean;
  /** Refuse to store unless the content hashes to this (lower-case hex). */
  expectedSha256?: string;
  /**
   * The caller has just hashed this exact file and vouches for the digest (a download that
   * hashed every verified chunk as it wrote it): skips re-reading the file. Move only.
   */
  trustedSha256?: { sha256: string; size: number };
}

export class ChecksumMismatchError extends Error {
  readonly expected: string;
  readonly actual: string;
  constructor(expected: string, actual: string, what: string) {
    super(`${what}: sha256 ${actual} does not match the expected ${expected}`);
    this.name = 'ChecksumMismatchError';
    this.expected = expected;
    this.actual = actual;
  }
}

const SHA_RE = /^[0-9a-f]{64}$/;

export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fsyncPath(path: string, flags = 'r'): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    await fh.close();
  }
}

export class RawStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  path(sha256: string): string {
    if (!SHA_RE.test(sha256)) throw new Error(`not a sha256 digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.path(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** Re-hashes the stored file: true only if it is there and intact. */
  async verify(sha256: string): Promise<boolean> {
    if (!(await this.has(sha256))) return false;
    return (await sha256File(this.path(sha256))).sha256 === sha256;
  }

  /** Stores bytes, or a file given by path. */
  async put(src: Uint8Array | { path: string }, opts: PutFileOptions = {}): Promise<StoredFile> {
    if (src instanceof Uint8Array) return this.putBytes(src, opts.expectedSha256);
    return this.putFile(src.path, opts);
  }

  private async putBytes(bytes: Uint8Array, expected?: string): Promise<StoredFile> {
    const sha256 = sha256Bytes(bytes);
    if (expected && expected !== sha256) throw new ChecksumMismatchError(expected, sha256, 'bytes');
    const dest = this.path(sha256);
    if (await this.has(sha256)) return { sha256, path: dest, size: bytes.length, existed: true };
    const tmp = await this.tempPath();
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (e) {
      // Disk full, read-only: nothing half-written stays in the store.
      await rm(tmp, { force: true });
      throw e;
    }
    return this.land(tmp, sha256, bytes.length);
  }

  private async putFile(path: string, opts: PutFileOptions): Promise<StoredFile> {
    // Content expected by its digest and already stored: that copy is the content (nothing to read).
    if (opts.expectedSha256 && !opts.move && (await this.has(opts.expectedSha256))) {
      // Still there and a file, as when the caller's digest was taken (gone: ENOENT, as a read would say).
      const st = await stat(path);
      if (!st.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: st.isDirectory() ? 'EISDIR' : 'EINVAL' });
      return { sha256: opts.expectedSha256, path: this.path(opts.expectedSha256), size: st.size, existed: true };
    }
    if (opts.expectedSha256 && !opts.move) return this.copyExpected(path, opts.expectedSha256);
    const { sha256, size } = opts.trustedSha256 && opts.move ? opts.trustedSha256 : await sha256File(path);
    if (opts.expectedSha256 && opts.expectedSha256 !== sha256) {
      throw new ChecksumMismatchError(opts.expectedSha256, sha256, path);
    }
    const dest = this.path(sha256);
    if (await this.has(sha256)) {
      if (opts.move) await rm(path, { force: true });
      return { sha256, path: dest, size, existed: true };
    }
    const tmp = await this.tempPath();
    if (opts.move) {
      await fsyncPath(path, 'r+');
      try {
        await rename(path, tmp);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
        await copyFile(path, tmp);
        await fsyncPath(tmp, 'r+');
        await rm(path, { force: true });
      }
    } else {
      try {
        await copyFile(path, tmp);
        await fsyncPath(tmp, 'r+');
      } catch (e) {
        // Disk full, read-only: nothing half-written stays in the store.
        await rm(tmp, { force: true });
        throw e;
      }
      // The copy could have raced with a writer: check what actually landed in tmp.
      const again = await sha256File(tmp);
      if (again.sha256 !== sha256) {
        await rm(tmp, { force: true });
        throw new ChecksumMismatchError(sha256, again.sha256, `${path} (changed while copying)`);
      }
    }
    return this.land(tmp, sha256, size);
  }

  /**
   * A copy of a file whose digest the caller knows (an import: the scan hashed it): copied first,
   * then the copy hashed once and compared with the digest, which proves both that the file is
   * still what was scanned and that the copy is whole (one read of the file instead of two).
   */
  private async copyExpected(path: string, expected: string): Promise<StoredFile> {
    const tmp = await this.tempPath();
    let got: { sha256: string; size: number };
    try {
      await copyFile(path, tmp);
      await fsyncPath(tmp, 'r+');
      got = await sha256File(tmp);
    } catch (e) {
      // Disk full, read-only, the file gone: nothing half-written stays in the store.
      await rm(tmp, { force: true });
      throw e;
    }
    if (got.sha256 !== expected) {
      await rm(tmp, { force: true });
      throw new ChecksumMismatchError(expected, got.sha256, path);
    }
    return this.land(tmp, expected, got.size);
  }

  private async land(tmp: string, sha256: string, size: number): Promise<StoredFile> {
    const dest = this.path(sha256);
    await mkdir(dirname(dest), { recursive: true });
    try {
      // link() fails if dest exists: a concurrent identical put wins, ours is dropped.
      await link(tmp, dest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        await rm(tmp, { force: true });
        return { sha256, path: dest, size, existed: true };
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      await rename(tmp, dest); // filesystems without hard links
    }
    await rm(tmp, { force: true });
    await fsyncPath(dirname(dest));
    return { sha256, path: dest, size, existed: false };
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, '.tmp');
    await mkdir(dir, { recursive: true });
    // The writer's pid in the name: the start-up sweep removes only temp files whose process is gone.
    return join(dir, `${Date.now()}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  }
}
