/** Display formatting shared by the app, the report and the CLI, so a number reads the same everywhere. */
import type { MetricDef, MetricMoment } from './metrics.ts';
import { displayDef, displayValue, speedFromMs, type DisplayUnits, type SpeedUnit } from './units.ts';
import { tableOffsetAt, type ZoneOffsets } from './zone-offsets.ts';

const numberFormats = new Map<number, Intl.NumberFormat>();

export function formatNumber(v: number | null | undefined, decimals: number): string {
  if (v == null || !Number.isFinite(v)) return '–';
  const fast = fixedFast(v, decimals) ?? fixedDecimal(v, decimals);
  if (fast !== null) return fast;
  let f = numberFormats.get(decimals);
  if (!f) {
    // signDisplay 'negative': no sign on zero, so -0 and a small negative rounded to 0 read "0", not "-0".
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative' });
    numberFormats.set(decimals, f);
  }
  return f.format(v);
}

/**
 * What Intl.NumberFormat('en-GB', fixed decimals, signDisplay 'negative') writes, by toFixed, where
 * the two cannot differ: a report formats tens of thousands of cells (every effort's duration,
 * distance and speeds), and toFixed is ~5× quicker than Intl here. They round differently only
 * at a tie: Intl rounds the shortest decimal that reads back as v half away from zero (1.005 →
 * "1.01"), toFixed rounds v's exact binary value (1.005 is 1.00499999… → "1.00"). So a value
 * whose scaled fraction is near ½, or too large for an exact toFixed, is left to fixedDecimal (null).
 * The rest is Intl's shape: thousands grouped with commas (en-GB), no sign on a zero.
 */
function fixedFast(v: number, decimals: number): string | null {
  if (!(decimals >= 0 && decimals <= 6) || (decimals | 0) !== decimals) return null;
  const a = Math.abs(v);
  const scaled = a * POW10[decimals];
  // Within 1e-6 of a tie the two may round apart: the shortest decimal, v's exact value and the
  // product above differ by a few units of v's last place, ~2e-16 · scaled, under 1e-6 while
  // scaled stays below 1e9 (above it, to Intl: 134333162.545 to 2 decimals is such a tie).
  if (!(scaled < 1e9)) return null;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) < 1e-6) return null;
  let s = a.toFixed(decimals);
  const dot = decimals > 0 ? s.length - decimals - 1 : s.length;
  if (dot > 3) {
    let int = s.slice(0, dot);
    let grouped = '';
    while (int.length > 3) {
      grouped = `,${int.slice(-3)}${grouped}`;
      int = int.slice(0, -3);
    }
    s = `${int}${grouped}${s.slice(dot)}`;
  }
  // A negative value that rounds to zero reads "0.0", as Intl with signDisplay 'negative' writes it.
  return v < 0 && scaled >= 0.5 ? `-${s}` : s;
}

const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6];

/**
 * What Intl writes where fixedFast cannot say (a tie, or a value too large for it), without Intl:
 * the shortest decimal that reads back as v (String(v), as Intl starts from) rounded half away from
 * zero, in Intl's shape. A first Intl use in a fresh page costs far more than formatting (Chromium
 * loads its ICU data: 30–75 ms before the report's first render). Null for a value String writes
 * with an exponent (under 1e-6, 1e21 and over): Intl's.
 */
function fixedDecimal(v: number, decimals: number): string | null {
  if (!(decimals >= 0 && decimals <= 20) || (decimals | 0) !== decimals) return null;
  const s = String(Math.abs(v));
  if (s.includes('e')) return null;
  const dot = s.indexOf('.');
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  // The digits kept, as one string of the integer part and `decimals` places.
  let digits = (dot < 0 ? s : s.slice(0, dot)) + frac.slice(0, decimals).padEnd(decimals, '0');
  if (frac.length > decimals && frac.charCodeAt(decimals) >= 53 /* '5' */) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === '9') i--;
    digits = i < 0 ? `1${'0'.repeat(digits.length)}` : `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(digits.length - i - 1)}`;
  }
  let int = digits.slice(0, digits.length - decimals);
  let grouped = '';
  while (int.length > 3) {
    grouped = `,${int.slice(-3)}${grouped}`;
    int = int.slice(0, -3);
  }
  const out = decimals > 0 ? `${int}${grouped}.${digits.slice(digits.length - decimals)}` : `${int}${grouped}`;
  // No sign on a value that reads as zero (signDisplay 'negative').
  return v < 0 && /[1-9]/.test(digits) ? `-${out}` : out;
}

/** A threshold as labels name it: up to 2 decimals, no trailing zeros ("3.25", "3", "19.8"). */
export function formatThreshold(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** A speed threshold stored in m/s, in a display speed unit with that unit ("19.8 km/h"). */
export function formatSpeedThreshold(ms: number, unit: SpeedUnit): string {
  return `${formatThreshold(speedFromMs(ms, unit))} ${unit}`;
}

/**
 * Seconds as minutes and seconds, to the nearest second, the minutes not split into hours (a match
 * clock: "92:15"): the display of a player's durations and times in band or zone. A total over
 * players reads in hours and minutes instead (formatTotalDuration).
 */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(Math.abs(seconds));
  return `${seconds < 0 && s > 0 ? '-' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A value already in display units (its unit from displayDef): minutes and seconds for durations, else a number. */
export function formatMetric(v: number | null | undefined, def: Pick<MetricDef, 'decimals'> & { unit?: MetricDef['unit'] }): string {
  return def.unit === 'mm:ss' ? formatClock(v) : formatNumber(v, def.decimals);
}

/** A stored (SI) value as the team reads it: converted to the display units, with their decimals ("19.8", "92:15"). */
export function formatInUnits(v: number | null | undefined, def: Pick<MetricDef, 'unit' | 'decimals'>, units: DisplayUnits): string {
  return formatMetric(displayValue(v, def, units), displayDef(def, units));
}

/**
 * A duration summed over players (the team and group total rows, the header's team total): hours
 * and minutes, to the minute, from an hour on ("37 h 28 min", "2 h 05 min"); under an hour minutes
 * and seconds, to the second ("45 min 12 s"), so a small total such as the time above 25.2 km/h
 * keeps its seconds. A clock reading of such a sum ("2250:00") is a time of day to no one.
 */
export function formatTotalDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const min = Math.round(seconds / 60);
  if (min >= 60) return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
  const s = Math.round(Math.max(0, seconds));
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A stored value summed over players as the team reads it: like formatInUnits, durations by formatTotalDuration. */
export function formatTotalInUnits(v: number | null | undefined, def: Pick<MetricDef, 'unit' | 'decimals'>, units: DisplayUnits): string {
  return def.unit === 's' ? formatTotalDuration(v) : formatInUnits(v, def, units);
}

/**
 * Decimals for a mean over players: one more than a player's value for counts (a team mean of 0.8
 * sprint efforts must not read "1"), the same as a player's value otherwise.
 */
export function meanDecimals(def: Pick<MetricDef, 'unit' | 'decimals'>): number {
  return def.unit === 'count' ? def.decimals + 1 : def.decimals;
}

/** A team or group mean as the team reads it: like formatInUnits, with meanDecimals. */
export function formatMeanInUnits(v: number | null | undefined, def: Pick<MetricDef, 'unit' | 'decimals'>, units: DisplayUnits): string {
  return formatMean(displayValue(v, def, units), displayDef(def, units));
}

/** A mean already in display units: like formatMetric, with meanDecimals. */
export function formatMean(v: number | null | undefined, def: Pick<MetricDef, 'unit' | 'decimals'>): string {
  return formatMetric(v, { unit: def.unit, decimals: meanDecimals(def) });
}

/** A unit's coverage of a period (0..1) as the period tables show it: "100 %", "⚠ 88 %" below 95 %, "⚠ no data". */
export function formatCoverage(c: number): string {
  if (c <= 0) return '⚠ no data';
  return c < 0.95 ? `⚠ ${coverageText(c)}` : coverageText(c);
}

/** "94 %", rounded down (coveragePct); "< 1 %" for a share above 0 that rounds down to 0. */
export function coverageText(c: number): string {
  const pct = coveragePct(c);
  return pct === 0 && c > 0 ? '< 1 %' : `${pct} %`;
}

/**
 * A share covered as a whole percentage, rounded down: a share under 95 %, which is warned about,
 * always reads under 95 (94.9 % rounded to the nearest read "⚠ 95 %" beside an unflagged 96 %).
 */
export function coveragePct(c: number): number {
  return Math.floor(c * 100 + 1e-9);
}

const dateTimeFormats = new Map<string | undefined, Intl.DateTimeFormat>();
const timeFormats = new Map<string | undefined, Intl.DateTimeFormat>();
const dayFormats = new Map<string | undefined, Intl.DateTimeFormat>();
/** The runtime's own zone as last seen (see ownZoneChanged). */
let ownZone = '';

/**
 * Whether the runtime's own time zone changed since the last call: a laptop taken to an away game
 * in another zone, the app left open. Its UTC offsets in January, in July and now identify it
 * well enough (three cheap calls; building a formatter to ask its zone costs far more).
 */
function ownZoneChanged(): boolean {
  const now = new Date();
  const y = now.getFullYear();
  const seen = `${new Date(y, 0, 1).getTimezoneOffset()} ${new Date(y, 6, 1).getTimezoneOffset()} ${now.getTimezoneOffset()}`;
  if (seen === ownZone) return false;
  ownZone = seen;
  return true;
}

/**
 * One formatter per zone and style: building one costs far more than formatting (a report formats
 * thousands). Those for the runtime's own zone are built again when that zone changes.
 */
function zoned(cache: Map<string | undefined, Intl.DateTimeFormat>, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  if (timeZone === undefined && ownZoneChanged()) {
    dateTimeFormats.delete(undefined);
    timeFormats.delete(undefined);
    dayFormats.delete(undefined);
  }
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    cache.set(timeZone, f);
  }
  return f;
}

/** "Sat, 14 Mar 2026, 10:00" in the given IANA zone (default: the runtime's own). */
export function formatDateTime(ms: number, timeZone?: string): string {
  return zoned(dateTimeFormats, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** "14/03/2026": the calendar day in the given IANA zone (default: the runtime's own), to tell two days apart. */
export function formatDay(ms: number, timeZone?: string): string {
  return zoned(dayFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Tables of a zone's UTC offsets formatTime may use instead of Intl, by zone (see knowZoneOffsets). */
const zoneTables = new Map<string, ZoneOffsets>();

/**
 * From now on formatTime writes the times of this zone within the table's stretch by arithmetic
 * from its offsets (worked out with Intl where that is cheap: zone-offsets.ts), and those outside
 * it with Intl as before. The report viewer gives the table its model carries, so its first
 * render never uses Intl (whose first use in a page loads Chromium's ICU data).
 */
export function knowZoneOffsets(z: ZoneOffsets): void {
  zoneTables.set(z.timeZone, z);
}

/** "10:01:58" in the given IANA zone (default: the runtime's own). */
export function formatTime(ms: number, timeZone?: string): string {
  if (timeZone !== undefined && zoneTables.size > 0) {
    const z = zoneTables.get(timeZone);
    // Intl drops a fraction of a millisecond toward zero (−0.5 ms reads as 00:00:00).
    const whole = Math.trunc(ms);
    const offset = z ? tableOffsetAt(z, whole) : null;
    if (offset !== null) {
      const day = (((whole + offset) % 86_400_000) + 86_400_000) % 86_400_000;
      const sec = Math.floor(day / 1000);
      const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
      return `${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}`;
    }
  }
  const f = zoned(timeFormats, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  // A report formats thousands of times (every effort's start): Intl once per minute, then the
  // seconds by arithmetic. A minute whose start does not read ":00" (an offset with seconds, as
  // the oldest local mean times had) is left to Intl.
  // Beyond the dates JavaScript has (±8.64e15 ms), or not a number: Intl says what is wrong.
  if (!(Math.abs(ms) <= 8.64e15)) return f.format(ms);
  let minutes = minuteCache.get(f);
  if (!minutes) minuteCache.set(f, (minutes = new Map()));
  // Intl drops a fraction of a millisecond toward zero (−0.5 ms reads as 00:00:00).
  const whole = Math.trunc(ms);
  const minute = Math.floor(whole / 60_000);
  let head = minutes.get(minute);
  if (head === undefined) {
    const atStart = f.format(minute * 60_000);
    head = atStart.endsWith(':00') ? atStart.slice(0, -2) : '';
    if (minutes.size >= 4096) minutes.clear();
    minutes.set(minute, head);
  }
  if (head === '') return f.format(ms);
  const sec = Math.floor((whole - minute * 60_000) / 1000);
  return `${head}${sec < 10 ? '0' : ''}${sec}`;
}

/** Per time formatter (so a rebuilt one for a changed own zone starts afresh): each UTC minute's "HH:MM:". */
const minuteCache = new WeakMap<Intl.DateTimeFormat, Map<number, string>>();

/** "Sat, 14 Mar 2026": the day as the app and the report name it, in the given zone (default: the runtime's own). */
export function formatDate(ms: number, timeZone?: string): string {
  return formatDateTime(ms, timeZone).replace(/,\s*\d{1,2}:\d{2}$/, '');
}

/** "10:00–10:05": a stretch within a day, hours and minutes, in the given zone. */
export function formatTimeRange(startMs: number, endMs: number, timeZone?: string): string {
  return `${formatTime(startMs, timeZone).slice(0, 5)}–${formatTime(endMs, timeZone).slice(0, 5)}`;
}

/**
 * A session's window with its date once: "Sat, 14 Mar 2026 · 10:00–11:30"; one that ends on
 * another day names both: "Sat, 14 Mar 2026 23:00 – Sun, 15 Mar 2026 01:00". The app's results
 * and the report's header and provenance say a window with it, so both read the same.
 */
export function formatWindowSpan(startMs: number, endMs: number, timeZone?: string): string {
  const hm = (ms: number) => formatTime(ms, timeZone).slice(0, 5);
  const day = formatDate(startMs, timeZone);
  return day === formatDate(endMs - 1, timeZone)
    ? `${day} · ${formatTimeRange(startMs, endMs, timeZone)}`
    : `${day} ${hm(startMs)} – ${formatDate(endMs, timeZone)} ${hm(endMs)}`;
}

/**
 * When a maximum or peak happened, under its value: "18:01:44" (a sample, its second as on a
 * clock, like every sample time), "18:23:40–18:24:40" (a peak period's window, both ends to the
 * nearest second: a 10 Hz window (09:59:59.9, 10:02:59.9] reads 10:00:00–10:03:00, still 3 min,
 * not from before the session's first fix); "" when not known.
 */
export function formatMoment(m: MetricMoment | undefined, timeZone?: string): string {
  if (!m) return '';
  if (m.startMs === m.endMs) return formatTime(m.endMs, timeZone);
  const s = (ms: number) => formatTime(Math.round(ms / 1000) * 1000, timeZone);
  return `${s(m.startMs)}–${s(m.endMs)}`;
}

/** "1 h 05 min" / "12 min 30 s" from seconds. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(r).padStart(2, '0')} s`;
}
