/**
 * Deliberately naive re-implementations (split lines, parseFloat, plain loops) used as an
 * independent peer for the optimised readers and metrics on whole files.
 */
import { readFileSync } from 'node:fs';

export function naiveCsv(path: string): Record<string, number[]> {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head.trim().split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const l of lines) l.trim().split(',').forEach((v, i) => cols[names[i]].push(parseFloat(v)));
  return cols;
}

export function naivePlayerLoad(c: Record<string, number[]>): number {
  const { ax, ay, az } = c;
  let s = 0;
  for (let i = 1; i < ax.length; i++) s += Math.hypot(ax[i] - ax[i - 1], ay[i] - ay[i - 1], az[i] - az[i - 1]);
  return s / 100;
}

/**
 * The GNSS gaps a unit's CSV leaves at the default cleaning, found the plain way: the fixes the
 * quality gate keeps (HDOP ≤ 2, satellites ≥ 6; the sample data has no speed spikes), and every
 * pair of consecutive kept fixes more than 2 s apart (the gap limit at 10 Hz: max(2 s, 3 intervals)).
 */
export function naiveGnssGaps(c: Record<string, number[]>): { startMs: number; durationS: number }[] {
  const kept = c.time.filter((_, i) => c.hdop[i] <= 2 && c.sats[i] >= 6);
  const gaps: { startMs: number; durationS: number }[] = [];
  for (let i = 1; i < kept.length; i++) if (kept[i] - kept[i - 1] > 2000) gaps.push({ startMs: kept[i - 1], durationS: (kept[i] - kept[i - 1]) / 1000 });
  return gaps;
}

/**
 * The time-weighted heart-rate mean the plain way: every sample with contact (30-240 bpm) counts
 * for half the step before it plus half the step after it, a step over `gapMs` counting nothing.
 */
export function naiveTimeWeightedHr(c: Record<string, number[]>, gapMs: number): number {
  const { time, hr } = c;
  let sum = 0;
  let w = 0;
  for (let i = 0; i < time.length; i++) {
    if (!(hr[i] >= 30 && hr[i] <= 240)) continue;
    const back = i > 0 && time[i] - time[i - 1] <= gapMs ? time[i] - time[i - 1] : 0;
    const fwd = i + 1 < time.length && time[i + 1] - time[i] <= gapMs ? time[i + 1] - time[i] : 0;
    sum += (hr[i] * (back + fwd)) / 2;
    w += (back + fwd) / 2;
  }
  return sum / w;
}
