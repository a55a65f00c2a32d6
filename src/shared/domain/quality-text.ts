/**
 * How the data-quality summary reads where the app and the report show more than a number: a
 * unit's GNSS gaps one by one (stretches with no usable fix that the interpolation did not fill,
 * so a low number in a drill can be traced to lost signal: when each began, the last usable fix,
 * and how long it lasted), and the accelerometer's rate with the rate PlayerLoad was computed at.
 */
import type { DataQuality, GnssQuality } from './player-result.ts';
import { formatNumber, formatTime } from './format.ts';

/** "100", or "1000 → 100" for a unit whose PlayerLoad ran on its 10 ms means; "–" without one. */
export function imuRateText(imu: DataQuality['imu'] | undefined): string {
  const hz = formatNumber(imu?.sampleRateHz ?? null, 0);
  return imu?.reducedTo100Hz ? `${hz} → 100` : hz;
}

/** "3 gaps, 25.0 s in all: 10:01:12 (12.3 s), …", or null without gaps (or before they were listed). */
export function gapListText(q: GnssQuality | null | undefined, timeZone?: string): string | null {
  if (!q || !q.gapList || q.gaps === 0) return null;
  const items = q.gapList.map((g) => `${formatTime(g.startMs, timeZone)} (${formatNumber(g.durationS, 1)} s)`).join(', ');
  const more = q.gaps > q.gapList.length ? `, … (the first ${q.gapList.length} of ${q.gaps} listed)` : '';
  return `${q.gaps} gap${q.gaps === 1 ? '' : 's'}, ${formatNumber(q.gapS, 1)} s in all: ${items}${more}`;
}

/** How the unit sampled: "10 Hz", "1 s", or "smart recording" (a watch's irregular steps by design); "–" without GNSS. */
export function samplingText(q: GnssQuality | null | undefined): string {
  if (!q || q.sampleRateHz == null) return '–';
  if (q.regime === 'smart') return 'smart recording';
  const hz = q.sampleRateHz;
  return hz >= 1.5 ? `${formatNumber(hz, 0)} Hz` : `${formatNumber(1 / hz, hz > 0.5 ? 0 : 1)} s`;
}

/** One part of the distance, metres and seconds: "9 559 m (4 821 s)"; "–" when absent. */
export function splitText(m: number | null | undefined, s: number | null | undefined): string {
  if (m == null || s == null) return '–';
  return `${formatNumber(m, 0)} m (${formatNumber(s, 0)} s)`;
}

/**
 * The unit's own odometer beside ours: "10 249 m (ours −0.9 %)", a note when we have none; null
 * when the file carries no odometer. `warn` when the two differ by more than `tolerance` (0.02).
 */
export function deviceDistanceText(deviceM: number | null | undefined, oursM: number | null | undefined, tolerance = 0.02): { text: string; warn: boolean } | null {
  if (deviceM == null || !(deviceM > 0)) return null;
  const dev = `${formatNumber(deviceM, 0)} m`;
  if (oursM == null) return { text: `${dev} (ours: none)`, warn: true };
  const diff = (oursM - deviceM) / deviceM;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return { text: `${dev} (ours ${sign}${formatNumber(Math.abs(100 * diff), 1)} %)`, warn: Math.abs(diff) > tolerance };
}
