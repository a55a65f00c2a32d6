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
