/** How the Devices page writes rates, times left and clock offsets (sizes: lib/format.ts). */
import { formatBytes } from '../../lib/format.ts';

export function formatRate(bytesPerSec: number): string {
  return bytesPerSec > 0 ? `${formatBytes(bytesPerSec)}/s` : '–';
}

export function formatEta(ms: number | null): string {
  if (ms == null) return 'estimating time left';
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s left`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
}

/** "+0.7 s (unit ahead)" / "−3.0 s (unit behind)" / "0.0 s". */
export function formatClockOffset(ms: number | null): string {
  if (ms == null) return '—';
  const s = Math.abs(ms / 1000).toFixed(1);
  if (Math.abs(ms) < 50) return `${s} s`;
  return ms > 0 ? `+${s} s (unit ahead)` : `−${s} s (unit behind)`;
}

export const KIND_LABEL: Record<string, string> = {
  player1: 'Player1 pod',
  'nmea-serial': 'GPS receiver (live)',
  'mass-storage': 'Watch / drive',
};
