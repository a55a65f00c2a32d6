/**
 * Resumable, pipelined download of a Player1 unit's recordings (docs/device-protocol.md,
 * "Download" and "Resume"). Given a link that has done its handshake it:
 *   1. lists the recordings, keeps those overlapping the window (in host time: unit times − offset)
 *      and skips those whose sha256 is already in the raw store;
 *   2. for each, resumes from the journal's verified offset (or 0), keeps `pipeline` READs in
 *      flight, writes each verified chunk at its offset in `<rec>.part` and advances the journal;
 *   3. hashes the complete part file, compares with the unit's sha256, and moves it atomically
 *      into the raw store. A mismatch is a clear error and the bytes are kept aside as
 *      `<rec>.rejected`, never stored as good.
 * The chunk size adapts to the link: ~200 ms of transfer per chunk, between 2 KiB and the
 * unit's maximum, so a 9600-baud link still reports progress and a fast pty gets 64 KiB chunks.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { DeviceError } from '../device-error.ts';
import type { Player1Link, HelloResult } from '../protocol/link.ts';
import { RetryableError } from '../protocol/link.ts';
import type { RecordingEntry } from '../protocol/messages.ts';
import type { LandedFile, TimeWindow } from '../types.ts';
import { overlaps, withLanded } from '../types.ts';
import type { RawStore } from '../../store/raw-store.ts';
import { ChecksumMismatchError } from '../../store/raw-store.ts';
import type { DownloadJournal, JournalEntry } from './journal.ts';

export interface Player1DownloadOptions {
  link: Player1Link;
  hello: HelloResult;
  deviceId: string;
  journal: DownloadJournal;
  store: RawStore;
  /** Host-clock window; recordings not overlapping it are left on the unit. */
  window?: TimeWindow | null;
  /** Only these recording ids (after the window filter). */
  recordingIds?: number[];
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** READs in flight. Default: ~50 ms of transfer at the measured rate, between 4 and 16. */
  pipeline?: number;
  /** Attempts per chunk before giving up. Default 8. */
  chunkAttempts?: number;
  /** Fixed chunk size (bench/tests); default adapts to the link. */
  chunkSize?: number;
  /** fsync the part file and journal every this many bytes. Default 4 MiB. */
  syncEveryBytes?: number;
  /** Verified chunks are gathered and written to the part file in one write of up to this many bytes. */
  writeBatchBytes?: number;
  now?: () => number;
}

const MIN_CHUNK = 2 * 1024;
const JOURNAL_EVERY_MS = 25;
/** Verified chunks gathered into one write (bounded too by the journal interval: it flushes first). */
const DEFAULT_WRITE_BATCH = 1024 * 1024;
const IN_FLIGHT_MS = 50;
const MIN_PIPELINE = 4;
const MAX_PIPELINE = 16;
/** The receive loop waits for the disk only when this much is queued for it. */
const MAX_QUEUED_FOR_DISK = 8 * 1024 * 1024;
const START_CHUNK = 16 * 1024;

type Settled = { ok: true; data: Uint8Array } | { ok: false; err: unknown };

interface Slot {
  offset: number;
  length: number;
  attempts: number;
  sentAt: number;
  result: Promise<Settled>;
}

export function hostWindowOf(e: RecordingEntry, clockOffsetMs: number): TimeWindow {
  return { startMs: e.startMs - clockOffsetMs, endMs: e.endMs - clockOffsetMs };
}

export async function downloadPlayer1(o: Player1DownloadOptions): Promise<LandedFile[]> {
  const { link, hello, store, journal } = o;
  const unitId = hello.info.unitId;
  const offset = hello.clockOffsetMs;
  const now = o.now ?? Date.now;
  const entries = (await link.list()).filter((e) => {
    if (o.recordingIds && !o.recordingIds.includes(e.id)) return false;
    return !o.window || overlaps(hostWindowOf(e, offset), o.window);
  });

  const landed: LandedFile[] = [];
  const todo: { e: RecordingEntry; from: number; j: JournalEntry | null }[] = [];
  for (const e of entries) {
    if (await store.has(e.sha256)) {
      const w = hostWindowOf(e, offset);
      landed.push({
        deviceId: o.deviceId, unitId, recordingId: String(e.id), sha256: e.sha256, path: store.path(e.sha256),
        size: e.size, startMs: w.startMs, endMs: w.endMs, clockOffsetMs: offset, clockUncertaintyMs: Math.ceil(hello.rttMs / 2), alreadyStored: true, resumedFromOffset: e.size,
      });
      continue;
    }
    const j = await journal.read(unitId, String(e.id));
    let from = 0;
    if (j && j.size === e.size && j.sha256 === e.sha256 && j.verifiedOffset <= e.size) {
      from = Math.min(j.verifiedOffset, await journal.partSize(unitId, String(e.id)));
    }
    todo.push({ e, from, j });
  }

  const total = todo.reduce((s, t) => s + t.e.size, 0);
  let done = todo.reduce((s, t) => s + t.from, 0);
  o.onProgress?.(done, total);

  for (const t of todo) {
    try {
      const file = await fetchRecording(o, t.e, t.from, (n) => {
        done += n;
        o.onProgress?.(done, total);
      }, now);
      landed.push(file);
    } catch (e) {
      // The recordings that landed before this one are stored: they go with the error, to be linked.
      throw withLanded(e, landed);
    }
  }
  return landed;
}

async function fetchRecording(
  o: Player1DownloadOptions,
  e: RecordingEntry,
  resumeFrom: number,
  advanced: (n: number) => void,
  now: () => number,
): Promise<LandedFile> {
  const { hello, journal, store } = o;
  const unitId = hello.info.unitId;
  const rid = String(e.id);
  const w = hostWindowOf(e, hello.clockOffsetMs);
  const entry: JournalEntry = {
    v: 1, deviceId: o.deviceId, unitId, recordingId: rid, size: e.size, sha256: e.sha256,
    startMs: e.startMs, endMs: e.endMs, clockOffsetMs: hello.clockOffsetMs, verifiedOffset: resumeFrom, updatedAt: now(),
  };
  let from = resumeFrom;
  for (let pass = 0; pass < 2; pass++) {
    await writeJournal(journal, entry, from, now, true, unitId);
    const got = await transfer(o, e, from, entry, advanced, now);
    if (got.sha256 === e.sha256 && got.size === e.size) {
      try {
        const stored = await store.put({ path: journal.partPath(unitId, rid) }, { move: true, trustedSha256: got });
        await journal.remove(unitId, rid, true);
        return {
          deviceId: o.deviceId, unitId, recordingId: rid, sha256: stored.sha256, path: stored.path, size: stored.size,
          startMs: w.startMs, endMs: w.endMs, clockOffsetMs: hello.clockOffsetMs, clockUncertaintyMs: Math.ceil(hello.rttMs / 2), alreadyStored: stored.existed,
          resumedFromOffset: from, // 0 when a damaged part was fetched again
        };
      } catch (err) {
        if (err instanceof ChecksumMismatchError) continue; // changed under us: treat as a mismatch
        throw new DeviceError('IO', unitId, `cannot store recording ${rid}: ${(err as Error).message}`);
      }
    }
    if (from > 0 && pass === 0) {
      // A resumed file that does not verify: the old part may have been damaged (power cut).
      // Fetch the whole recording once more before blaming the unit. Progress takes back all it
      // counted for this recording (the resumed part and this pass), so it ends at the total.
      advanced(-got.size);
      from = 0;
      continue;
    }
    const rejected = journal.partPath(unitId, rid).replace(/\.part$/, `.${got.sha256.slice(0, 12)}.rejected`);
    await rename(journal.partPath(unitId, rid), rejected).catch(() => {});
    await journal.remove(unitId, rid);
    throw new DeviceError(
      'CHECKSUM_MISMATCH',
      unitId,
      `recording ${rid}: all ${e.size} bytes arrived with valid chunk CRCs, but the file's sha256 ${got.sha256.slice(0, 12)}… does not match the unit's checksum ${e.sha256.slice(0, 12)}…; not stored (bytes kept as ${rejected})`,
      { recordingId: rid, expected: e.sha256, actual: got.sha256, keptAs: rejected },
    );
  }
  throw new DeviceError('CHECKSUM_MISMATCH', unitId, `recording ${rid} changed while it was being stored`);
}

async function writeJournal(
  journal: DownloadJournal, entry: JournalEntry, offset: number, now: () => number, durable: boolean, unitId: string,
): Promise<void> {
  entry.verifiedOffset = offset;
  entry.updatedAt = now();
  try {
    await journal.write(entry, durable);
  } catch (err) {
    throw new DeviceError('IO', unitId, `cannot write the download journal: ${(err as Error).message}`);
  }
}

/** sha256 of the first `n` bytes of an open file, read back from disk. */
async function hashPrefix(fh: FileHandle, n: number, h: Hash): Promise<void> {
  const buf = new Uint8Array(Math.min(n, 1024 * 1024) || 1);
  let pos = 0;
  while (pos < n) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, n - pos), pos);
    if (bytesRead === 0) throw new Error(`part file shorter than its verified offset (${pos} < ${n})`);
    h.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
}

async function openPart(path: string, keep: number): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r+');
  } catch {
    fh = await open(path, 'w+');
  }
  await fh.truncate(keep);
  return fh;
}

async function transfer(
  o: Player1DownloadOptions,
  e: RecordingEntry,
  from: number,
  entry: JournalEntry,
  advanced: (n: number) => void,
  now: () => number,
): Promise<{ sha256: string; size: number }> {
  const { link, journal, hello } = o;
  const unitId = hello.info.unitId;
  const rid = String(e.id);
  const maxChunk = Math.max(MIN_CHUNK, Math.min(hello.info.maxChunk, 1024 * 1024));
  // Enough READs in flight for ~IN_FLIGHT_MS of transfer at the measured rate (at least 4, at
  // most 16): on a fast link the unit must never run out of requests while the host is briefly
  // descheduled (a busy laptop) or a request crosses the link; a slow link keeps 4.
  const depthFor = (c: number): number =>
    o.pipeline != null ? Math.max(1, o.pipeline) : Math.min(MAX_PIPELINE, Math.max(MIN_PIPELINE, Math.ceil((rate * IN_FLIGHT_MS) / 1000 / c)));
  const attemptsMax = o.chunkAttempts ?? 8;
  const syncEvery = o.syncEveryBytes ?? 4 * 1024 * 1024;
  let chunk = o.chunkSize ?? Math.min(START_CHUNK, maxChunk);
  let rate = 0; // bytes/s, smoothed
  let fh: FileHandle;
  try {
    fh = await openPart(journal.partPath(unitId, rid), from);
  } catch (err) {
    throw new DeviceError('IO', unitId, `cannot open the part file: ${(err as Error).message}`);
  }

  // The whole-file hash is built as verified chunks are written, in order; a resumed part's
  // prefix is read back from disk first, so damage to it shows up in the final check.
  const hash = createHash('sha256');
  try {
    await hashPrefix(fh, from, hash);
  } catch (err) {
    await fh.close().catch(() => {});
    throw new DeviceError('IO', unitId, `cannot read back the part file: ${(err as Error).message}`);
  }
  // Disk work (part-file writes, fsync, journal) runs in order on one background chain, so the
  // receive loop never waits for the disk while the link delivers: an fsync or a slow write
  // stalls no READ. The journal is queued behind the writes it describes, so it never claims a
  // byte that is not in the part file; the loop waits only when 8 MiB are queued for the disk.
  let verified = from; // bytes verified and hashed
  let queuedTo = from; // bytes handed to the disk chain
  let onDisk = from; // bytes the part file holds
  let journaled = from; // the last offset a journal write was queued for
  const batchMax = Math.max(0, o.writeBatchBytes ?? DEFAULT_WRITE_BATCH);
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let io: Promise<void> = Promise.resolve();
  let ioError: DeviceError | null = null;
  const onChain = (task: () => Promise<void>): void => {
    io = io.then(async () => {
      if (ioError) return;
      try {
        await task();
      } catch (err) {
        ioError = err instanceof DeviceError ? err : new DeviceError('IO', unitId, `cannot write the part file: ${(err as Error).message}`);
      }
    });
  };
  // One write for several verified chunks (writev, no copy): fewer trips to the thread pool.
  const flush = (): void => {
    if (batchBytes === 0) return;
    const bufs = batch;
    const n = batchBytes;
    const at = queuedTo;
    batch = [];
    batchBytes = 0;
    queuedTo += n;
    onChain(async () => {
      let done = (bufs.length === 1 ? await fh.write(bufs[0], 0, n, at) : await fh.writev(bufs, at)).bytesWritten;
      if (done < n) {
        const rest = Buffer.concat(bufs);
        while (done < n) done += (await fh.write(rest, done, n - done, at + done)).bytesWritten;
      }
      onDisk = at + n;
    });
  };
  // Progress counts journaled bytes: what the user saw as downloaded survives a kill -9.
  let reported = from;
  const queueJournal = (durable: boolean): void => {
    flush();
    const at = queuedTo;
    journaled = at;
    onChain(async () => {
      if (durable) await fh.datasync();
      await writeJournal(journal, entry, at, now, durable, unitId);
      advanced(at - reported);
      reported = at;
    });
  };
  let journaledAt = now();
  let next = from;
  let sinceSync = 0;
  let lastAt = now();
  const slots: Slot[] = [];
  const issue = (offset: number, length: number, attempts: number): Slot => {
    const result: Promise<Settled> = link.readChunk(e.id, offset, length).then(
      (data) => ({ ok: true as const, data }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    return { offset, length, attempts, sentAt: now(), result };
  };

  try {
    while (verified < e.size) {
      if (o.signal?.aborted) {
        throw new DeviceError('CANCELLED', unitId, `download cancelled at ${verified} of ${e.size} bytes of recording ${rid} (kept for resume)`);
      }
      // Refill in groups: READs issued together leave in one write (Player1Link coalesces a
      // tick's requests), so the link carries far fewer small writes, each of which wakes every
      // process between host and unit. Half the pipeline stays in flight meanwhile.
      const depth = depthFor(chunk);
      const refill = Math.max(1, depth >> 1);
      if (slots.length <= depth - refill || slots.length === 0) while (slots.length < depth && next < e.size) {
        const len = Math.min(chunk, e.size - next);
        slots.push(issue(next, len, 1));
        next += len;
      }
      const head = slots[0];
      const r = await head.result;
      if (!r.ok) {
        if (!(r.err instanceof RetryableError)) throw r.err;
        if (head.attempts >= attemptsMax) {
          throw link.exhausted(`chunk at offset ${head.offset} of recording ${rid} failed ${attemptsMax} times`, r.err);
        }
        slots[0] = issue(head.offset, head.length, head.attempts + 1);
        continue;
      }
      slots.shift();
      if (ioError) throw ioError;
      // Chunks arrive in order (the head slot), so the batch is always the bytes after `queuedTo`.
      batch.push(r.data);
      batchBytes += r.data.length;
      hash.update(r.data);
      verified += r.data.length;
      sinceSync += r.data.length;
      if (batchBytes >= batchMax) flush();
      // Journal after verified chunks, at most every JOURNAL_EVERY_MS on a fast link (a rename
      // per 64 KiB chunk costs ~10% of a pty's throughput), durably (after an fsync of the part
      // file) every syncEvery bytes; always on stop and failure.
      if (sinceSync >= syncEvery) {
        sinceSync = 0;
        queueJournal(true);
        journaledAt = now();
      } else if (now() - journaledAt >= JOURNAL_EVERY_MS) {
        queueJournal(false);
        journaledAt = now();
      }
      if (queuedTo - onDisk > MAX_QUEUED_FOR_DISK) await io;
      if (o.chunkSize == null) {
        // Replies arrive back to back while the pipeline is full: the gap between two of them is
        // the time the link took to carry one chunk.
        const t = now();
        const dt = Math.max(1, t - Math.max(lastAt, head.sentAt));
        lastAt = t;
        const inst = (r.data.length * 1000) / dt;
        rate = rate === 0 ? inst : rate * 0.7 + inst * 0.3;
        const want = rate * 0.2; // ~200 ms of transfer per chunk
        let c = MIN_CHUNK;
        while (c * 2 <= want && c * 2 <= maxChunk) c *= 2;
        chunk = c;
      }
    }
    queueJournal(true);
    await io;
    if (ioError) throw ioError;
    return { sha256: hash.digest('hex'), size: onDisk };
  } finally {
    if (journaled !== verified || ioError) {
      // Stopped early (unplug, cancel, error): write and record every verified byte for the resume.
      flush();
      await io;
      await fh.datasync().catch(() => {});
      const kept = await writeJournal(journal, entry, onDisk, now, true, unitId).then(() => true, () => false);
      if (kept && onDisk > reported) {
        advanced(onDisk - reported); // the failure then reports every byte kept for the resume
        reported = onDisk;
      }
    } else {
      await io;
    }
    await fh.close().catch(() => {});
    // Requests still in flight need nothing: their results never reject (see issue()), and the
    // link ignores late replies (stale sequence numbers).
  }
}
