/**
 * Player1 CSV layout (the seed library's data folder):
 *   <folder>/meta.csv (or player1data_session_metadata.csv)   device_id,player_name,position
 *   <folder>/<device_id>/gps.csv   time,lat,lon,speed,hdop,sats,hr    (10 Hz)
 *   <folder>/<device_id>/imu.csv   time,ax,ay,az                      (100 Hz)
 * time = integer epoch ms (UTC); speed m/s (Doppler); hr bpm with 0 = strap contact lost.
 * See docs/formats/player1-csv.md.
 */
import { basename, dirname } from 'node:path';
import { scanNumericCsv } from './numeric-csv.ts';
import { increasingTimeIndex, pick } from './time-order.ts';
import { strapBpm, type GnssStream, type HrStream, type ImuStream, type Problem, type Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { headLines, headerNames, lineOfRow, looksLikeText } from './text-head.ts';
import { f64Uninit } from '../util/scratch.ts';

const IMU_COLUMNS = ['time', 'ax', 'ay', 'az'] as const;

export interface Player1GpsFile {
  gnss: GnssStream;
  hr: HrStream | null;
  problems: Problem[];
}

export function readPlayer1Gps(bytes: Uint8Array, file: string): Player1GpsFile {
  const csv = scanNumericCsv(bytes, {
    file,
    required: ['time', 'lat', 'lon'],
    optional: ['speed', 'hdop', 'sats', 'hr', 'alt'],
  });
  const problems = csv.problems;
  if (csv.rows === 0) throw new FormatError('NO_DATA', file, 'no GPS samples after the header', { line: 2 });
  const c = csv.columns;
  checkLatLon(c.lat!, c.lon!, bytes, file);
  const idx = increasingTimeIndex(c.time!, file, 'GPS', problems, (i) => lineOfRow(bytes, 1, i));
  const nanCol = (n: number) => f64Uninit(n).fill(NaN);
  const t = pick(c.time!, idx);
  const n = t.length;
  if (n === 0) throw new FormatError('NO_DATA', file, 'no GPS sample has a usable time', { line: 2 });
  const gnss: GnssStream = {
    t,
    lat: pick(c.lat!, idx),
    lon: pick(c.lon!, idx),
    speed: c.speed ? pick(c.speed, idx) : nanCol(n),
    hdop: c.hdop ? pick(c.hdop, idx) : nanCol(n),
    sats: c.sats ? pick(c.sats, idx) : nanCol(n),
    alt: c.alt ? pick(c.alt, idx) : nanCol(n),
  };

  let hr: HrStream | null = null;
  if (c.hr) {
    const raw = pick(c.hr, idx);
    const bpm = f64Uninit(n); // written for every sample
    if (strapBpm(raw, bpm, n) > 0) hr = { t, bpm };
  }
  return { gnss, hr, problems };
}

export function readPlayer1Imu(bytes: Uint8Array, file: string): { imu: ImuStream; problems: Problem[] } {
  const csv = scanNumericCsv(bytes, { file, required: [...IMU_COLUMNS] });
  const problems = csv.problems;
  if (csv.rows === 0) throw new FormatError('NO_DATA', file, 'no IMU samples after the header', { line: 2 });
  const c = csv.columns;
  const idx = increasingTimeIndex(c.time!, file, 'IMU', problems, (i) => lineOfRow(bytes, 1, i));
  if (idx !== null && idx.length === 0) throw new FormatError('NO_DATA', file, 'no IMU sample has a usable time', { line: 2 });
  return {
    imu: { t: pick(c.time!, idx), ax: pick(c.ax!, idx), ay: pick(c.ay!, idx), az: pick(c.az!, idx) },
    problems,
  };
}

/** The unit id of the folder layout: `<folder>/<device_id>/gps.csv` -> `<device_id>`. */
function unitFromPath(ctx: ReadContext): string | null {
  if (!ctx.path) return null;
  const dir = basename(dirname(ctx.path));
  return dir && dir !== '.' && dir !== '/' ? dir : null;
}

/** The header of a Player1 per-stream CSV: its first line, without '#' lines (those are the single-file variant's). */
function player1Header(head: Uint8Array): string[] | null {
  if (!looksLikeText(head)) return null;
  const lines = headLines(head, 2);
  if (lines.length === 0 || lines[0].startsWith('#')) return null;
  return headerNames(lines[0], ',');
}

export const player1GpsCsvReader: FormatReader = {
  id: 'player1-gps-csv',
  label: 'Player1 CSV, GNSS + HR (gps.csv)',
  extensions: ['csv'],
  sniff(head) {
    const h = player1Header(head);
    if (!h || !h.includes('time') || !h.includes('lat') || !h.includes('lon') || h.includes('ax')) return 0;
    return h[0] === 'time' ? 0.9 : 0.6;
  },
  read(bytes, ctx): Recording {
    const r = readPlayer1Gps(bytes, ctx.file);
    return { format: 'player1-gps-csv', source: ctx.file, unitId: unitFromPath(ctx), gnss: r.gnss, imu: null, hr: r.hr, problems: r.problems };
  },
};

export const player1ImuCsvReader: FormatReader = {
  id: 'player1-imu-csv',
  label: 'Player1 CSV, IMU (imu.csv)',
  extensions: ['csv'],
  sniff(head) {
    const h = player1Header(head);
    if (!h || !IMU_COLUMNS.every((c) => h.includes(c)) || h.includes('lat')) return 0;
    return h.length === 4 && h[0] === 'time' ? 0.9 : 0.6;
  },
  read(bytes, ctx): Recording {
    const r = readPlayer1Imu(bytes, ctx.file);
    return { format: 'player1-imu-csv', source: ctx.file, unitId: unitFromPath(ctx), gnss: null, imu: r.imu, hr: null, problems: r.problems };
  },
};

/** Reject files whose coordinates are not coordinates (a column swap, a unit in radians...). */
function checkLatLon(lat: Float64Array, lon: Float64Array, bytes: Uint8Array, file: string): void {
  for (let i = 0; i < lat.length; i++) {
    const la = lat[i];
    const lo = lon[i];
    if (la < -90 || la > 90 || lo < -180 || lo > 180) {
      throw new FormatError('GNSS_RANGE', file, `lat ${la}, lon ${lo} is outside the valid range (lat ±90, lon ±180)`, { line: lineOfRow(bytes, 1, i) });
    }
  }
}
