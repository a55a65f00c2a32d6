/**
 * How the app writes sizes and session windows, everywhere it shows them (number, metric and
 * date formats shared with the report and the CLI are in shared/domain/format.ts).
 */
import { formatDateTime, formatTime } from '../../../shared/domain/format.ts';
import { daysLater } from './local-time.ts';

/** "512 B", "12 kB", "9.8 MB", "1.25 GB". */
export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} B`;
}

/** "10:05" in the laptop's time zone. */
export function formatHm(ms: number): string {
  return formatTime(ms).slice(0, 5);
}

/**
 * A session's window in the laptop's time zone: "Sat 14 Mar 2026, 10:00 – 11:30", and
 * "Sat 14 Mar 2026, 23:00 – 01:00 (+1 day)" when it ends on a later day.
 */
export function formatWindow(startMs: number, endMs: number): string {
  const days = daysLater(startMs, endMs);
  return `${formatDateTime(startMs)} – ${formatHm(endMs)}${days > 0 ? ` (+${days} day${days === 1 ? '' : 's'})` : ''}`;
}
