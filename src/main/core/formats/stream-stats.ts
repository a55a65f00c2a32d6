/**
 * What a stream's time column says about it: sample count, first and last time, and the rate from
 * the median step between samples (robust to the gaps and bursts real units have). Used by
 * `player1 inspect` and by the import scan.
 */
import { median } from '../processing/sample-rate.ts';

export interface StreamStats {
  samples: number;
  firstMs: number | null;
  lastMs: number | null;
  medianStepMs: number | null;
  rateHz: number | null;
}

export function streamStats(t: Float64Array): StreamStats {
  const n = t.length;
  let medianStep: number | null = null;
  if (n >= 2) {
    const steps = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) steps[i - 1] = t[i] - t[i - 1];
    medianStep = median(steps); // every step, not a sample of them as medianInterval takes
  }
  return {
    samples: n,
    firstMs: n > 0 ? t[0] : null,
    lastMs: n > 0 ? t[n - 1] : null,
    medianStepMs: medianStep,
    rateHz: medianStep && medianStep > 0 ? 1000 / medianStep : null,
  };
}
