/**
 * Generic raw accelerometer CSV, Axivity style, in g (for PlayerLoad):
 *   AX3 (OmGui/GGIR export):  1551178506.0000,0.328125,0.984375,0.203125        unix seconds, x, y, z
 *   AX6:                      2019-12-23 21:04:06.690,ax,ay,az,gx,gy,gz        local time, acc (g), gyro (deg/s, ignored)
 * An optional header line (`time,x,y,z`...) is allowed. Formatted times are the unit's local clock:
 * the time zone comes from the options (default UTC with an info problem); unix seconds are UTC.
 *
 * Refused with a clear message: ActiGraph ActiLife exports (epoch counts are not acceleration),
 * and values that are plainly not in g (a file in m/s² has a median magnitude near 9.8).
 */
import { scanNumericCsv } from './numeric-csv.ts';
import { increasingTimeIndex, pick } from './time-order.ts';
import type { ImuStream, Problem, Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { headLines, lineOfRow, lineStart, looksLikeText } from './text-head.ts';
import { zoneFromOptions } from './local-time.ts';

type Variant = 'unix' | 'datetime';

const DATETIME = /^\s*"?(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?"?\s*$/;
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

interface Layout {
  variant: Variant;
  /** 1-based line of the first data row */
  firstLine: number;
  columns: number;
}

function isActiGraph(lines: string[]): boolean {
  return lines.length > 0 && /Data File Created By ActiGraph/i.test(lines[0]);
}

function layoutOf(lines: string[]): Layout | null {
  for (let k = 0; k < Math.min(2, lines.length); k++) {
    const f = lines[k].split(',');
    if (f.length < 4 || !f.slice(1, 4).every((x) => NUMBER.test(x))) continue;
    const first = f[0];
    let variant: Variant | null = null;
    if (NUMBER.test(first)) {
      const v = Number(first);
      if (v >= 1e8 && v < 1e11) variant = 'unix';
    } else if (DATETIME.test(first)) variant = 'datetime';
    if (!variant) continue;
    // a line before the data must be a header naming time first
    if (k === 1 && !/^\s*"?(time|timestamp|datetime|date_time)/i.test(lines[0])) return null;
    return { variant, firstLine: k + 1, columns: f.length };
  }
  return null;
}

export const accelCsvReader: FormatReader = {
  id: 'accel-csv',
  label: 'Raw accelerometer CSV in g (Axivity AX3/AX6 style)',
  extensions: ['csv'],
  sniff(head) {
    if (!looksLikeText(head)) return 0;
    const lines = headLines(head, 3);
    if (isActiGraph(lines)) return 0.95; // claimed so it can be refused with the reason
    return layoutOf(lines) ? 0.8 : 0;
  },
  read: (bytes: Uint8Array, ctx: ReadContext) => readAccelCsv(bytes, ctx),
};

export function readAccelCsv(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const lines = headLines(bytes.subarray(0, 4096), 12);
  if (isActiGraph(lines)) {
    const epoch = lines.map((l) => /Epoch Period \(hh:mm:ss\)\s*(\d\d):(\d\d):(\d\d)/i.exec(l)).find((m) => m);
    const seconds = epoch ? Number(epoch[1]) * 3600 + Number(epoch[2]) * 60 + Number(epoch[3]) : null;
    if (seconds !== 0) {
      throw new FormatError(
        'ACTIGRAPH_EPOCH_COUNTS',
        file,
        `an ActiGraph ActiLife export of activity counts per ${seconds ?? '?'}-second epoch, not raw acceleration: PlayerLoad needs raw acceleration in g. Export the raw data (ActiLife: RAW .csv or .gt3x) instead`,
        { line: 1 },
      );
    }
    throw new FormatError('ACTIGRAPH_RAW', file, 'an ActiGraph ActiLife raw export: not supported yet (its clock and header differ from the Axivity layout); export from OmGui-style tools or convert to time,x,y,z in g', { line: 1 });
  }
  const layout = layoutOf(lines);
  if (!layout) {
    throw new FormatError('ACCEL_LAYOUT', file, 'not a time,x,y,z accelerometer CSV: the first line must be unix seconds or YYYY-MM-DD HH:MM:SS.fff followed by x, y, z', { line: 1 });
  }
  const problems: Problem[] = [];
  const names = ['time', 'x', 'y', 'z'];
  for (let i = 4; i < layout.columns; i++) names.push(`extra${i}`);
  const start = lineStart(bytes, layout.firstLine);
  const csv = scanNumericCsv(bytes, {
    file,
    required: layout.variant === 'unix' ? ['time', 'x', 'y', 'z'] : ['x', 'y', 'z'],
    names,
    start,
    headerLine: layout.firstLine,
  });
  problems.push(...csv.problems);
  const n = csv.rows;
  if (n === 0) throw new FormatError('NO_DATA', file, 'no samples', { line: layout.firstLine });
  const c = csv.columns;
  let t: Float64Array;
  if (layout.variant === 'unix') {
    t = c.time!;
    // unix seconds -> ms, kept to the µs (the export prints 4 decimals)
    for (let i = 0; i < n; i++) t[i] = Math.round(t[i] * 1e6) / 1e3;
  } else {
    const toUtc = zoneFromOptions(ctx.options?.timeZone, file, problems, 'The formatted timestamps');
    t = datetimeColumn(bytes, start, n, file, layout.firstLine);
    for (let i = 0; i < n; i++) t[i] = toUtc(t[i]);
  }
  checkUnits(c.x!, c.y!, c.z!, file, problems, layout.firstLine);
  const idx = increasingTimeIndex(t, file, 'IMU', problems, (i) => lineOfRow(bytes, layout.firstLine - 1, i));
  if (idx !== null && idx.length === 0) throw new FormatError('NO_DATA', file, 'no sample has a usable time', { line: layout.firstLine });
  const imu: ImuStream = { t: pick(t, idx), ax: pick(c.x!, idx), ay: pick(c.y!, idx), az: pick(c.z!, idx) };
  const device = layout.columns >= 7 ? { info: { 'ignored columns': `${layout.columns - 4} after x, y, z (gyroscope)` }, sessions: [], laps: [], counts: {} } : undefined;
  return { format: 'accel-csv', source: file, unitId: null, gnss: null, imu, hr: null, problems, device };
}

/** Local-clock ms of the 'YYYY-MM-DD HH:MM:SS.fff' first field of each data line. */
function datetimeColumn(bytes: Uint8Array, start: number, rows: number, file: string, firstLine: number): Float64Array {
  const out = new Float64Array(rows);
  let p = start;
  let line = firstLine;
  let r = 0;
  const n = bytes.length;
  while (p < n && r < rows) {
    if (bytes[p] === 10 || (bytes[p] === 13 && bytes[p + 1] === 10)) {
      // blank line (skipped by the numeric scan too)
      p += bytes[p] === 10 ? 1 : 2;
      line++;
      continue;
    }
    let e = p;
    while (e < n && bytes[e] !== 44 && bytes[e] !== 10) e++;
    let s = '';
    for (let i = p; i < e; i++) s += String.fromCharCode(bytes[i]);
    const m = DATETIME.exec(s);
    if (!m) throw new FormatError('CSV_VALUE', file, `"${s.slice(0, 30)}" is not a YYYY-MM-DD HH:MM:SS.fff time`, { line });
    const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    out[r++] = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + Math.round(frac * 1000) / 1000;
    while (e < n && bytes[e] !== 10) e++;
    p = e + 1;
    line++;
  }
  return out;
}

/** A still unit reads 1 g: a median magnitude near 9.81 means m/s² (refused); far from 1 is reported. */
function checkUnits(x: Float64Array, y: Float64Array, z: Float64Array, file: string, problems: Problem[], firstLine: number): void {
  const n = Math.min(x.length, 5000);
  const mag = new Float64Array(n);
  for (let i = 0; i < n; i++) mag[i] = Math.hypot(x[i], y[i], z[i]);
  mag.sort();
  const med = mag[n >> 1];
  if (med > 7 && med < 13) {
    throw new FormatError('ACCEL_UNITS', file, `the acceleration looks like m/s² (median magnitude ${med.toFixed(2)}; a unit at rest reads 1 g = 9.81 m/s²): this reader expects g`, { line: firstLine });
  }
  if (!(med > 0.5 && med < 2)) {
    problems.push({ severity: 'warning', code: 'ACCEL_SCALE', message: `median acceleration magnitude is ${med.toFixed(3)} g where a worn unit reads about 1 g: check that the export is in g`, file });
  }
}
