/**
 * Local wall-clock times -> UTC epoch ms, for units whose clock runs on local time (Catapult raw
 * Excel serial days, Axivity formatted timestamps, OpenField's Timestamp column).
 *
 * A zone is 'UTC', a fixed offset ('+01:00', '-0530') or an IANA name ('Europe/Lisbon'); IANA
 * offsets come from Intl (the ICU data Node and Electron ship), cached per 15 minutes of local
 * time because every real zone changes offset only on such a boundary.
 */
import type { Problem } from './canonical.ts';
import { FormatError } from './format-error.ts';

export type LocalToUtc = (localMs: number) => number;

/** Days from 1899-12-30 (Excel's day 0 in the 1900 system) to 1970-01-01. */
export const EXCEL_EPOCH_DAYS = 25569;

/** Excel serial day number -> local-clock epoch ms, rounded to the millisecond (what Excel displays). */
export function excelSerialToLocalMs(serial: number): number {
  // serial - 25569 is exact for any serial in [12785, 51138] (Sterbenz), i.e. 1935..2040.
  return Math.round((serial - EXCEL_EPOCH_DAYS) * 86_400_000);
}

/** A converter for `zone`, or a FormatError naming the file when the zone is unknown. */
export function localToUtc(zone: string, file: string): LocalToUtc {
  const z = zone.trim();
  if (/^(utc|gmt|z)$/i.test(z)) return (ms) => ms;
  const fixed = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (fixed) {
    const sign = fixed[1] === '-' ? -1 : 1;
    const h = Number(fixed[2]);
    const m = Number(fixed[3] ?? '0');
    if (h > 14 || m > 59) throw new FormatError('BAD_TIME_ZONE', file, `time zone offset '${zone}' is out of range`);
    const off = sign * (h * 60 + m) * 60_000;
    return (ms) => ms - off;
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: z,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new FormatError('BAD_TIME_ZONE', file, `unknown time zone '${zone}' (use an IANA name such as Europe/Lisbon, or an offset such as +01:00)`);
  }
  /** zone offset (ms) in force at UTC instant `utc` */
  const offsetAt = (utc: number): number => {
    const parts = fmt.formatToParts(new Date(Math.floor(utc / 1000) * 1000));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - Math.floor(utc / 1000) * 1000;
  };
  const cache = new Map<number, number>();
  return (local) => {
    const bucket = Math.floor(local / 900_000);
    let off = cache.get(bucket);
    if (off === undefined) {
      const guess = bucket * 900_000;
      const o1 = offsetAt(guess - offsetAt(guess));
      off = o1;
      cache.set(bucket, off);
    }
    return local - off;
  };
}

/** The converter for the reader's options, adding the 'read as UTC' info problem when no zone was given. */
export function zoneFromOptions(zone: string | undefined, file: string, problems: Problem[], what: string): LocalToUtc {
  if (zone) return localToUtc(zone, file);
  problems.push({
    severity: 'info',
    code: 'LOCAL_TIME_AS_UTC',
    message: `${what} are the unit's local clock and no time zone was given: they were read as UTC. Give the time zone (e.g. --tz Europe/Lisbon) if the unit ran on local time.`,
    file,
  });
  return (ms) => ms;
}

export interface DateTimeFields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

/**
 * Parse 'YYYY-MM-DD HH:MM:SS.fff' (ISO-like, 'T' allowed) or day-first 'DD/MM/YYYY HH:MM[:SS[.ff]]'
 * ('.', '/' or '-' between date parts, as OpenField writes them). Returns null when it is neither.
 */
export function parseDateTime(text: string): DateTimeFields | null {
  const s = text.trim().replace(/^"(.*)"$/, '$1');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?Z?$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/.exec(s);
    if (!m) return null;
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  }
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] ? Number(m[6]) : 0;
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  return { y, mo, d, h, mi, s: sec, ms: frac };
}

/** Wall-clock fields as if they were UTC (the input of a LocalToUtc). */
export function fieldsToLocalMs(f: DateTimeFields): number {
  return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s, f.ms);
}
