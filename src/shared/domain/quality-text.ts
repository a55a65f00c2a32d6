/**
 * How the data-quality summary reads where the app and the report show more than a number: a
 * unit's GNSS gaps one by one (stretches with no usable fix that the interpolation did not fill,
 * so a low number in a drill can be traced to lost signal: when each began, the last usable fix,
 * and how long it lasted), and the accelerometer's rate with the rate PlayerLoad was computed at.
 */
import type { DataQuality, GnssQuality } from './player-result.ts';
import { formatNumber, formatThreshold, formatTime } from './format.ts';

/**
 * A sample rate in Hz as the quality tables write it: from 1 Hz with `decimals` ("10.0", "1.0");
 * below 1 Hz to two significant figures with the interval, "0.04 (1 per 25 s)" (to one decimal a
 * fix every 25 s read "0.0", as if the unit had none); "–" without one.
 */
export function rateHzText(hz: number | null | undefined, decimals = 1): string {
  if (hz == null || !Number.isFinite(hz) || hz <= 0 || hz >= 1) return formatNumber(hz ?? null, decimals);
  const sig2 = formatNumber(hz, Math.max(decimals, Math.floor(-Math.log10(hz)) + 2))
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return `${sig2} (1 per ${formatThreshold(1 / hz)} s)`;
}

/** "100", or "1000 → 100" for a unit whose PlayerLoad ran on its 10 ms means; "–" without one. */
export function imuRateText(imu: DataQuality['imu'] | undefined): string {
  const hz = rateHzText(imu?.sampleRateHz, 0);
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

/**
 * The distance split's column heads (app and report): each part's metres and, in brackets, the
 * time of the steps it was measured over. Named for what they count, so the interpolated seconds
 * are not read as the time interpolation filled (see SPLIT_TIME_NOTE).
 */
export const SPLIT_HEADS = [
  'Measured: steps between kept fixes, m (s)',
  'Interpolated: steps into or out of an interpolated sample, m (s)',
  'Estimated across gaps and position jumps, m (s)',
] as const;

/** Why the split's interpolated seconds exceed the time filled by interpolation (docs/metrics.md, distance split). */
export const SPLIT_TIME_NOTE =
  'The seconds in brackets are the time of the steps each part was measured over. Every step into or out of an interpolated sample counts as interpolated, so one filled sample between two kept fixes is two interpolated steps: the interpolated seconds here are more than the time filled by interpolation (up to about twice it) that the data quality table gives as a % and the cleaning summary as "sample(s) interpolated".';

/** What the data quality's interpolation column is, against the distance split's seconds. */
export const QUALITY_INTERPOLATION_NOTE =
  "Time filled by interpolation: the samples interpolated across short dropouts × the unit's interval (the seconds the cleaning summary gives), as a % of the unit's recording time (first to last fix). The distance split counts the time of every step into or out of such a sample, so its interpolated seconds are more.";

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
