/**
 * A time zone's UTC offsets over a stretch of time, worked out with Intl where Intl is cheap (the
 * core, under Node), so that code where Intl is dear can turn an instant into a clock time by
 * arithmetic: the report viewer, whose first Intl use in a fresh page loads Chromium's ICU data
 * (30–75 ms) on the way to its ready signal. The report model carries one for its session
 * (ReportModel.zoneOffsets, docs/formats/report-series.md).
 */

export interface ZoneOffsets {
  /** The IANA zone, as the model's timeZone. */
  timeZone: string;
  /** The stretch covered, UTC epoch ms, [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /**
   * The offset in force from each instant on (UTC epoch ms, ascending, the first at fromMs): local
   * clock time = UTC + offsetMs. Whole seconds (the oldest local mean times had seconds).
   */
  changes: { atMs: number; offsetMs: number }[];
}

/** The longest stretch worked out (a session's day and its neighbours, with room to spare). */
export const MAX_ZONE_SPAN_MS = 14 * 86_400_000;

/**
 * How far apart the offset is sampled; a change between two samples is then found to the second.
 * Two changes of a zone are months apart (the closest in the tz database, days): one between two
 * samples a quarter of an hour apart that undoes itself before the next is not a real zone's.
 */
const STEP_MS = 15 * 60_000;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset at an instant (whole seconds), as Intl has it: the local clock read back as if it were UTC. */
function offsetAt(timeZone: string, ms: number): number {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    partsFormats.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(ms)) p[type] = value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const local = new Date(0);
  local.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  local.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return local.getTime() - Math.floor(ms / 1000) * 1000;
}

/**
 * The zone's offsets over [fromMs, toMs), each change found to the second (changes happen on whole
 * seconds). Null where it cannot say: not a zone Intl knows, a stretch that is empty, longer than
 * MAX_ZONE_SPAN_MS or beyond the dates JavaScript has.
 */
export function zoneOffsetsOver(timeZone: string, fromMs: number, toMs: number): ZoneOffsets | null {
  const from = Math.floor(fromMs / 1000) * 1000;
  if (!(from < toMs) || !(toMs - from <= MAX_ZONE_SPAN_MS) || !(Math.abs(from) <= 8.64e15 - MAX_ZONE_SPAN_MS)) return null;
  try {
    const changes = [{ atMs: from, offsetMs: offsetAt(timeZone, from) }];
    let at = from;
    let offset = changes[0].offsetMs;
    while (at < toMs) {
      const next = Math.min(at + STEP_MS, Math.ceil(toMs / 1000) * 1000);
      const o = offsetAt(timeZone, next);
      if (o !== offset) {
        // The first second of the new offset, in (at, next].
        let lo = at / 1000;
        let hi = next / 1000;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offsetAt(timeZone, mid * 1000) === offset) lo = mid;
          else hi = mid;
        }
        if (hi * 1000 < toMs) changes.push({ atMs: hi * 1000, offsetMs: o });
        offset = o;
      }
      at = next;
    }
    return { timeZone, fromMs: from, toMs, changes };
  } catch {
    return null;
  }
}

/** The offset (ms) the table gives for an instant, or null outside it or for a table not well formed. */
export function tableOffsetAt(z: ZoneOffsets, ms: number): number | null {
  if (!(ms >= z.fromMs && ms < z.toMs)) return null;
  let found: number | null = null;
  for (const c of z.changes) {
    if (c.atMs > ms) break;
    found = c.offsetMs;
  }
  return found;
}

/** Whether a value read from a report file is a table as zoneOffsetsOver makes them (else it is ignored). */
export function isZoneOffsets(v: unknown): v is ZoneOffsets {
  if (typeof v !== 'object' || v === null) return false;
  const z = v as Partial<ZoneOffsets>;
  if (typeof z.timeZone !== 'string' || !Number.isFinite(z.fromMs) || !Number.isFinite(z.toMs) || !Array.isArray(z.changes) || z.changes.length === 0) return false;
  if (z.changes[0]?.atMs !== z.fromMs) return false;
  let last = -Infinity;
  for (const c of z.changes as unknown[]) {
    const { atMs, offsetMs } = (c ?? {}) as { atMs?: unknown; offsetMs?: unknown };
    if (typeof atMs !== 'number' || typeof offsetMs !== 'number' || !(atMs > last) || !Number.isInteger(offsetMs / 1000) || Math.abs(offsetMs) > 86_400_000) return false;
    last = atMs;
  }
  return last < (z.toMs as number);
}
