/**
 * The laptop's local time for inputs and display; UTC epoch ms for storage. A date input and two
 * time inputs become a UTC window; an end time earlier than the start means the next day.
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

export function windowFromInputs(date: string, start: string, end: string): { startMs: number; endMs: number } {
  const startMs = fromLocal(date, start);
  let endMs = fromLocal(date, end);
  if (endMs < startMs) {
    const [y, mo, d] = date.split('-').map(Number);
    endMs = fromLocal(toDateInput(new Date(y, mo - 1, d + 1, 12).getTime()), end);
  }
  return { startMs, endMs };
}

export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
