/**
 * One data file of a unit, decoded for processing: from the decoded cache when it holds a sound
 * entry for the file (store/decoded-cache.ts), else from the raw file with the reader and read
 * options recorded at import (content is not sniffed again), writing the entry for next time.
 *
 * The raw file stays the source of truth, and a file is processed only as it was imported:
 *  - an entry is trusted only while the raw file is there, a regular file of the imported size,
 *    and not modified since the entry was vouched for: an entry's modification time is set to the
 *    raw file's as it was when its bytes were read and checked (or, at import, to the time the raw
 *    store's copy was checked), so a raw file modified afterwards, even while it was being
 *    decoded, is newer than its entry;
 *  - otherwise the raw file is read and checked (its size, and for the raw store's copy its
 *    SHA-256): missing, unreadable or changed fails the unit naming the file (FILE_MISSING,
 *    FILE_UNREADABLE, FILE_CHANGED), as before the cache; a raw file that checks out vouches
 *    for a sound entry again (no decoding), or is decoded and the entry rewritten.
 * Files read in place (no raw store copy, sha256 null: the CLI) are decoded every time: a
 * one-shot run would only pay for writing an entry it never reads.
 */
import { fsErrorText } from '../util/fs-error.ts';
import { createHash } from 'node:crypto';
import { statSync, utimesSync } from 'node:fs';
import type { DataFile } from '../../../shared/domain/session.ts';
import type { Recording } from '../formats/canonical.ts';
import { decodeBytes, pickReader } from '../formats/decode-file.ts';
import { DecodedCache, decodeKey } from '../store/decoded-cache.ts';
import { readFileReusing } from './file-buffer.ts';

export interface TaskFailure {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  offset: number | null;
}

/** A data file that cannot be used as imported: missing, unreadable, or changed since. */
export class FileFailure {
  readonly failure: TaskFailure;
  constructor(failure: TaskFailure) {
    this.failure = failure;
  }
}

/** How each file of a task was had: counted so tests (and the trace) can tell a parse from a cache read. */
export interface DecodeCounts {
  /** Files a reader parsed. */
  parsed: number;
  /** Files read from the decoded cache. */
  cached: number;
}

const caches = new Map<string, DecodedCache>();
function cacheAt(root: string): DecodedCache {
  let c = caches.get(root);
  // A pool thread's cache: its checks of entries are shared with the process's other threads.
  if (!c) caches.set(root, (c = new DecodedCache(root, { shareChecks: true })));
  return c;
}

/**
 * The file decoded (before any clock offset), from the cache under `cacheRoot` when it can be.
 * Throws FileFailure (missing, unreadable, changed) or the reader's FormatError.
 */
export function decodeDataFile(f: DataFile, cacheRoot: string | null, counts: DecodeCounts): Recording {
  const cache = cacheRoot && f.sha256 !== null ? cacheAt(cacheRoot) : null;
  if (!cache) return parse(f, readChecked(f), counts);
  const reader = pickReader(new Uint8Array(0), f.sourceName, f.format);
  const key = decodeKey(f.sha256!, reader, f.options, f.sourceName);
  // Before reading anything: a change to the raw file from here on makes it newer than the entry.
  const raw = statSync(f.path, { throwIfNoEntry: false });
  const rawMs = raw?.isFile() && raw.size === f.size ? raw.mtimeMs : null;
  const entryMs = cache.mtimeMs(key);
  if (rawMs !== null && entryMs !== null && rawMs <= entryMs + MTIME_SLACK_MS) {
    const got = cache.read(key);
    if ('rec' in got) {
      counts.cached++;
      return got.rec;
    }
  }
  // Not trusted as it stands: the raw file decides.
  const bytes = readChecked(f);
  if (entryMs !== null) {
    const got = cache.read(key);
    if ('rec' in got) {
      // The raw file checks out: the entry is vouched for until the raw file is modified.
      vouch(cache.entryPath(key), rawMs);
      counts.cached++;
      return got.rec;
    }
  }
  const rec = parse(f, bytes, counts);
  if (cache.write(key, rec)) vouch(cache.entryPath(key), rawMs);
  return rec;
}

/** utimes works in (double) seconds: an entry's time comes back up to ~0.5 µs off the raw file's. */
const MTIME_SLACK_MS = 0.002;

function parse(f: DataFile, bytes: Uint8Array, counts: DecodeCounts): Recording {
  const rec = decodeBytes(bytes, f.sourceName, { ...f.options, format: f.format });
  counts.parsed++;
  return rec;
}

/** The entry's time becomes the raw file's as it was read (to the µs); null: left as written, so not trusted. */
function vouch(path: string, rawMs: number | null): void {
  if (rawMs === null) return;
  try {
    const s = rawMs / 1000;
    utimesSync(path, s, s);
  } catch {
    // not vouched for: the raw file is checked again next time
  }
}

/** The raw file's bytes, checked against the import (throws FileFailure). */
function readChecked(f: DataFile): Uint8Array {
  const bytes = readStored(f);
  const changed = changedSinceImport(f, bytes);
  if (changed) throw changed;
  return bytes;
}

/** The file's bytes; a file gone or unreadable (a folder in its place, no permission) names itself. */
function readStored(f: DataFile): Uint8Array {
  try {
    return readFileReusing(f.path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const what = f.sha256 !== null ? `the app's stored copy of ${f.sourceName}` : f.sourceName;
    const failure: TaskFailure =
      e.code === 'ENOENT'
        ? { code: 'FILE_MISSING', message: `${what} is missing (${f.path}): import the unit's file again`, file: f.sourceName, line: null, offset: null }
        : { code: 'FILE_UNREADABLE', message: `${what} cannot be read (${fsErrorText(e)}): import the unit's file again`, file: f.sourceName, line: null, offset: null };
    throw new FileFailure(failure);
  }
}

/**
 * A file is processed only as it was when imported (what the import showed, what a result's
 * data key names): same size, and for the app's stored copy the same SHA-256 (~11 ms for 20 MB).
 * Otherwise the unit fails naming the file, and its earlier result is kept: a truncated or
 * damaged copy never silently replaces a good result.
 */
function changedSinceImport(f: DataFile, bytes: Uint8Array): FileFailure | null {
  const stored = f.sha256 !== null;
  const sizeDiffers = bytes.length !== f.size;
  if (!sizeDiffers && !(stored && createHash('sha256').update(bytes).digest('hex') !== f.sha256)) return null;
  const how = sizeDiffers ? `${f.size} bytes when imported, ${bytes.length} now` : 'the same size, other content';
  const message = stored
    ? `the app's stored copy of ${f.sourceName} has changed since it was imported (${how}): it was damaged on disk; import the unit's file again`
    : `${f.sourceName} has changed since it was imported (${how}; it is read where it is): import it again to process what it holds now`;
  return new FileFailure({ code: 'FILE_CHANGED', message, file: f.sourceName, line: null, offset: null });
}
