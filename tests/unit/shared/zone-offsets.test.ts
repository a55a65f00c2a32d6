/**
 * A zone's UTC offsets worked out with Intl (the core puts them in the report model), and clock
 * times written from them by arithmetic (the report viewer, so its first render loads no ICU data):
 * checked against Intl itself, across DST changes and in zones with odd offsets.
 */
import { describe, expect, it, vi } from 'vitest';
import { formatTime, knowZoneOffsets } from '../../../src/shared/domain/format.ts';
import { MAX_ZONE_SPAN_MS, isZoneOffsets, tableOffsetAt, zoneOffsetsOver } from '../../../src/shared/domain/zone-offsets.ts';

const H = 3600_000;
const intlTime = (tz: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: tz });

/** Stretches holding a change of the zone, by zone (UTC instants; the change named beside each). */
const CASES: [string, number, string][] = [
  ['Europe/London', Date.UTC(2026, 2, 29, 1), 'BST from 01:00 UTC'],
  ['Europe/London', Date.UTC(2026, 9, 25, 1), 'GMT from 01:00 UTC'],
  ['America/St_Johns', Date.UTC(2026, 2, 8, 5, 30), 'UTC−03:30 → −02:30'],
  ['America/St_Johns', Date.UTC(2026, 10, 1, 4, 30), 'UTC−02:30 → −03:30'],
  ['Asia/Kathmandu', Date.UTC(1986, 0, 1) - 5.5 * H, 'UTC+05:30 → +05:45'],
  ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15), 'half an hour back'],
  ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30), 'half an hour on'],
  ['Pacific/Chatham', Date.UTC(2026, 3, 4, 14), 'UTC+13:45 → +12:45'],
  ['Europe/Dublin', Date.UTC(2026, 9, 25, 1), 'negative summer time in the tz database'],
  ['Antarctica/Troll', Date.UTC(2026, 2, 29, 1), 'two hours on'],
  ['Pacific/Apia', Date.UTC(2011, 11, 30, 10), 'a whole day skipped'],
  ['America/Sao_Paulo', Date.UTC(2018, 10, 4, 3), 'spring forward at midnight'],
  ['Europe/Amsterdam', Date.UTC(1937, 6, 1) - 19.5 * 60_000, 'UTC+00:19:32 → +00:20 (seconds in the offset)'],
  ['Africa/Monrovia', Date.UTC(1972, 0, 7), 'UTC−00:44:30 → UTC'],
  ['UTC', Date.UTC(2026, 2, 14, 10), 'none'],
];
const EACH = CASES.map(([tz, at, what]) => [tz, new Date(at).toISOString(), what, at] as const);

describe("a zone's offsets, as Intl has them", () => {
  it.each(EACH)('%s around %s (%s): each change found to the second', (tz, _iso, _what, at) => {
    const z = zoneOffsetsOver(tz, at - 12 * H, at + 12 * H)!;
    expect(isZoneOffsets(z)).toBe(true);
    expect(z.changes[0].atMs).toBe(at - 12 * H);
    // A change is where the local calendar and clock stop running with UTC: the second before it
    // and the second it starts are more (or less) than a second apart there.
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const clock = (ms: number) => {
      const p = Object.fromEntries(local.formatToParts(ms).map((x) => [x.type, x.value]));
      return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    };
    const jumps: number[] = [];
    // Minute by minute, then second by second within a minute that did not last a minute.
    for (let ms = z.fromMs + 60_000; ms < z.toMs + 60_000; ms += 60_000) {
      if (clock(ms) - clock(ms - 60_000) === 60_000) continue;
      for (let t = ms - 59_000; t <= ms && t < z.toMs; t += 1000) if (clock(t) - clock(t - 1000) !== 1000) jumps.push(t);
    }
    expect(z.changes.slice(1).map((c) => c.atMs)).toEqual(jumps);
  });

  it('says nothing (null) for an unknown zone, an empty or too long stretch, or beyond the dates JavaScript has', () => {
    expect(zoneOffsetsOver('Mars/Olympus_Mons', 0, H)).toBeNull();
    expect(zoneOffsetsOver('UTC', H, H)).toBeNull();
    expect(zoneOffsetsOver('UTC', 0, MAX_ZONE_SPAN_MS + 1000)).toBeNull();
    expect(zoneOffsetsOver('UTC', 8.64e15 - H, 8.64e15)).toBeNull();
    expect(zoneOffsetsOver('UTC', Number.NaN, H)).toBeNull();
  });

  it('a table read from a file is used only when well formed', () => {
    const z = zoneOffsetsOver('Europe/London', Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))!;
    expect(isZoneOffsets(z)).toBe(true);
    expect(isZoneOffsets(JSON.parse(JSON.stringify(z)))).toBe(true);
    expect(isZoneOffsets(null)).toBe(false);
    expect(isZoneOffsets({ ...z, changes: [] })).toBe(false);
    expect(isZoneOffsets({ ...z, changes: [...z.changes].reverse() })).toBe(false);
    expect(isZoneOffsets({ ...z, changes: [{ atMs: z.fromMs, offsetMs: '3600000' }] })).toBe(false);
    expect(isZoneOffsets({ ...z, changes: [{ atMs: z.fromMs, offsetMs: 1500 }] })).toBe(false);
    expect(isZoneOffsets({ ...z, fromMs: z.fromMs + 1 })).toBe(false);
    expect(tableOffsetAt(z, z.fromMs - 1)).toBeNull();
    expect(tableOffsetAt(z, z.toMs)).toBeNull();
    expect(tableOffsetAt(z, Number.NaN)).toBeNull();
    expect(tableOffsetAt(z, Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe(0);
    expect(tableOffsetAt(z, Date.UTC(2026, 2, 29, 1))).toBe(H);
  });
});

describe('clock times from the offsets, as Intl writes them', () => {
  it('writes every time in the stretch without Intl', () => {
    const tz = 'Asia/Kathmandu';
    const at = Date.UTC(2026, 5, 1, 4);
    knowZoneOffsets(zoneOffsetsOver(tz, at - H, at + H)!);
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(formatTime(at, tz)).toBe('09:45:00');
      expect(formatTime(at + 59 * 60_000 + 59_999, tz)).toBe('10:44:59');
      expect(spy).not.toHaveBeenCalled();
      // Outside it, Intl as before.
      expect(formatTime(at + 2 * H, tz)).toBe('11:45:00');
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it.each(EACH)('%s around %s (%s): every 0.997 s for 12 hours, and each change to the millisecond', (tz, _iso, _what, at) => {
    const z = zoneOffsetsOver(tz, at - 6 * H, at + 6 * H)!;
    knowZoneOffsets(z);
    const intl = intlTime(tz);
    const off: string[] = [];
    const check = (ms: number) => {
      const got = formatTime(ms, tz);
      const want = intl.format(ms);
      if (got !== want && off.length < 10) off.push(`${new Date(ms).toISOString()} (${ms}): ${got}, Intl ${want}`);
    };
    for (let ms = z.fromMs; ms < z.toMs; ms += 997) check(ms);
    for (const c of z.changes) for (const d of [-1000, -1, -0.5, 0, 0.5, 1, 999, 1000]) check(c.atMs + d);
    expect(off).toEqual([]);
  });

  it('before 1970 and with fractions of a millisecond, as Intl (which drops them toward zero)', () => {
    const z = zoneOffsetsOver('UTC', -2 * H, 2 * H)!;
    knowZoneOffsets(z);
    const intl = intlTime('UTC');
    for (const ms of [-0.5, -1000.5, -60_000.25, 0.5, 59_999.9, -1, -H - 0.75, z.fromMs, z.toMs - 0.5]) expect(formatTime(ms, 'UTC')).toBe(intl.format(ms));
  });
});
