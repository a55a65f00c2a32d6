/**
 * Player1 single-file CSV (docs/formats/player1-csv.md): one file holding a unit's GNSS, HR and
 * IMU, e.g. what a unit writes when it has no folder layout.
 *
 *   # device_id=P1-0042           optional '# key=value' lines first; device_id is the unit id
 *   time,lat,lon,speed,hdop,sats,hr,ax,ay,az
 *   1768384800000,51.5,-0.12,3.2,0.8,12,141,0.01,0.98,0.12     a GNSS row that also has IMU
 *   1768384800010,,,,,,,0.02,0.97,0.11                          an IMU-only row
 *
 * A row belongs to the GNSS stream when lat and lon are set, to the IMU stream when ax, ay and az
 * are set, to the HR stream when hr is set (0 = strap contact lost: a missing value).
 */
import { scanNumericCsv } from './numeric-csv.ts';
import { increasingTimeIndex } from './time-order.ts';
import { strapBpm, type GnssStream, type HrStream, type ImuStream, type Problem, type Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { headLines, headerNames, lineOfRow, lineStart, looksLikeText } from './text-head.ts';

interface Preamble {
  meta: Record<string, string>;
  headerLine: number; // 1-based
}

function preamble(lines: string[]): Preamble {
  const meta: Record<string, string> = {};
  let i = 0;
  while (i < lines.length && lines[i].startsWith('#')) {
    const m = /^#\s*([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/.exec(lines[i]);
    if (m) meta[m[1].toLowerCase()] = m[2];
    i++;
  }
  return { meta, headerLine: i + 1 };
}

export const player1SingleCsvReader: FormatReader = {
  id: 'player1-csv',
  label: 'Player1 CSV, single file (GNSS + HR + IMU)',
  extensions: ['csv'],
  sniff(head) {
    if (!looksLikeText(head)) return 0;
    const lines = headLines(head, 40);
    const pre = preamble(lines);
    const header = lines[pre.headerLine - 1];
    if (header === undefined) return 0;
    const h = headerNames(header, ',');
    const hasGnss = h.includes('lat') && h.includes('lon');
    const hasImu = h.includes('ax') && h.includes('ay') && h.includes('az');
    if (!h.includes('time') || !(hasGnss || hasImu)) return 0;
    if ('device_id' in pre.meta) return 0.95;
    return hasGnss && hasImu ? 0.92 : 0; // one stream without the preamble: the per-stream readers' files
  },
  read(bytes: Uint8Array, ctx: ReadContext): Recording {
    return readPlayer1Single(bytes, ctx.file);
  },
};

export function readPlayer1Single(bytes: Uint8Array, file: string): Recording {
  const lines = headLines(bytes.subarray(0, 64 * 1024), 400);
  const pre = preamble(lines);
  const csv = scanNumericCsv(bytes, {
    file,
    required: ['time'],
    optional: ['lat', 'lon', 'speed', 'hdop', 'sats', 'alt', 'hr', 'ax', 'ay', 'az'],
    start: lineStart(bytes, pre.headerLine),
    headerLine: pre.headerLine,
  });
  const c = csv.columns;
  const problems: Problem[] = csv.problems;
  const hasGnss = c.lat !== null && c.lon !== null;
  const hasImu = c.ax !== null && c.ay !== null && c.az !== null;
  if (!hasGnss && !hasImu) {
    throw new FormatError('CSV_HEADER', file, 'the header needs lat and lon, or ax, ay and az, beside time', { line: pre.headerLine });
  }
  const n = csv.rows;
  const time = c.time!;
  const rowsWhere = (ok: (i: number) => boolean): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (ok(i)) out.push(i);
    return out;
  };
  const take = (col: Float64Array | null, idx: number[]): Float64Array => {
    const out = new Float64Array(idx.length);
    for (let j = 0; j < idx.length; j++) out[j] = col ? col[idx[j]] : NaN;
    return out;
  };
  // Keep only rows whose time strictly increases within each stream.
  const ordered = (idx: number[], what: string): number[] => {
    const keep = increasingTimeIndex(take(time, idx), file, what, problems, (k) => lineOfRow(bytes, pre.headerLine, idx[k]));
    return keep === null ? idx : Array.from(keep, (k) => idx[k]);
  };

  let gnss: GnssStream | null = null;
  if (hasGnss) {
    const idx = ordered(rowsWhere((i) => !Number.isNaN(c.lat![i]) && !Number.isNaN(c.lon![i])), 'GNSS');
    if (idx.length > 0) {
      gnss = { t: take(time, idx), lat: take(c.lat, idx), lon: take(c.lon, idx), speed: take(c.speed, idx), hdop: take(c.hdop, idx), sats: take(c.sats, idx), alt: take(c.alt, idx) };
      for (let j = 0; j < idx.length; j++) {
        if (Math.abs(gnss.lat[j]) > 90 || Math.abs(gnss.lon[j]) > 180) {
          throw new FormatError('GNSS_RANGE', file, `lat ${gnss.lat[j]}, lon ${gnss.lon[j]} is outside the valid range (lat ±90, lon ±180)`, { line: lineOfRow(bytes, pre.headerLine, idx[j]) });
        }
      }
    }
  }
  let imu: ImuStream | null = null;
  if (hasImu) {
    const idx = ordered(rowsWhere((i) => !Number.isNaN(c.ax![i]) && !Number.isNaN(c.ay![i]) && !Number.isNaN(c.az![i])), 'IMU');
    if (idx.length > 0) imu = { t: take(time, idx), ax: take(c.ax, idx), ay: take(c.ay, idx), az: take(c.az, idx) };
  }
  let hr: HrStream | null = null;
  if (c.hr) {
    const idx = ordered(rowsWhere((i) => !Number.isNaN(c.hr![i])), 'HR');
    const bpm = take(c.hr, idx);
    if (strapBpm(bpm, bpm, bpm.length) > 0) hr = { t: take(time, idx), bpm };
  }
  if (!gnss && !imu && !hr) throw new FormatError('NO_DATA', file, 'no GNSS, IMU or HR samples after the header', { line: pre.headerLine + 1 });
  const info: Record<string, string> = {};
  for (const [k, v] of Object.entries(pre.meta)) if (k !== 'device_id') info[k] = v;
  return {
    format: 'player1-csv',
    source: file,
    unitId: pre.meta.device_id || null,
    gnss,
    imu,
    hr,
    problems,
    device: Object.keys(info).length > 0 ? { info, sessions: [], laps: [], counts: {} } : undefined,
  };
}
