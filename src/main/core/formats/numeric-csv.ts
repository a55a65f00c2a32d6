/**
 * A hand-written scanner for numeric CSV: bytes in, one Float64Array per column out.
 *
 * Why by hand: this is the hot path of every import and of processing (a 25-player, 90-minute
 * session is ~520 MB of CSV). Generic CSV libraries build a string and an object per row and
 * run 5-7x slower; here numbers are parsed straight from the bytes. A number with at most 15
 * significant digits and no exponent is computed as integer / 10^k, which is exact-in,
 * correctly-rounded-out (both operands are exact doubles), so results equal parseFloat's.
 * Anything else (exponents, long mantissas, spaces, NaN) takes a slow path through Number().
 *
 * Errors name the file, the line and the column; a final line cut short (a unit unplugged while
 * writing) is dropped with a warning instead of failing the file.
 *
 * Locales that write decimal commas use ';' between fields (Catapult OpenField in much of
 * Europe): `separator: 59, decimal: 44`. The decimal mark is a variable compared where the '.'
 * literal was, so the comma path costs nothing extra. Columns nobody asked for are skipped
 * without parsing (a Catapult row starts with a date-time text field).
 *
 * Two paths, row by row. Plain rows (every field [-]digits[.digits] with at most 15 digits, all
 * fields there, LF or CRLF) go through small fast-path functions with no end-of-buffer or
 * error bookkeeping, one inlined field parser per column (~28 ms for a 90-minute 100 Hz IMU file,
 * 17.8 MB, against ~52 ms for the general loop). The first row that is anything else stops the
 * fast path at its start; the general path reads that row, with every message and warning, and
 * the fast path takes over again at the next one. Both compute a value as integer / 10^k, so
 * which path read a row never shows. Columns live in one block (views per column), taken from
 * the thread's scratch memory inside a pool task (util/scratch.ts).
 */
import { FormatError } from './format-error.ts';
import { headerNames } from './text-head.ts';
import type { Problem } from './canonical.ts';
import { f64Uninit } from '../util/scratch.ts';

export interface NumericCsvSpec {
  file: string;
  /** Header names that must be present (matched case-insensitively, surrounding spaces ignored). */
  required: readonly string[];
  /** Header names read when present; absent ones come back as null. */
  optional?: readonly string[];
  /** Field separator byte; default ','. */
  separator?: number;
  /** Decimal mark byte; default '.'. Must differ from the separator. */
  decimal?: number;
  /** Byte offset where the header line starts (after metadata lines); default 0. */
  start?: number;
  /** 1-based line number of that header line, for messages; default 1. */
  headerLine?: number;
  /** A file without a header line: these are its column names and data starts at `start`. */
  names?: readonly string[];
}

export interface NumericCsv {
  rows: number;
  columns: Record<string, Float64Array | null>;
  problems: Problem[];
}

const POW10 = new Float64Array(23);
for (let i = 0; i <= 22; i++) POW10[i] = 10 ** i;

const LF = 10;
const CR = 13;

export function scanNumericCsv(buf: Uint8Array, spec: NumericCsvSpec): NumericCsv {
  const file = spec.file;
  const sep = spec.separator ?? 44;
  const dec = spec.decimal ?? 46;
  if (dec === sep) throw new Error('numeric CSV: the decimal mark must differ from the separator');
  const headerLine = spec.headerLine ?? 1;
  const n = buf.length;
  let p = spec.start ?? 0;
  // UTF-8 byte order mark
  if (p === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;

  // ---- header
  let eol = p;
  let names: string[];
  if (spec.names) {
    names = spec.names.map((h) => h.toLowerCase());
    eol = p - 1;
  } else {
    while (eol < n && buf[eol] !== LF) eol++;
    if (eol === p) throw new FormatError('CSV_EMPTY', file, 'the file is empty (no header line)', { line: headerLine });
    const headerText = new TextDecoder().decode(buf.subarray(p, eol)).replace(/\r$/, '');
    names = headerNames(headerText, String.fromCharCode(sep));
  }
  const ncols = names.length;
  const wanted = [...spec.required, ...(spec.optional ?? [])].map((s) => s.toLowerCase());
  for (const r of spec.required) {
    if (!names.includes(r.toLowerCase())) {
      throw new FormatError(
        'CSV_HEADER',
        file,
        `missing column '${r}' (the header has: ${names.join(', ')})`,
        { line: headerLine },
      );
    }
  }
  p = eol + 1;

  // ---- capacity: estimate rows from the first data line's length, grow if needed
  let firstLen = 0;
  while (p + firstLen < n && buf[p + firstLen] !== LF) firstLen++;
  let cap = Math.max(16, Math.ceil(((n - p) / Math.max(firstLen + 1, 4)) * 1.15) + 16);
  // Every wanted column of the header gets a slot in one block: column j is block[slot[j]·cap ...].
  const slot = new Int32Array(ncols).fill(-1);
  let nslots = 0;
  for (let j = 0; j < ncols; j++) if (wanted.includes(names[j])) slot[j] = nslots++;
  let block = f64Uninit(cap * nslots);

  const problems: Problem[] = [];
  let row = 0;
  let line = spec.names ? headerLine : headerLine + 1;
  // The fast path takes whole rows only: rows that end with a line feed before `fastEnd`, so its
  // loops never need to test for the end of the buffer (the last line feed stops every scan).
  let fastEnd = n;
  while (fastEnd > p && buf[fastEnd - 1] !== LF) fastEnd--;
  const fast: FastRows = { at: new Int32Array(2), cap, block, slot, sep, dec };

  while (p < n) {
    // ---- fast path: plain rows; it stops at the start of any other row, which the general path
    // below then reads (with its messages and warnings), and at the end of the capacity.
    if (p < fastEnd && row < cap) {
      fast.at[0] = p;
      fast.at[1] = row;
      fast.cap = cap;
      fast.block = block;
      if (ncols <= 8 && nslots === ncols) fastRowsUpTo8(buf, fast, fastEnd);
      else fastRowsAny(buf, fast, fastEnd);
      line += fast.at[1] - row;
      row = fast.at[1];
      p = fast.at[0];
    }
    if (p >= n) break;

    // ---- general path: one row (or one blank line), every case handled and reported
    let c = buf[p];
    if (c === LF) {
      p++;
      line++;
      continue;
    }
    if (c === CR) {
      p++;
      continue;
    }
    if (row === cap) {
      const grown = f64Uninit(cap * 2 * nslots);
      for (let j = 0; j < nslots; j++) grown.set(block.subarray(j * cap, j * cap + row), j * cap * 2);
      cap *= 2;
      block = grown;
    }
    for (let col = 0; col < ncols; col++) {
      const s = slot[col];
      if (s < 0) {
        // not wanted: skip the field unparsed
        while (p < n && buf[p] !== sep && buf[p] !== LF && buf[p] !== CR) p++;
        if (col < ncols - 1) {
          if (p < n && buf[p] === sep) {
            p++;
            continue;
          }
          if (p >= n) {
            problems.push(truncatedLine(file, line, col, ncols));
            return finish(row, problems);
          }
          throw new FormatError('CSV_FIELDS', file, `expected ${ncols} fields, found ${col + 1}`, { line });
        } else if (p < n && buf[p] === sep) {
          throw new FormatError('CSV_FIELDS', file, `expected ${ncols} fields, found ${ncols + countSeparators(buf, p, sep)}`, { line });
        }
        continue;
      }
      const fieldStart = p;
      let neg = false;
      let m = 0;
      let nd = 0;
      let frac = 0;
      let dot = false;
      c = p < n ? buf[p] : LF;
      if (c === 45) {
        neg = true;
        p++;
      } else if (c === 43) p++;
      while (p < n) {
        c = buf[p];
        const d = c - 48;
        if (d >= 0 && d <= 9) {
          m = m * 10 + d;
          nd++;
          if (dot) frac++;
          p++;
        } else if (c === dec && !dot) {
          dot = true;
          p++;
        } else break;
      }
      let v: number;
      if (p < n && c !== sep && c !== LF && c !== CR) {
        while (p < n && buf[p] !== sep && buf[p] !== LF && buf[p] !== CR) p++;
        v = slowNumber(buf, fieldStart, p, file, line, names[col], dec);
      } else if (nd === 0) {
        if (p > fieldStart) v = slowNumber(buf, fieldStart, p, file, line, names[col], dec);
        else v = NaN; // empty field: value absent
      } else if (nd > 15 || frac > 22) {
        v = slowNumber(buf, fieldStart, p, file, line, names[col], dec);
      } else {
        v = frac === 0 ? m : m / POW10[frac];
        if (neg) v = -v;
      }
      block[s * cap + row] = v;

      if (col < ncols - 1) {
        if (p < n && buf[p] === sep) {
          p++;
          continue;
        }
        if (p >= n) {
          // EOF inside a row: the unit stopped writing mid-line.
          problems.push(truncatedLine(file, line, col, ncols));
          return finish(row, problems);
        }
        throw new FormatError(
          'CSV_FIELDS',
          file,
          `expected ${ncols} fields, found ${col + 1}`,
          { line },
        );
      } else if (p < n && buf[p] === sep) {
        throw new FormatError('CSV_FIELDS', file, `expected ${ncols} fields, found ${ncols + countSeparators(buf, p, sep)}`, { line });
      }
    }
    row++;
  }
  return finish(row, problems);

  function finish(rows: number, probs: Problem[]): NumericCsv {
    const out: Record<string, Float64Array | null> = {};
    for (const w of wanted) {
      const j = names.indexOf(w);
      const s = j >= 0 ? slot[j] : -1;
      // Views, not copies: the columns' spare capacity (~15 %) is cheaper than copying them (17 MB per 90-min IMU file).
      out[w] = s >= 0 ? block.subarray(s * cap, s * cap + rows) : null;
    }
    return { rows, columns: out, problems: probs };
  }
}

/**
 * The fast path's state: where it is (`at`: [offset, row] after the last whole row it read), and
 * where the columns go (column j of row r is block[slot[j]·cap + r]; slot −1 = a column nobody
 * asked for).
 */
interface FastRows {
  at: Int32Array;
  cap: number;
  block: Float64Array;
  slot: Int32Array;
  sep: number;
  dec: number;
}

/**
 * One plain field: [-]digits[.digits] with 1 to 15 digits, parsed as integer / 10^k exactly as
 * the general path does. Stores it at block[at] and returns the index of the byte after it, or −1
 * when the field is anything else (the general path then takes the row). Never runs past a line
 * feed, so the caller needs no end-of-buffer test.
 */
function fastField(buf: Uint8Array, p: number, block: Float64Array, at: number, dec: number): number {
  let c = buf[p];
  let sign = 1;
  if (c === 45) {
    sign = -1;
    c = buf[++p];
  }
  const intStart = p;
  let m = 0;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    c = buf[++p];
  }
  let nd = p - intStart;
  let frac = 0;
  if (c === dec) {
    const fracStart = ++p;
    c = buf[p];
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = buf[++p];
    }
    frac = p - fracStart;
    nd += frac;
  }
  if (nd === 0 || nd > 15) return -1;
  // m / 1 === m; sign · x === −x for sign −1 (−0 included): the general path's value exactly.
  block[at] = sign * (m / POW10[frac]);
  return p;
}

/** A column nobody asked for: skipped unparsed, up to the separator or the end of the line. */
function skipField(buf: Uint8Array, p: number, sep: number): number {
  let c = buf[p];
  while (c !== sep && c !== LF && c !== CR) c = buf[++p];
  return p;
}

/**
 * Rows of up to 8 columns, all wanted, the columns written out one after another: each column
 * gets its own branches (a sign that comes and goes in one column does not upset the prediction
 * for the others), which reads a 100 Hz IMU file ~20 % faster than a loop over the columns.
 */
function fastRowsUpTo8(buf: Uint8Array, f: FastRows, end: number): void {
  const ncols = f.slot.length;
  const { sep, dec, block, cap, slot } = f;
  // Where each column starts in the block (unused ones: anywhere, never written).
  const b0 = slot[0] * cap;
  const b1 = ncols > 1 ? slot[1] * cap : 0;
  const b2 = ncols > 2 ? slot[2] * cap : 0;
  const b3 = ncols > 3 ? slot[3] * cap : 0;
  const b4 = ncols > 4 ? slot[4] * cap : 0;
  const b5 = ncols > 5 ? slot[5] * cap : 0;
  const b6 = ncols > 6 ? slot[6] * cap : 0;
  const b7 = ncols > 7 ? slot[7] * cap : 0;
  const at = f.at;
  let p = at[0];
  let row = at[1];
  while (p < end && row < cap) {
    let q = fastField(buf, p, block, b0 + row, dec);
    if (ncols > 1) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b1 + row, dec);
    }
    if (ncols > 2) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b2 + row, dec);
    }
    if (ncols > 3) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b3 + row, dec);
    }
    if (ncols > 4) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b4 + row, dec);
    }
    if (ncols > 5) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b5 + row, dec);
    }
    if (ncols > 6) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b6 + row, dec);
    }
    if (ncols > 7) {
      if (q < 0 || buf[q] !== sep) break;
      q = fastField(buf, q + 1, block, b7 + row, dec);
    }
    if (q < 0) break;
    const c = buf[q];
    if (c === LF) p = q + 1;
    else if (c === CR && buf[q + 1] === LF) p = q + 2;
    else break;
    row++;
  }
  // (Stores inside the loop would cost ~40 % of the loop's time.)
  at[0] = p;
  at[1] = row;
}

/** Rows of any number of columns, some perhaps not wanted: the same, in a loop over the columns. */
function fastRowsAny(buf: Uint8Array, f: FastRows, end: number): void {
  const ncols = f.slot.length;
  const { sep, dec, block, cap, slot } = f;
  const base = new Int32Array(ncols);
  for (let j = 0; j < ncols; j++) base[j] = slot[j] >= 0 ? slot[j] * cap : -1;
  const at = f.at;
  let p = at[0];
  let row = at[1];
  rows: while (p < end && row < cap) {
    let q = p;
    for (let col = 0; col < ncols; col++) {
      if (col > 0) {
        if (q < 0 || buf[q] !== sep) break rows;
        q++;
      }
      const b = base[col];
      q = b >= 0 ? fastField(buf, q, block, b + row, dec) : skipField(buf, q, sep);
    }
    if (q < 0) break;
    const c = buf[q];
    if (c === LF) p = q + 1;
    else if (c === CR && buf[q + 1] === LF) p = q + 2;
    else break;
    row++;
  }
  at[0] = p;
  at[1] = row;
}

function truncatedLine(file: string, line: number, col: number, ncols: number): Problem {
  return {
    severity: 'warning',
    code: 'CSV_TRUNCATED',
    message: `the last line is cut short (${col + 1} of ${ncols} fields); it was dropped`,
    file,
    line,
  };
}

/** Separators from `p` to the end of the line (p is on a separator). */
function countSeparators(buf: Uint8Array, p: number, sep: number): number {
  let k = 0;
  for (let q = p; q < buf.length && buf[q] !== LF; q++) if (buf[q] === sep) k++;
  return k;
}

/** No number a unit writes is longer; a longer field is refused before it is turned into a string. */
const MAX_NUMBER_FIELD = 256;

function slowNumber(buf: Uint8Array, a: number, b: number, file: string, line: number, column: string, dec: number): number {
  if (b - a > MAX_NUMBER_FIELD) {
    // A field of megabytes (a file glued to another, a binary blob) would cost many times its size as a string.
    throw new FormatError('CSV_VALUE', file, `column '${column}': "${latin1(buf, a, a + 24)}…" (${b - a} characters) is not a number`, { line });
  }
  let s = latin1(buf, a, b).trim();
  if (dec !== 46) s = s.replace(String.fromCharCode(dec), '.');
  if (s === '') return NaN;
  // Number() rejects trailing junk that parseFloat would accept ("12abc").
  const v = Number(s);
  if (Number.isNaN(v) && s.toLowerCase() !== 'nan') {
    const shown = s.length > 24 ? `${s.slice(0, 24)}…` : s;
    throw new FormatError('CSV_VALUE', file, `column '${column}': "${shown}" is not a number`, { line });
  }
  return v;
}

function latin1(buf: Uint8Array, a: number, b: number): string {
  let s = '';
  for (let i = a; i < b; i++) s += String.fromCharCode(buf[i]);
  return s;
}
