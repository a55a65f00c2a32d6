/**
 * The report embeds compact chart series only: at most REPORT_SERIES_POINTS bins per player, so a
 * 90-minute session of 25 players stays a small file. The stored series (1 s bins) are merged
 * `factor` at a time: speed and heart rate are the mean of the merged bins that hold data,
 * PlayerLoad (a sum per bin) is their sum; a merged bin with no data stays null.
 */
import type { ChartSeries } from '../../../shared/domain/player-result.ts';

export const REPORT_SERIES_POINTS = 1800;

function merge(v: (number | null)[], factor: number, how: 'mean' | 'sum', digits: number): (number | null)[] {
  const out: (number | null)[] = [];
  const f = 10 ** digits;
  for (let i = 0; i < v.length; i += factor) {
    let sum = 0;
    let n = 0;
    for (let j = i; j < Math.min(v.length, i + factor); j++) {
      const x = v[j];
      if (x != null) {
        sum += x;
        n++;
      }
    }
    out.push(n === 0 ? null : Math.round((how === 'mean' ? sum / n : sum) * f) / f);
  }
  return out;
}

export function compactSeries(s: ChartSeries, maxPoints = REPORT_SERIES_POINTS): ChartSeries {
  const factor = Math.ceil(s.speedMs.length / maxPoints);
  if (factor <= 1) return s;
  return {
    startMs: s.startMs,
    stepS: s.stepS * factor,
    speedMs: merge(s.speedMs, factor, 'mean', 2),
    hrBpm: s.hrBpm ? merge(s.hrBpm, factor, 'mean', 0) : null,
    playerLoad: s.playerLoad ? merge(s.playerLoad, factor, 'sum', 3) : null,
  };
}
