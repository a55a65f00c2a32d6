/**
 * Catapult OpenField 10 Hz CSV export. Metadata lines starting with '#' (8 of them in the usual
 * export; some tools re-save them quoted, `"# Athlete: ""X"""`, with trailing separators), then
 *
 *   Timestamp, Latitude, Longitude, Seconds, Velocity, Acceleration, Odometer, Heart Rate,
 *   Player Load, Positional Quality (%), HDOP, #Sats          (any order; extra columns ignored)
 *
 * in ',' or ';' separated form; with ';' the numbers may use decimal commas ("1,03").
 *
 * Time: the metadata's `CentisecTime` (centiseconds since 1970, UTC) or `Reference time ... UTC`
 * plus each row's `Seconds` gives UTC directly. Without them the local `Timestamp` column is read
 * in the zone given in the options (default UTC, with an info problem).
 * Speed: `Speed Units` says km/h or m/s; the canonical stream is m/s. Heart Rate 0 = no strap.
 */
import { scanNumericCsv } from './numeric-csv.ts';
import { increasingTimeIndex, pick } from './time-order.ts';
import { strapBpm, type GnssStream, type HrStream, type Problem, type Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { headLines, headerNames, lineOfRow, lineStart, looksLikeText } from './text-head.ts';
import { fieldsToLocalMs, parseDateTime, zoneFromOptions } from './local-time.ts';

const COLON = ':';

interface Meta {
  /** Lines before the header (metadata). */
  headerLine: number;
  values: Record<string, string>;
}

/** Metadata lines: '# Key : value', '# Key: value', '"# Key: ""value"""', trailing ';;;' or ',,,'. */
function readMeta(lines: string[]): Meta {
  const values: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    let s = lines[i].replace(/[;,]+\s*$/, '').trim();
    if (s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).replace(/""/g, '"');
    if (!s.startsWith('#')) break;
    s = s.slice(1).trim();
    const k = s.indexOf(COLON);
    if (k < 0) continue;
    const key = s.slice(0, k).trim().toLowerCase();
    const value = s
      .slice(k + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    values[key] = value;
  }
  return { headerLine: i + 1, values };
}

function isOpenFieldHeader(names: string[]): boolean {
  const has = (n: string) => names.includes(n);
  return (has('latitude') || has('lat')) && (has('longitude') || has('lon')) && (has('velocity') || has('odometer') || has('player load') || has('seconds'));
}

export const catapultOpenFieldReader: FormatReader = {
  id: 'catapult-openfield-csv',
  label: 'Catapult OpenField 10 Hz CSV export',
  extensions: ['csv'],
  sniff(head) {
    if (!looksLikeText(head)) return 0;
    const lines = headLines(head, 30);
    const meta = readMeta(lines);
    const header = lines[meta.headerLine - 1];
    if (header === undefined) return 0;
    const sep = header.split(';').length > header.split(',').length ? ';' : ',';
    if (!isOpenFieldHeader(headerNames(header, sep))) return 0;
    return 'openfield export' in meta.values || 'centisectime' in meta.values ? 1 : 0.85;
  },
  read: (bytes: Uint8Array, ctx: ReadContext) => readCatapultOpenField(bytes, ctx),
};

export function readCatapultOpenField(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const lines = headLines(bytes.subarray(0, 64 * 1024), 40);
  const meta = readMeta(lines);
  const header = lines[meta.headerLine - 1];
  if (header === undefined) throw new FormatError('CSV_EMPTY', file, 'no header line after the metadata', { line: meta.headerLine });
  const sep = header.split(';').length > header.split(',').length ? ';' : ',';
  const names = headerNames(header, sep);
  if (!isOpenFieldHeader(names)) {
    throw new FormatError('CSV_HEADER', file, `not an OpenField 10 Hz header (it has: ${names.join(', ')})`, { line: meta.headerLine });
  }
  // Decimal commas: only possible with ';' between fields; decided from the first data lines.
  let decimal = '.';
  if (sep === ';') {
    const sample = lines.slice(meta.headerLine, meta.headerLine + 20).join(';');
    if (/(^|;)\s*-?\d+,\d+\s*(;|$)/.test(sample)) decimal = ',';
  }
  const problems: Problem[] = [];
  const latName = names.includes('latitude') ? 'latitude' : 'lat';
  const lonName = names.includes('longitude') ? 'longitude' : 'lon';
  const csv = scanNumericCsv(bytes, {
    file,
    required: [latName, lonName],
    optional: ['seconds', 'velocity', 'odometer', 'heart rate', 'player load', 'hdop', '#sats'],
    separator: sep.charCodeAt(0),
    decimal: decimal.charCodeAt(0),
    start: lineStart(bytes, meta.headerLine),
    headerLine: meta.headerLine,
  });
  problems.push(...csv.problems);
  const c = csv.columns;
  const n = csv.rows;
  if (n === 0) throw new FormatError('NO_DATA', file, 'no rows after the header', { line: meta.headerLine + 1 });

  // ---- time
  const t = new Float64Array(n);
  const refMs = referenceMs(meta.values, problems, file);
  if (refMs !== null && c.seconds) {
    for (let i = 0; i < n; i++) t[i] = refMs + Math.round(c.seconds[i] * 1000);
  } else {
    const toUtc = zoneFromOptions(ctx.options?.timeZone, file, problems, 'The Timestamp column\'s times');
    const stamps = textColumn(bytes, lineStart(bytes, meta.headerLine), sep, names.indexOf('timestamp'), n, file, meta.headerLine);
    for (let i = 0; i < n; i++) {
      const stamp = stamps[i] ?? '';
      const f = parseDateTime(stamp);
      if (!f) throw new FormatError('CSV_VALUE', file, `Timestamp "${stamp.slice(0, 30)}" is not a date and time`, { line: lineOfRow(bytes, meta.headerLine, i) });
      t[i] = toUtc(fieldsToLocalMs(f));
    }
  }

  // ---- speed units
  const units = (meta.values['speed units'] ?? '').toLowerCase();
  let speedScale = 1;
  if (/kilomet|km\/?h|kph/.test(units)) speedScale = 1 / 3.6;
  else if (/mile|mph/.test(units)) speedScale = 0.44704;
  else if (!/met(er|re)s? per second|m\/s/.test(units) && c.velocity) {
    problems.push({ severity: 'warning', code: 'SPEED_UNITS_UNKNOWN', message: `the export does not state its speed unit${units ? ` ('${units}')` : ''}: Velocity was read as m/s`, file });
  }
  const distUnits = (meta.values['distance units'] ?? '').toLowerCase();
  const distScale = /kilomet/.test(distUnits) ? 1000 : /yard/.test(distUnits) ? 0.9144 : /mile/.test(distUnits) ? 1609.344 : 1;

  const idx = increasingTimeIndex(t, file, 'GNSS', problems, (i) => lineOfRow(bytes, meta.headerLine, i));
  const tt = pick(t, idx);
  const m = tt.length;
  if (m === 0) throw new FormatError('NO_DATA', file, 'no row has a usable time', { line: meta.headerLine + 1 });
  const col = (x: Float64Array | null, scale = 1): Float64Array => {
    if (!x) return new Float64Array(m).fill(NaN);
    const out = idx === null ? x.slice() : pick(x, idx);
    if (scale !== 1) for (let i = 0; i < m; i++) out[i] *= scale;
    return out;
  };
  const gnss: GnssStream = {
    t: tt,
    lat: col(c[latName]),
    lon: col(c[lonName]),
    speed: col(c.velocity, speedScale),
    hdop: col(c.hdop),
    sats: col(c['#sats']),
    alt: new Float64Array(m).fill(NaN),
  };
  if (c.odometer) gnss.distance = col(c.odometer, distScale);
  for (let i = 0; i < n; i++) {
    if (Math.abs(c[latName]![i]) > 90 || Math.abs(c[lonName]![i]) > 180) {
      throw new FormatError('GNSS_RANGE', file, `lat ${c[latName]![i]}, lon ${c[lonName]![i]} is outside the valid range (lat ±90, lon ±180)`, { line: lineOfRow(bytes, meta.headerLine, i) });
    }
  }
  for (let i = 0; i < m; i++) {
    // OpenField writes 0,0 where the unit had no fix (indoors, start-up): no position, not the Gulf of Guinea.
    if (gnss.lat[i] === 0 && gnss.lon[i] === 0) {
      gnss.lat[i] = NaN;
      gnss.lon[i] = NaN;
    }
  }
  let hr: HrStream | null = null;
  if (c['heart rate']) {
    const bpm = col(c['heart rate']);
    if (strapBpm(bpm, bpm, m) > 0) hr = { t: tt, bpm };
  }
  const info: Record<string, string> = {};
  for (const k of ['athlete', 'period', 'openfield export', 'reference time', 'speed units', 'distance units']) {
    if (meta.values[k]) info[k] = meta.values[k];
  }
  const pl = c['player load'];
  const sessions = [];
  if (pl || c.odometer) {
    const last = (x: Float64Array) => {
      for (let i = x.length - 1; i >= 0; i--) if (!Number.isNaN(x[i])) return x[i];
      return NaN;
    };
    const first = (x: Float64Array) => {
      for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) return x[i];
      return NaN;
    };
    sessions.push({
      startMs: tt[0] ?? null,
      durationS: m > 1 ? (tt[m - 1] - tt[0]) / 1000 : 0,
      ...(c.odometer ? { distanceM: (last(c.odometer) - first(c.odometer)) * distScale } : {}),
      ...(pl ? { playerLoad: last(pl) - first(pl) } : {}),
    });
  }
  return {
    format: 'catapult-openfield-csv',
    source: file,
    unitId: meta.values.deviceid ?? meta.values['device id'] ?? null,
    gnss,
    imu: null,
    hr,
    problems,
    device: { info, sessions, laps: [], counts: { rows: n } },
  };
}

/** UTC ms of Seconds = 0: CentisecTime (exact), else 'Reference time : dd.mm.yyyy HH:MM:SS UTC'. */
function referenceMs(values: Record<string, string>, problems: Problem[], file: string): number | null {
  const cs = values.centisectime;
  if (cs && /^\d+(\.\d+)?$/.test(cs.trim())) return Math.round(Number(cs) * 10);
  const ref = values['reference time'];
  if (ref) {
    const m = /^([\s\S]*?)\s*(UTC|GMT|Z)?$/i.exec(ref.trim());
    const f = m ? parseDateTime(m[1]) : null;
    if (m && f && m[2]) {
      problems.push({ severity: 'info', code: 'REFERENCE_TO_SECOND', message: 'the export gives its reference time to the second only (no CentisecTime line): times are exact relative to each other, the start to within a second', file });
      return fieldsToLocalMs(f);
    }
  }
  return null;
}

/** The raw text of one column for each data row (only used when times must come from Timestamp). */
function textColumn(bytes: Uint8Array, headerAt: number, sep: string, col: number, rows: number, file: string, headerLine: number): string[] {
  if (col < 0) throw new FormatError('CSV_HEADER', file, 'no CentisecTime/Reference time with Seconds, and no Timestamp column: the times are unknown', { line: headerLine });
  const text = new TextDecoder('latin1').decode(bytes.subarray(headerAt));
  const out: string[] = [];
  // Rows end where the numeric scanner ends them (numeric-csv.ts): at LF, CRLF or a lone CR.
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 1; i < lines.length && out.length < rows; i++) {
    const line = lines[i];
    if (line === '') continue;
    out.push(line.split(sep)[col] ?? '');
  }
  return out;
}
