/**
 * Raw Catapult 10 Hz GNSS as exported from the unit's own data (the Optimeye S5 files of
 * GNSS_FootballTactical): `Timestamp, Longitude, Latitude` (longitude first, a space after each
 * comma), Timestamp an Excel serial day number on the unit's local clock (44519.716 =
 * 2021-11-19 17:10 local). Serial day -> ms is rounded to the millisecond, which is what Excel
 * displays; the local clock becomes UTC through the time zone in the options (default UTC, with an
 * info problem saying so).
 */
import { scanNumericCsv } from './numeric-csv.ts';
import { increasingTimeIndex, pick } from './time-order.ts';
import type { GnssStream, Problem, Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { headLines, headerNames, lineOfRow, looksLikeText } from './text-head.ts';
import { excelSerialToLocalMs, zoneFromOptions } from './local-time.ts';

/** Excel serial days of 1990-01-01 and 2099-12-31: anything else in Timestamp is not a serial day. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73050;

export const catapultRawReader: FormatReader = {
  id: 'catapult-raw-csv',
  label: 'Catapult raw 10 Hz GNSS (Excel serial-day timestamps)',
  extensions: ['csv'],
  sniff(head) {
    if (!looksLikeText(head)) return 0;
    const lines = headLines(head, 3);
    if (lines.length < 1) return 0;
    const h = headerNames(lines[0], ',');
    if (h[0] !== 'timestamp' || !h.includes('longitude') || !h.includes('latitude') || h.length > 6) return 0;
    // the first value must be a serial day, not a date string or unix seconds
    const v = lines.length > 1 ? Number(lines[1].split(',')[0]) : NaN;
    return v >= SERIAL_MIN && v <= SERIAL_MAX ? 0.95 : lines.length > 1 ? 0 : 0.5;
  },
  read: (bytes: Uint8Array, ctx: ReadContext) => readCatapultRaw(bytes, ctx),
};

export function readCatapultRaw(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const csv = scanNumericCsv(bytes, { file, required: ['timestamp', 'longitude', 'latitude'] });
  const problems: Problem[] = [...csv.problems];
  const c = csv.columns;
  const n = csv.rows;
  if (n === 0) throw new FormatError('NO_DATA', file, 'no rows after the header', { line: 2 });
  const serial = c.timestamp!;
  const toUtc = zoneFromOptions(ctx.options?.timeZone, file, problems, 'Excel serial-day timestamps');
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = serial[i];
    if (!(s >= SERIAL_MIN && s <= SERIAL_MAX)) {
      throw new FormatError('CSV_VALUE', file, `Timestamp ${s} is not an Excel serial day between 1990 and 2099`, { line: lineOfRow(bytes, 1, i) });
    }
    t[i] = toUtc(excelSerialToLocalMs(s));
  }
  const lat = c.latitude!;
  const lon = c.longitude!;
  for (let i = 0; i < n; i++) {
    if (!(Math.abs(lat[i]) <= 90 && Math.abs(lon[i]) <= 180)) {
      throw new FormatError('GNSS_RANGE', file, `lat ${lat[i]}, lon ${lon[i]} is outside the valid range (lat ±90, lon ±180)`, { line: lineOfRow(bytes, 1, i) });
    }
  }
  const idx = increasingTimeIndex(t, file, 'GNSS', problems, (i) => lineOfRow(bytes, 1, i));
  const tt = pick(t, idx);
  const m = tt.length;
  if (m === 0) throw new FormatError('NO_DATA', file, 'no row has a usable time', { line: 2 });
  const gnss: GnssStream = {
    t: tt,
    lat: pick(lat, idx),
    lon: pick(lon, idx),
    speed: new Float64Array(m).fill(NaN),
    hdop: new Float64Array(m).fill(NaN),
    sats: new Float64Array(m).fill(NaN),
    alt: new Float64Array(m).fill(NaN),
  };
  return { format: 'catapult-raw-csv', source: file, unitId: null, gnss, imu: null, hr: null, problems };
}
