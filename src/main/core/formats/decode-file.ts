/**
 * Read a file from disk, detect its format from content and decode it to canonical streams.
 * Every failure is a FormatError naming the file (unknown content, unreadable file, bad data).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import { readFailureText } from './read-failure.ts';
import type { FormatReader, ReadOptions } from './reader.ts';
import { SNIFF_BYTES } from './reader.ts';
import { READERS, detectFormat, readerById } from './registry.ts';
import { trimUnsetClock } from './unset-clock.ts';

export interface DecodeOptions extends ReadOptions {
  /** Force a reader by registry id instead of detecting it. */
  format?: string;
}

/** Largest file a reader is given (a 90-minute P1 file is ~10 MB, the same data as Player1 CSV ~32 MB). */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export async function decodeFile(path: string, options: DecodeOptions = {}): Promise<Recording> {
  const file = basename(path);
  let bytes: Uint8Array;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new FormatError('NOT_A_FILE', file, 'is not a regular file');
    if (st.size > MAX_FILE_BYTES) throw new FormatError('TOO_LARGE', file, `is ${st.size} bytes, more than the ${MAX_FILE_BYTES}-byte limit`);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof FormatError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new FormatError('READ_FAILED', file, readFailureText(code));
  }
  return decodeBytes(bytes, file, options, path);
}

/** Detect and decode bytes already in memory (the worker and tests use it). */
export function decodeBytes(bytes: Uint8Array, file: string, options: DecodeOptions = {}, path?: string): Recording {
  const reader = pickReader(bytes, file, options.format);
  const { format: _format, ...readOptions } = options;
  return trimUnsetClock(reader.read(bytes, { file, path, options: readOptions }));
}

export function pickReader(bytes: Uint8Array, file: string, forced?: string): FormatReader {
  if (forced) {
    const r = readerById(forced);
    if (!r) throw new FormatError('UNKNOWN_FORMAT', file, `no reader called '${forced}' (known: ${READERS.map((x) => x.id).join(', ')})`);
    return r;
  }
  if (bytes.length === 0) throw new FormatError('EMPTY_FILE', file, 'the file is empty (0 bytes)', { offset: 0 });
  const found = detectFormat(bytes.subarray(0, SNIFF_BYTES), file);
  if (!found) {
    throw new FormatError('UNKNOWN_FORMAT', file, `the content is not a format this app reads (${READERS.map((r) => r.label).join('; ')})`, { offset: 0 });
  }
  return found.reader;
}
