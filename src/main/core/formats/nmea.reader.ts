/**
 * NMEA 0183 logs (what a generic GNSS logger sends over USB serial). Written by hand: the format
 * is line-based and tiny, and no maintained JS library verifies checksums, merges a receiver's
 * sentences into one fix per epoch and repairs GPS week-rollover dates.
 *
 * - Sentences: GGA, RMC, GNS, GLL (position), VTG (speed), GSA (HDOP), ZDA (date); any talker
 *   (GP, GN, GL, GA, BD, GB, GQ...). Proprietary ($P...) and other sentences are ignored.
 * - Every sentence's checksum is verified; bad, checksum-less and non-NMEA lines are skipped and
 *   counted (with the first line where each happened). '#' comment lines are skipped.
 * - Epochs: consecutive sentences with the same UTC time (compared at the coarser of their
 *   printed precisions: a Magellan prints GLL .523 and GGA .52 for one epoch) form one fix. VTG
 *   and GSA, which carry no time, belong to the epoch in progress. Like gpsd, the last valid
 *   position of the epoch wins.
 * - A fix needs a valid position (GGA quality 1-5 and 3 or more satellites used, as gpsd; RMC/GLL
 *   status A with a mode other than N/E/S/M, GNS mode with A/D/P/R/F) and a date: RMC (status A) or ZDA of the same epoch, or
 *   carried from an earlier epoch (advancing at midnight). Fixes before the first date are dropped
 *   and counted: their day is unknown.
 * - Speed is the receiver's own (RMC or VTG, knots -> m/s); never derived from positions here.
 * - GPS week rollover: with options.referenceMs (the download time), a date 1024 weeks or more
 *   before it is moved forward by whole 1024-week periods, with a warning.
 */
import type { Problem, Recording } from './canonical.ts';
import { emptyGnss } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { inTimeOrder } from './time-order.ts';

const KNOTS_TO_MS = 1852 / 3600;
const ROLLOVER_MS = 1024 * 7 * 86_400_000;
const DAY_MS = 86_400_000;
const MAX_SENTENCE = 1024; // NMEA says 82; high-precision and proprietary sentences run longer

interface Epoch {
  tod: number; // ms of day
  prec: number; // decimals printed in its time
  line: number;
  valid: boolean;
  lat: number;
  lon: number;
  alt: number;
  speed: number;
  hdop: number;
  gsaHdop: number;
  sats: Map<string, number>;
  date: number | null; // UTC ms of 00:00 of the epoch's date, from this epoch's RMC/ZDA
  rmcDate: boolean;
  /** The time came from a fix sentence (GGA/RMC/GNS), which defines the epoch's time. */
  fixTime: boolean;
}

interface Tally {
  count: number;
  firstLine: number;
}

function newEpoch(tod: number, prec: number, line: number): Epoch {
  return { tod, prec, line, valid: false, lat: NaN, lon: NaN, alt: NaN, speed: NaN, hdop: NaN, gsaHdop: NaN, sats: new Map(), date: null, rmcDate: false, fixTime: false };
}

export function looksLikeNmea(head: Uint8Array): number {
  let lines = 0;
  let nmea = 0;
  let p = 0;
  const n = Math.min(head.length, 8192);
  while (p < n && lines < 60) {
    let e = p;
    while (e < n && head[e] !== 10) e++;
    let a = p;
    while (a < e && (head[a] === 13 || head[a] === 32)) a++;
    if (a < e && head[a] !== 35) {
      // not blank, not a '#' comment
      lines++;
      if ((head[a] === 36 || head[a] === 33) && e - a >= 6) {
        // '$' or '!' followed by an address of letters/digits and a comma
        let q = a + 1;
        while (q < e && q - a <= 7 && ((head[q] >= 65 && head[q] <= 90) || (head[q] >= 48 && head[q] <= 57))) q++;
        if (q < e && head[q] === 44 && q - a >= 4) nmea++;
      }
    }
    p = e + 1;
  }
  if (nmea === 0) return 0;
  return nmea / lines >= 0.5 ? 0.9 : 0.4;
}

export const nmeaReader: FormatReader = {
  id: 'nmea',
  label: 'NMEA 0183 log',
  // 2: a GGA with fewer than 3 satellites used is no fix (as gpsd).
  version: 2,
  extensions: ['nmea', 'log', 'txt', 'nma'],
  sniff: looksLikeNmea,
  read: (bytes: Uint8Array, ctx: ReadContext) => readNmea(bytes, ctx),
};

export function readNmea(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const text = new TextDecoder('latin1').decode(bytes);
  const problems: Problem[] = [];
  const tally: Record<string, Tally> = {};
  const note = (code: string, line: number) => {
    const t = tally[code];
    if (t) t.count++;
    else tally[code] = { count: 1, firstLine: line };
  };
  const counts: Record<string, number> = {};

  const fixes: { t: number; e: Epoch }[] = [];
  let cur: Epoch | null = null;
  let carried: number | null = null; // UTC ms of 00:00 of the last known date
  let carriedTod = 0;
  let valid = 0;
  let firstValidLine = 0;
  let undated = 0;
  const talkers = new Set<string>();

  const flush = () => {
    const e = cur;
    cur = null;
    if (!e) return;
    if (e.date !== null) {
      carried = e.date;
      carriedTod = e.tod;
    } else if (carried !== null) {
      if (e.tod < carriedTod - DAY_MS / 2) carried += DAY_MS; // past midnight
      carriedTod = e.tod;
    }
    if (!e.valid) return;
    const day = e.date ?? carried;
    if (day === null) {
      undated++;
      return;
    }
    fixes.push({ t: day + e.tod, e });
  };

  let line = 0;
  let pos = 0;
  const len = text.length;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    const lastLine = end < 0;
    if (end < 0) end = len;
    line++;
    let s = text.slice(pos, end);
    pos = end + 1;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    s = s.trim();
    if (s === '' || s.startsWith('#')) continue;
    if (s[0] !== '$' && s[0] !== '!') {
      note('NMEA_GARBAGE', line);
      continue;
    }
    if (s.length > MAX_SENTENCE) {
      note('NMEA_GARBAGE', line);
      continue;
    }
    const star = s.lastIndexOf('*');
    if (star < 0 || star + 3 !== s.length) {
      note(lastLine ? 'NMEA_TRUNCATED' : 'NMEA_NO_CHECKSUM', line);
      continue;
    }
    let x = 0;
    for (let i = 1; i < star; i++) x ^= s.charCodeAt(i);
    const given = parseInt(s.slice(star + 1), 16);
    if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(star + 1)) || given !== x) {
      note('NMEA_BAD_CHECKSUM', line);
      continue;
    }
    valid++;
    if (firstValidLine === 0) firstValidLine = line;
    const f = s.slice(1, star).split(',');
    const addr = f[0];
    if (addr.length !== 5 || addr[0] === 'P') {
      counts[addr[0] === 'P' ? 'proprietary' : addr] = (counts[addr[0] === 'P' ? 'proprietary' : addr] ?? 0) + 1;
      continue;
    }
    const talker = addr.slice(0, 2);
    const type = addr.slice(2);
    counts[type] = (counts[type] ?? 0) + 1;

    // time-bearing sentences open or continue an epoch
    const timeField = type === 'GGA' || type === 'RMC' || type === 'GNS' || type === 'ZDA' ? f[1] : type === 'GLL' ? f[5] : undefined;
    let tt: { tod: number; prec: number } | null = null;
    if (timeField !== undefined) {
      tt = parseTime(timeField);
      if (tt === null) {
        // a sentence without a usable time cannot be placed in time
        if (timeField !== '') note('NMEA_BAD_FIELD', line);
        continue;
      }
      if (cur === null || !sameEpoch(cur, tt.tod, tt.prec)) {
        flush();
        cur = newEpoch(tt.tod, tt.prec, line);
      }
    }
    const e: Epoch | null = cur;
    if (e === null) continue; // VTG/GSA before any timed sentence
    talkers.add(talker);
    if (tt !== null && !e.fixTime && (type === 'GGA' || type === 'RMC' || type === 'GNS')) {
      // GLL and ZDA may print the time with a different precision: the fix sentences' time is the epoch's
      e.tod = tt.tod;
      e.prec = tt.prec;
      e.fixTime = true;
    }
    switch (type) {
      case 'GGA': {
        const q = Number(f[6]);
        // Fewer than 3 satellites used cannot give even a 2-D fix, whatever the quality field says
        // (gpsd's processGGA sets no fix then; an empty count reads as 0 there too).
        const used = Number(f[7] ?? '');
        const ll = q >= 1 && q <= 5 && used >= 3 ? latLon(f[2], f[3], f[4], f[5]) : null;
        if (ll === 'bad') note('NMEA_BAD_FIELD', line);
        if (ll !== null && ll !== 'bad') {
          e.valid = true;
          e.lat = ll[0];
          e.lon = ll[1];
          setNum(f[8], (v) => (e.hdop = v));
          if (f[9] !== '' && (f[10] === 'M' || f[10] === '')) setNum(f[9], (v) => (e.alt = v));
          setNum(f[7], (v) => e.sats.set(talker, v));
        }
        break;
      }
      case 'GNS': {
        const ll = /[ADPRF]/.test(f[6] ?? '') ? latLon(f[2], f[3], f[4], f[5]) : null;
        if (ll === 'bad') note('NMEA_BAD_FIELD', line);
        if (ll !== null && ll !== 'bad') {
          e.valid = true;
          e.lat = ll[0];
          e.lon = ll[1];
          setNum(f[8], (v) => (e.hdop = v));
          setNum(f[9], (v) => (e.alt = v));
          setNum(f[7], (v) => e.sats.set(talker, v));
        }
        break;
      }
      case 'RMC': {
        const ok = f[2] === 'A' && !/^[NESM]$/.test(f[12] ?? '');
        const ll = ok ? latLon(f[3], f[4], f[5], f[6]) : null;
        if (ll === 'bad') note('NMEA_BAD_FIELD', line);
        if (ok) {
          const d = parseDdmmyy(f[9] ?? '');
          if (d !== null) {
            e.date = d;
            e.rmcDate = true;
          }
          if (ll !== null && ll !== 'bad') {
            e.valid = true;
            e.lat = ll[0];
            e.lon = ll[1];
            setNum(f[7], (v) => (e.speed = v * KNOTS_TO_MS));
          }
        }
        break;
      }
      case 'GLL': {
        const ok = f[6] === 'A' && !/^[NESM]$/.test(f[7] ?? '');
        const ll = ok ? latLon(f[1], f[2], f[3], f[4]) : null;
        if (ll === 'bad') note('NMEA_BAD_FIELD', line);
        if (ll !== null && ll !== 'bad') {
          e.valid = true;
          e.lat = ll[0];
          e.lon = ll[1];
        }
        break;
      }
      case 'VTG': {
        if (/^[NE]$/.test(f[9] ?? '')) break;
        if (f[5]) setNum(f[5], (v) => (e.speed = v * KNOTS_TO_MS));
        else if (f[7]) setNum(f[7], (v) => (e.speed = v / 3.6));
        break;
      }
      case 'GSA': {
        if (f[2] === '2' || f[2] === '3') setNum(f[16], (v) => (e.gsaHdop = v));
        break;
      }
      case 'ZDA': {
        const d = Number(f[2]);
        const m = Number(f[3]);
        const y = Number(f[4]);
        if (Number.isInteger(y) && y >= 1980 && y < 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
          if (!e.rmcDate) e.date = Date.UTC(y, m - 1, d);
        } else if (f[2] !== '' || f[4] !== '') note('NMEA_BAD_FIELD', line);
        break;
      }
    }
  }
  flush();

  // ---- problems, then the result
  const describe: Record<string, string> = {
    NMEA_BAD_CHECKSUM: 'sentence(s) failed their checksum and were skipped',
    NMEA_NO_CHECKSUM: 'sentence(s) had no checksum and were skipped',
    NMEA_TRUNCATED: 'last sentence is cut short (the logger stopped mid-line) and was skipped',
    NMEA_GARBAGE: 'line(s) are not NMEA sentences and were skipped',
    NMEA_BAD_FIELD: 'sentence(s) had an unreadable time, date or position field',
  };
  for (const [code, t] of Object.entries(tally)) {
    problems.push({ severity: 'warning', code, message: `${t.count} ${describe[code]} (first at line ${t.firstLine})`, file, line: t.firstLine, count: t.count });
  }
  if (valid === 0) {
    const bad = Object.values(tally).reduce((a, t) => a + t.count, 0);
    const first = Object.values(tally).reduce((a, t) => Math.min(a, t.firstLine), Infinity);
    const why = Object.entries(tally)
      .map(([c, t]) => `${t.count} ${describe[c]}`)
      .join('; ');
    throw new FormatError('NMEA_NO_VALID_SENTENCES', file, `no valid NMEA sentences in ${bad} line(s): ${why || 'the file has no sentences'}`, { line: Number.isFinite(first) ? first : 1 });
  }
  if (undated > 0) {
    problems.push({ severity: 'warning', code: 'NMEA_NO_DATE', message: `${undated} fix(es) came before the first RMC/ZDA date and were dropped: their day is unknown`, file, count: undated });
  }
  if (fixes.length === 0) {
    throw new FormatError('NO_DATA', file, `${valid} valid NMEA sentence(s) but no position fix: the receiver never reported a valid fix (no satellite lock?)`, { line: firstValidLine });
  }

  // ---- GPS 10-bit week rollover
  const ref = ctx.options?.referenceMs;
  if (ref !== undefined && Number.isFinite(ref)) {
    let moved = 0;
    let periods = 0;
    for (const fx of fixes) {
      const k = Math.floor((ref + DAY_MS - fx.t) / ROLLOVER_MS);
      if (k >= 1) {
        fx.t += k * ROLLOVER_MS;
        moved++;
        periods = Math.max(periods, k);
      }
    }
    if (moved > 0) {
      problems.push({
        severity: 'warning',
        code: 'GPS_WEEK_ROLLOVER',
        message: `${moved} fix(es) were dated ${periods * 1024} weeks or more before the reference date ${new Date(ref).toISOString().slice(0, 10)}: a GPS week-number rollover in the receiver; they were moved forward by ${periods === 1 ? '1024 weeks' : `whole 1024-week periods`}`,
        file,
        count: moved,
      });
    }
  }

  const n = fixes.length;
  const g = emptyGnss(n); // every column is written below
  for (let i = 0; i < n; i++) {
    const { t, e } = fixes[i];
    g.t[i] = t;
    g.lat[i] = e.lat;
    g.lon[i] = e.lon;
    g.speed[i] = e.speed;
    g.hdop[i] = Number.isNaN(e.hdop) ? e.gsaHdop : e.hdop;
    g.alt[i] = e.alt;
    g.sats[i] = satsOf(e.sats);
  }
  const gnss = inTimeOrder(g, file, 'GNSS', problems);
  return {
    format: 'nmea',
    source: file,
    unitId: null,
    gnss,
    imu: null,
    hr: null,
    problems,
    device: { info: { talkers: [...talkers].sort().join(', ') }, sessions: [], laps: [], counts: { 'valid sentences': valid, ...counts } },
  };
}

function satsOf(m: Map<string, number>): number {
  if (m.size === 0) return NaN;
  const gn = m.get('GN');
  if (gn !== undefined) return gn;
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function sameEpoch(e: Epoch, tod: number, prec: number): boolean {
  const p = Math.min(3, e.prec, prec);
  const unit = 10 ** (3 - p); // ms
  return Math.round(e.tod / unit) === Math.round(tod / unit);
}

/** 'hhmmss(.s+)' -> ms of day and the number of decimals printed. */
function parseTime(s: string): { tod: number; prec: number } | null {
  const m = /^(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = Number(m[3]);
  if (h > 23 || mi > 59 || sec > 60) return null;
  const frac = m[4] ?? '';
  const ms = frac === '' ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return { tod: ((h * 60 + mi) * 60 + sec) * 1000 + ms, prec: frac.length };
}

/** 'ddmmyy' -> UTC ms of that day; two-digit years 80-99 are 19xx, 00-79 are 20xx. */
function parseDdmmyy(s: string): number | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const yy = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return Date.UTC(yy >= 80 ? 1900 + yy : 2000 + yy, mo - 1, d);
}

/** NMEA (d)ddmm.mmmm + hemisphere -> degrees; null when empty, 'bad' when malformed. */
function latLon(lat: string | undefined, ns: string | undefined, lon: string | undefined, ew: string | undefined): [number, number] | null | 'bad' {
  if (!lat || !lon || !ns || !ew) return null;
  const a = degrees(lat, 90);
  const b = degrees(lon, 180);
  if (a === null || b === null || (ns !== 'N' && ns !== 'S') || (ew !== 'E' && ew !== 'W')) return 'bad';
  return [ns === 'S' ? -a : a, ew === 'W' ? -b : b];
}

function degrees(s: string, max: number): number | null {
  const m = /^(\d{1,3})(\d{2})(\.\d+)?$/.exec(s);
  if (!m) return null;
  const deg = Number(m[1]);
  const min = Number(m[2] + (m[3] ?? ''));
  if (min >= 60) return null;
  const v = deg + min / 60;
  return v <= max ? v : null;
}

function setNum(s: string | undefined, set: (v: number) => void): void {
  if (s === undefined || s === '') return;
  const v = Number(s);
  if (Number.isFinite(v)) set(v);
}
