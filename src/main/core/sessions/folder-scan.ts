/**
 * Looks at a folder in the Player1 CSV layout without loading it: the metadata, which unit has
 * which files, and each unit's GNSS time range (from the first and last lines of gps.csv).
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { joinInside } from '../security/inside.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { FormatError } from '../formats/format-error.ts';
import { decodeBytes } from '../formats/decode-file.ts';
import { SESSION_EARLIEST_MS } from '../../../shared/domain/session.ts';
import { META_FILE_NAMES, decodeMetaCsv, parseMetaCsv, type MetaEntry } from '../formats/meta-csv.ts';

export interface ScannedFile {
  /** Reader id: the layout fixes it (gps.csv, imu.csv). */
  format: 'player1-gps-csv' | 'player1-imu-csv';
  path: string;
  /** Path relative to the folder, for messages ("P1-1003/gps.csv"). */
  sourceName: string;
  size: number;
}

export interface ScannedUnit extends MetaEntry {
  files: ScannedFile[];
  firstMs: number | null;
  lastMs: number | null;
}

export interface FolderScan {
  folder: string;
  metaFile: string;
  units: ScannedUnit[];
  warnings: string[];
}

const LAYOUT_FILES = [
  ['gps.csv', 'player1-gps-csv'],
  ['imu.csv', 'player1-imu-csv'],
] as const;

export function scanPlayer1Folder(folder: string): FolderScan {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AppError('NOT_FOUND', `folder not found: ${folder}`);
  }
  const metaName = META_FILE_NAMES.find((n) => existsSync(join(folder, n)));
  if (!metaName) {
    throw new AppError(
      'VALIDATION',
      `${folder} is not a Player1 session folder: it has no ${META_FILE_NAMES.join(' or ')}`,
    );
  }
  let entries: MetaEntry[];
  const warnings: string[] = [];
  try {
    entries = parseMetaCsv(decodeMetaCsv(readFileSync(join(folder, metaName)), metaName, warnings), metaName);
  } catch (err) {
    if (err instanceof FormatError) throw new AppError('VALIDATION', err.message, { file: err.file, line: err.line });
    throw err;
  }
  const units = entries.map((e): ScannedUnit => {
    const files: ScannedFile[] = [];
    for (const [name, format] of LAYOUT_FILES) {
      // joinInside: meta.csv already refuses such ids; this keeps any other caller inside the folder too.
      const path = joinInside(folder, [e.deviceId, name], 'device_id');
      if (existsSync(path)) files.push({ format, path, sourceName: `${e.deviceId}/${name}`, size: statSync(path).size });
    }
    if (!files.some((f) => f.format === 'player1-gps-csv')) {
      warnings.push(`${e.deviceId} (${e.playerName}): no ${e.deviceId}/gps.csv in the folder; this unit has no data`);
    }
    // The unit's time range spans all its streams (the IMU usually runs a little past the last fix).
    let firstMs: number | null = null;
    let lastMs: number | null = null;
    for (const f of files) {
      let range = peekTimeRange(f.path);
      // First lines dated before 2000, the rest later: a unit whose clock was set once it found GPS.
      // Its range is the one the import reads, without those lines (formats/unset-clock.ts).
      if (range && range.firstMs < SESSION_EARLIEST_MS && range.lastMs >= SESSION_EARLIEST_MS) range = decodedRange(f) ?? range;
      if (!range) {
        warnings.push(`${e.deviceId} (${e.playerName}): could not read the time range of ${f.sourceName}`);
        continue;
      }
      firstMs = firstMs === null ? range.firstMs : Math.min(firstMs, range.firstMs);
      lastMs = lastMs === null ? range.lastMs : Math.max(lastMs, range.lastMs);
    }
    return { ...e, files, firstMs, lastMs };
  });
  return { folder, metaFile: metaName, units, warnings };
}

/** First and last sample time of a file as decoding reads it (all its streams), or null when it does not decode. */
function decodedRange(f: ScannedFile): { firstMs: number; lastMs: number } | null {
  try {
    const rec = decodeBytes(readFileSync(f.path), f.sourceName, { format: f.format });
    const ts = [rec.gnss?.t, rec.imu?.t, rec.hr?.t].filter((t): t is Float64Array => t != null && t.length > 0);
    if (ts.length === 0) return null;
    return { firstMs: Math.min(...ts.map((t) => t[0])), lastMs: Math.max(...ts.map((t) => t[t.length - 1])) };
  } catch {
    return null;
  }
}

/** First and last `time` values of a CSV whose first column is epoch ms, from its head and tail. */
export function peekTimeRange(path: string): { firstMs: number; lastMs: number } | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // 4 KB at each end settles nearly every file (a folder has two files per unit, and the CLI and
    // the import both scan it); when it does not, the 64 KB read decides, as it always did.
    const quick = timeRange(fd, size, Math.min(size, 4 * 1024), false);
    return quick !== undefined ? quick : (timeRange(fd, size, Math.min(size, 64 * 1024), true) ?? null);
  } finally {
    closeSync(fd);
  }
}

/**
 * The range from `span` bytes at each end; undefined when a span shorter than the file cannot
 * tell (the first data line or the last readable one may be cut by the span's edge).
 */
function timeRange(fd: number, size: number, span: number, final: boolean): { firstMs: number; lastMs: number } | null | undefined {
  const whole = span >= size;
  const head = Buffer.alloc(span);
  readSync(fd, head, 0, span, 0);
  const tail = Buffer.alloc(span);
  readSync(fd, tail, 0, span, size - span);
  const headLines = head.toString('latin1').split(/\r?\n/);
  if (!final && !whole && headLines.length < 3) return undefined;
  const tailLines = tail.toString('latin1').split(/\r?\n/).filter((l) => l.trim() !== '');
  const firstMs = Number(headLines[1]?.split(',')[0]);
  // The very last line may be cut short; take the last one that parses. (The first line of a
  // span shorter than the file may be cut at its start: a short span does not trust it.)
  const lowest = final || whole ? 0 : 1;
  let lastMs = NaN;
  for (let i = tailLines.length - 1; i >= lowest && !Number.isFinite(lastMs); i--) {
    const v = Number(tailLines[i].split(',')[0]);
    if (tailLines[i].split(',').length >= 3 && Number.isFinite(v)) lastMs = v;
  }
  if (!final && !whole && !Number.isFinite(lastMs)) return undefined;
  return Number.isFinite(firstMs) && Number.isFinite(lastMs) ? { firstMs, lastMs } : null;
}
