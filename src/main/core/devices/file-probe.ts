/**
 * What the formats registry says about a file copied from a drive: which reader decodes it
 * (content first: a CSV only says what it is by its columns) and the time range it covers (the
 * session-window test for files on watches and loggers).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeFile } from '../formats/decode-file.ts';
import { SNIFF_BYTES } from '../formats/reader.ts';
import { detectFormat } from '../formats/registry.ts';
import type { DetectFormat } from './landed-format.ts';
import type { TimeWindow } from './types.ts';

export const detectStoredFormat: DetectFormat = (path, fileName) => {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    return detectFormat(head.subarray(0, n), fileName)?.reader.id ?? null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
};

/** First and last sample time of any stream in the file; null when it does not decode. */
export async function decodedTimeRange(path: string): Promise<TimeWindow | null> {
  try {
    const rec = await decodeFile(path);
    let startMs = Infinity;
    let endMs = -Infinity;
    for (const s of [rec.gnss, rec.imu, rec.hr]) {
      if (!s || s.t.length === 0) continue;
      startMs = Math.min(startMs, s.t[0]);
      endMs = Math.max(endMs, s.t[s.t.length - 1]);
    }
    return Number.isFinite(startMs) ? { startMs, endMs } : null;
  } catch {
    return null;
  }
}
