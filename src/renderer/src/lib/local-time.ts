/**
 * The laptop's local time for inputs and display; UTC epoch ms for storage. A date input and two
 * time inputs become a UTC window; a window that crosses midnight is said explicitly ("ends the
 * next day"), never guessed from an end earlier than the start.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function toDateInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function toTimeInput(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** HH:MM:SS in local time, for `<input type="time" step="1">`. */
export function toTimeInputSeconds(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A local date (YYYY-MM-DD) and time (HH:MM or HH:MM:SS) as UTC epoch ms. */
export function fromLocal(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, se = 0] = time.split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi, se, 0).getTime();
}

/**
 * A local time of day placed inside a window that may cross midnight: on the window's first
 * local day, or on the next. `prefer` picks the earliest candidate inside [start, end] (a period's
 * start) or the latest (a period's end). When neither day's candidate is inside, the first day's is
 * returned, so the core can say the time lies outside the session.
 */
export function timeInWindow(time: string, window: { startMs: number; endMs: number }, prefer: 'first' | 'last'): number {
  const day0 = toDateInput(window.startMs);
  const [y, mo, d] = day0.split('-').map(Number);
  const day1 = toDateInput(new Date(y, mo - 1, d + 1, 12).getTime());
  const inside = [fromLocal(day0, time), fromLocal(day1, time)].filter((ms) => ms >= window.startMs && ms <= window.endMs);
  if (inside.length === 0) return fromLocal(day0, time);
  return prefer === 'first' ? inside[0] : inside[inside.length - 1];
}

/** The local day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return toDateInput(new Date(y, mo - 1, d + 1, 12).getTime());
}

/** Whole local days from the start's date to the end's date: 1 for a window that crosses midnight. */
export function daysLater(startMs: number, endMs: number): number {
  const [a, b] = [toDateInput(startMs), toDateInput(endMs)].map((t) => {
    const [y, mo, d] = t.split('-').map(Number);
    return Date.UTC(y, mo - 1, d);
  });
  return Math.round((b - a) / 86_400_000);
}

export type WindowInput = { ok: true; startMs: number; endMs: number } | { ok: false; field: 'start' | 'end' | 'date'; message: string };

/**
 * A session window from a date, two times and whether it ends the next day. An end at or before
 * the start on the same day is refused with what to do, naming the field; a window that crosses
 * midnight must be asked for with `endsNextDay`.
 */
export function windowFromInputs(date: string, start: string, end: string, endsNextDay = false): WindowInput {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, field: 'date', message: 'Pick the date the session starts.' };
  if (!/^\d{2}:\d{2}/.test(start)) return { ok: false, field: 'start', message: 'Type the time the session starts.' };
  if (!/^\d{2}:\d{2}/.test(end)) return { ok: false, field: 'end', message: 'Type the time the session ends.' };
  const startMs = fromLocal(date, start);
  const endMs = fromLocal(endsNextDay ? nextDay(date) : date, end);
  if (endMs <= startMs) {
    return {
      ok: false,
      field: 'end',
      message: `The end (${end}) is not after the start (${start}). Correct the time, or tick "Ends the next day" if the session runs past midnight.`,
    };
  }
  if (endMs - startMs > 24 * 3600_000) return { ok: false, field: 'end', message: 'A session lasts at most 24 hours: correct the end time.' };
  return { ok: true, startMs, endMs };
}

export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
