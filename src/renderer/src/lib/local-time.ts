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

export function fromLocal(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi, 0, 0).getTime();
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
