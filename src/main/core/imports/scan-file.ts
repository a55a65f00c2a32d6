/**
 * One file of an import scan, as run inside a pool worker: read the bytes, hash them, detect the
 * format, decode, and return what the user needs to decide (format, unit id, time range, sample
 * counts and rates, problems) — never the samples. It never throws for a bad file: an unreadable
 * or undecodable file is a result with an error naming the file and the place.
 *
 * A unit on local time (the reader says LOCAL_TIME_AS_UTC when no zone was given) is read again
 * in the zone the user chose, or the laptop's, so the times shown are the real ones.
 */
import { stat } from 'node:fs/promises';
import { threadId } from 'node:worker_threads';
import type { FileReadOptions } from '../../../shared/domain/read-options.ts';
import { dataTimesProblem } from '../../../shared/domain/session.ts';
import type { FindingProblem, StreamFinding } from '../../../shared/api/imports.contract.ts';
import type { Problem, Recording } from '../formats/canonical.ts';
import { FormatError } from '../formats/format-error.ts';
import { readFailureText } from '../formats/read-failure.ts';
import { MAX_FILE_BYTES, pickReader } from '../formats/decode-file.ts';
import { trimUnsetClock } from '../formats/unset-clock.ts';
import type { FormatReader } from '../formats/reader.ts';
import { streamStats } from '../formats/stream-stats.ts';
import { sha256Bytes } from '../store/raw-store.ts';
import { readFileReusing } from '../jobs/file-buffer.ts';
import { withScratch } from '../util/scratch.ts';
import { DecodedCache, decodeKey } from '../store/decoded-cache.ts';

export interface ScanFileInput {
  path: string;
  /** Name used in every message (relative to the chosen folder, or the file name). */
  sourceName: string;
  /** referenceMs always; timeZone / ignoreChecksums when the user chose them. */
  options: FileReadOptions;
  /** Zone a local-clock unit is read in when options.timeZone is not set (the laptop's). */
  localTimeZone: string | null;
  /**
   * The decoded cache's folder: a file that decodes is written there as it was read (the key:
   * its sha256, reader, options and name), so that importing it and processing it never parse it
   * again. Absent or null: nothing is written.
   */
  decodedCacheRoot?: string | null;
}

export interface ScanFileResult {
  size: number;
  sha256: string | null;
  format: { id: string; label: string } | null;
  /** The unit id the file itself carries (P1 header, FIT serial, TCX UnitId, Player1 CSV folder). */
  unitId: string | null;
  streams: { gnss: StreamFinding | null; imu: StreamFinding | null; hr: StreamFinding | null };
  firstMs: number | null;
  lastMs: number | null;
  problems: FindingProblem[];
  error: FindingProblem | null;
  canIgnoreChecksums: boolean;
  localClock: boolean;
  /** The options it was actually read with (a zone only for a local-clock unit). */
  options: FileReadOptions;
  /** worker_threads threadId of the thread that decoded it (0 is the main thread). */
  threadId: number;
}

/** Problems kept per file; readers already count repeats, so more than this is noise. */
const MAX_PROBLEMS = 200;
/** FIT faults that reading "as far as the messages are complete" can get past. */
const SALVAGEABLE_FIT = new Set(['FIT_CRC', 'FIT_TRUNCATED', 'FIT_STRUCTURE', 'FIT_DECODE']);

/** What is known of a file before it is read: nothing but the options asked for. */
export function unreadFile(options: FileReadOptions, thread: number): Omit<ScanFileResult, 'error'> {
  return {
    size: 0,
    sha256: null,
    format: null,
    unitId: null,
    streams: { gnss: null, imu: null, hr: null },
    firstMs: null,
    lastMs: null,
    problems: [],
    canIgnoreChecksums: false,
    localClock: false,
    options,
    threadId: thread,
  };
}

export async function scanFile(input: ScanFileInput): Promise<ScanFileResult> {
  const base = unreadFile(withoutZone(input.options), threadId);
  const file = input.sourceName;
  try {
    const st = await stat(input.path);
    if (!st.isFile()) return { ...base, error: placeless('NOT_A_FILE', `${file}: is not a regular file`) };
    base.size = st.size;
    if (st.size > MAX_FILE_BYTES) return { ...base, error: placeless('TOO_LARGE', `${file}: is ${st.size} bytes, more than the ${MAX_FILE_BYTES}-byte limit`) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ...base, error: placeless('READ_FAILED', `${file}: ${readFailureText(err.code)}`) };
  }
  // The decoded columns (a 90-minute 100 Hz unit: ~35 MB) come from the thread's reused memory, as
  // processing's do: they are written to the decoded cache and dropped, and the finding keeps only
  // numbers and text. Fresh arrays for every file cost their page faults and collections each time.
  return withScratch(() => readAndDecode(input, base, file), 2 * base.size);
}

/** The rest of a scan, synchronous: read, hash, detect, decode, cache, summarise. */
function readAndDecode(input: ScanFileInput, base: Omit<ScanFileResult, 'error'>, file: string): ScanFileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileReusing(input.path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ...base, error: placeless('READ_FAILED', `${file}: ${readFailureText(err.code)}`) };
  }
  const result: ScanFileResult = { ...base, size: bytes.length, sha256: sha256Bytes(bytes), error: null };

  let reader: FormatReader;
  try {
    reader = pickReader(bytes, file);
  } catch (e) {
    return { ...result, error: fromError(e, file) };
  }
  result.format = { id: reader.id, label: reader.label };

  const read = (options: FileReadOptions): Recording => trimUnsetClock(reader.read(bytes, { file, path: input.path, options }));
  let rec: Recording;
  try {
    rec = read(result.options);
    const localClock = input.options.timeZone !== undefined || rec.problems.some((p) => p.code === 'LOCAL_TIME_AS_UTC');
    if (localClock) {
      // Decide by reading without a zone: only a unit on local time says so.
      if (input.options.timeZone === undefined && input.localTimeZone) {
        result.options = { ...result.options, timeZone: input.localTimeZone };
        rec = read(result.options);
      } else if (input.options.timeZone !== undefined) {
        const plain = rec;
        result.options = { ...result.options, timeZone: input.options.timeZone };
        rec = read(result.options);
        if (!plain.problems.some((p) => p.code === 'LOCAL_TIME_AS_UTC')) {
          // Not a local-clock unit after all: the zone changes nothing, so it is not recorded.
          result.options = withoutZone(result.options);
          rec = plain;
        }
      }
      result.localClock = result.options.timeZone !== undefined || rec.problems.some((p) => p.code === 'LOCAL_TIME_AS_UTC');
    }
  } catch (e) {
    const error = fromError(e, file);
    return {
      ...result,
      error,
      canIgnoreChecksums: reader.id === 'fit' && !input.options.ignoreChecksums && SALVAGEABLE_FIT.has(error.code),
    };
  }

  // Decoded once: processing reads this entry instead of parsing the file again.
  if (input.decodedCacheRoot && result.sha256) new DecodedCache(input.decodedCacheRoot).write(decodeKey(result.sha256, reader, result.options, file), rec);

  const stats = (t: Float64Array | undefined): StreamFinding | null => {
    if (!t) return null;
    const s = streamStats(t);
    return { samples: s.samples, firstMs: s.firstMs, lastMs: s.lastMs, rateHz: s.rateHz };
  };
  result.unitId = rec.unitId;
  result.streams = { gnss: stats(rec.gnss?.t), imu: stats(rec.imu?.t), hr: stats(rec.hr?.t) };
  for (const s of Object.values(result.streams)) {
    if (!s || s.firstMs === null || s.lastMs === null) continue;
    result.firstMs = result.firstMs === null ? s.firstMs : Math.min(result.firstMs, s.firstMs);
    result.lastMs = result.lastMs === null ? s.lastMs : Math.max(result.lastMs, s.lastMs);
  }
  result.problems = rec.problems.slice(0, MAX_PROBLEMS).map(toFinding);
  if (rec.problems.length > MAX_PROBLEMS) {
    result.problems.push(placeless('MORE_PROBLEMS', `${rec.problems.length - MAX_PROBLEMS} more problem(s) not listed (player1 inspect shows them all)`, 'info'));
  }
  // Data no session can hold (a unit whose clock was never set dates it 1990): refused here, naming
  // the file, rather than as a session window the contract refuses in its own terms.
  const outside = result.firstMs !== null && result.lastMs !== null ? dataTimesProblem(result.firstMs, result.lastMs) : null;
  if (outside) return { ...result, error: placeless('TIME_OUT_OF_RANGE', `${file}: ${outside}`) };
  return result;
}

function withoutZone(o: FileReadOptions): FileReadOptions {
  const { timeZone: _z, ...rest } = o;
  return rest;
}

function toFinding(p: Problem): FindingProblem {
  return { severity: p.severity, code: p.code, message: p.message, line: p.line ?? null, offset: p.offset ?? null, count: p.count ?? null };
}

function placeless(code: string, message: string, severity: FindingProblem['severity'] = 'error'): FindingProblem {
  return { severity, code, message, line: null, offset: null, count: null };
}

/** A reader's failure as the finding shows it, always naming the file. */
export function fromError(e: unknown, file: string): FindingProblem {
  if (e instanceof FormatError) return { severity: 'error', code: e.code, message: e.message, line: e.line, offset: e.offset, count: null };
  // A text format is decoded into one string, which V8 caps at ~512 MiB: a bigger file is too large, named.
  if (e instanceof RangeError && /string longer than/i.test(e.message)) {
    return placeless('TOO_LARGE', `${file}: too large to read as text (more than ~512 MiB in one file)`);
  }
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return placeless('READ_FAILED', `${file}: ${readFailureText(code)}`);
  return placeless('INTERNAL', `${file}: ${e instanceof Error ? e.message : String(e)}`);
}
