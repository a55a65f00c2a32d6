/**
 * Reads a whole file into a buffer that is reused between calls on the same thread. A worker
 * processes one unit after another, each ~20 MB of CSV: reusing the buffer spares the allocator
 * and the garbage collector that much per file. The bytes are only valid until the next call.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { freeNow } from '../util/scratch.ts';

let shared = new Uint8Array(0);

/**
 * Lets the buffer go (a thread kept idle need not hold a file's worth of memory); the next read
 * makes another. Detached, so its memory is freed now, not at a garbage collection.
 */
export function releaseFileBuffer(): void {
  freeNow(shared.buffer);
  shared = new Uint8Array(0);
}

/** Bytes the buffer holds now (0 once released). */
export function fileBufferBytes(): number {
  return shared.byteLength;
}

export function readFileReusing(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (shared.length < size) shared = new Uint8Array(Math.ceil(size * 1.25));
    let off = 0;
    while (off < size) {
      const n = readSync(fd, shared, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return shared.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}
