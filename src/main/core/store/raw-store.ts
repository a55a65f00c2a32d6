/**
 * Content-addressed store for raw files exactly as they came off a unit or out of a folder:
 * `<root>/<first two hex digits>/<sha256>`. Files are written to a temp name, fsync'd and renamed,
 * so a crash never leaves a half file under a real name, and storing the same bytes again is a
 * no-op. Stored files are never modified; processing reads them in place.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export interface StoredFile {
  sha256: string;
  path: string;
  size: number;
  /** False when identical bytes were already stored. */
  added: boolean;
}

const CHUNK = 1 << 20;

export class RawStore {
  readonly root: string;
  constructor(root: string) {
    this.root = root;
    mkdirSync(join(root, 'tmp'), { recursive: true });
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Copy a file into the store, hashing it on the way (one read pass). */
  putFile(source: string): StoredFile {
    const tmp = join(this.root, 'tmp', `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    const src = openSync(source, 'r');
    const dst = openSync(tmp, 'w');
    try {
      for (;;) {
        const n = readSync(src, buf, 0, CHUNK, null);
        if (n === 0) break;
        hash.update(buf.subarray(0, n));
        writeSync(dst, buf, 0, n);
        size += n;
      }
      fsyncSync(dst);
    } catch (err) {
      closeSync(dst);
      rmSync(tmp, { force: true });
      throw err;
    } finally {
      closeSync(src);
    }
    closeSync(dst);
    return this.land(tmp, hash.digest('hex'), size);
  }

  putBytes(bytes: Uint8Array): StoredFile {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.has(sha256)) return { sha256, path: this.pathOf(sha256), size: bytes.length, added: false };
    const tmp = join(this.root, 'tmp', `${randomBytes(8).toString('hex')}.part`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return this.land(tmp, sha256, bytes.length);
  }

  private land(tmp: string, sha256: string, size: number): StoredFile {
    const dest = this.pathOf(sha256);
    if (existsSync(dest) && statSync(dest).size === size) {
      rmSync(tmp, { force: true });
      return { sha256, path: dest, size, added: false };
    }
    mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
    renameSync(tmp, dest);
    return { sha256, path: dest, size, added: true };
  }
}
