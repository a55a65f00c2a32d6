/**
 * The raw store's staging area for files dropped where no path exists (a browser through the dev
 * bridge): `<raw>/.staging/<batchId>/<relativePath>`. Bytes arrive in order, in chunks; a file
 * is written under a hidden part name and renamed into place (after fsync) when complete, so a
 * scan never sees half a file. A batch is scanned like a folder; batches are removed a day after
 * they were last written. Nothing here is the raw store itself: importing copies into it.
 */
import { link, mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ParsedInput } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { MAX_UPLOAD_CHUNK_BYTES, type UploadResult } from '../../../shared/api/imports.contract.ts';

interface Pending {
  batchId: string;
  relativePath: string;
  totalBytes: number;
  received: number;
  part: string;
  busy: boolean;
}

/** Batches untouched for this long are removed. */
export const STAGING_TTL_MS = 24 * 3600_000;

export class UploadStaging {
  readonly root: string;
  private readonly clock: () => number;
  private readonly pending = new Map<string, Pending>();
  private swept = false;

  constructor(root: string, clock: () => number) {
    this.root = root;
    this.clock = clock;
  }

  batchPath(batchId: string): string {
    return join(this.root, batchId.toLowerCase());
  }

  async receive(c: ParsedInput<'imports:upload'>): Promise<UploadResult> {
    const bytes = Buffer.from(c.data, 'base64');
    if (bytes.length > MAX_UPLOAD_CHUNK_BYTES) {
      throw new AppError('VALIDATION', `a chunk holds at most ${MAX_UPLOAD_CHUNK_BYTES} bytes (this one ${bytes.length})`);
    }
    const batch = this.batchPath(c.batchId);
    let p = this.pending.get(c.uploadId);
    if (c.offset === 0) {
      if (p?.busy) throw new AppError('CONFLICT', `${c.relativePath}: a chunk of this upload is still being written`);
      if (p) await rm(p.part, { force: true });
      if (!this.swept) {
        this.swept = true;
        await this.sweep();
      }
      await mkdir(batch, { recursive: true });
      p = { batchId: c.batchId, relativePath: c.relativePath, totalBytes: c.totalBytes, received: 0, part: join(batch, `.part-${c.uploadId}`), busy: false };
      this.pending.set(c.uploadId, p);
    } else if (!p) {
      throw new AppError('NOT_FOUND', `${c.relativePath}: no upload ${c.uploadId} in progress; send it again from offset 0`);
    }
    if (p.batchId !== c.batchId || p.relativePath !== c.relativePath || p.totalBytes !== c.totalBytes) {
      throw new AppError('VALIDATION', `${c.relativePath}: this chunk does not belong to upload ${c.uploadId}`);
    }
    if (p.busy) throw new AppError('CONFLICT', `${c.relativePath}: send the chunks one after another`);
    if (c.offset !== p.received) {
      throw new AppError('VALIDATION', `${c.relativePath}: chunk at byte ${c.offset}, but ${p.received} bytes were received; send the chunks in order`);
    }
    if (p.received + bytes.length > p.totalBytes) {
      throw new AppError('VALIDATION', `${c.relativePath}: more bytes than the announced ${p.totalBytes}`);
    }
    p.busy = true;
    let fh: FileHandle | null = null;
    try {
      fh = await open(p.part, c.offset === 0 ? 'w' : 'r+');
      await fh.write(bytes, 0, bytes.length, c.offset);
      p.received += bytes.length;
      const complete = p.received === p.totalBytes;
      if (complete) {
        await fh.sync();
        await fh.close();
        fh = null;
        const dest = join(batch, ...c.relativePath.split('/'));
        try {
          await mkdir(dirname(dest), { recursive: true });
          // link() refuses an existing name atomically: two uploads to one name never both win.
          await link(p.part, dest);
        } catch (e) {
          throw placed(e as NodeJS.ErrnoException, c.relativePath);
        }
        await rm(p.part, { force: true });
        this.pending.delete(c.uploadId);
      }
      return { uploadId: c.uploadId, received: p.received, complete, batchPath: batch };
    } catch (e) {
      this.pending.delete(c.uploadId);
      await rm(p.part, { force: true });
      throw e;
    } finally {
      p.busy = false;
      await fh?.close();
    }
  }

  /** Remove batches not written for STAGING_TTL_MS (uploads that were never imported). */
  async sweep(): Promise<string[]> {
    const removed: string[] = [];
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return removed;
    }
    const now = this.clock();
    for (const n of names) {
      const dir = join(this.root, n);
      try {
        if (now - (await stat(dir)).mtimeMs > STAGING_TTL_MS) {
          await rm(dir, { recursive: true, force: true });
          removed.push(n);
        }
      } catch {
        // gone meanwhile
      }
    }
    return removed;
  }
}

/** A name the disk refuses, said as what it means for the upload. */
function placed(e: NodeJS.ErrnoException, rel: string): Error {
  if (e.code === 'EEXIST' && e.syscall === 'link') return new AppError('CONFLICT', `${rel} was already uploaded in this batch`);
  if (e.code === 'EEXIST' || e.code === 'ENOTDIR') return new AppError('CONFLICT', `${rel}: a file and a folder of the same name in this batch`);
  if (e.code === 'ENAMETOOLONG') return new AppError('VALIDATION', `${rel}: the name is too long for this disk`);
  return e;
}
