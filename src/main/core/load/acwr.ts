/**
 * Acute:chronic workload: EWMA (Williams et al. 2017) and rolling averages, coupled and
 * uncoupled. No ratio before 28 days of data; blank where the chronic load is 0.
 */
import type { AcwrDay, EwmaMethod, RollingMethod } from '../../../shared/domain/load.ts';

export const MIN_DAYS_FOR_RATIO = 28;

export function ewmaMethod(acuteN = 7, chronicN = 28): EwmaMethod {
  return { kind: 'ewma', acuteN, chronicN, acuteLambda: 2 / (acuteN + 1), chronicLambda: 2 / (chronicN + 1), start: 'day-1 load', na: 'carried' };
}

/** EWMA_t = λ L_t + (1 − λ) EWMA_t−1, started at the first known day's load; NA days carry. */
export function ewmaSeries(values: readonly (number | null)[], lambda: number): (number | null)[] {
  const out: (number | null)[] = [];
  let e: number | null = null;
  for (const v of values) {
    if (v !== null) e = e === null ? v : lambda * v + (1 - lambda) * e;
    out.push(e);
  }
  return out;
}

const ratioOf = (i: number, acute: number | null, chronic: number | null) =>
  i + 1 < MIN_DAYS_FOR_RATIO || acute === null || chronic === null || chronic === 0 ? null : acute / chronic;

export function ewmaAcwr(dates: readonly string[], values: readonly (number | null)[], method = ewmaMethod()): AcwrDay[] {
  const a = ewmaSeries(values, method.acuteLambda);
  const c = ewmaSeries(values, method.chronicLambda);
  return dates.map((date, i) => ({ date, acute: a[i], chronic: c[i], ratio: ratioOf(i, a[i], c[i]) }));
}

export function rollingMethod(coupling: 'coupled' | 'uncoupled', acuteDays = 7, chronicDays = 28): RollingMethod {
  return { kind: 'rolling', acuteDays, chronicDays, coupling, na: 'excluded' };
}

/** Mean of the known values in [lo, hi] (indices clipped to the series), or null when none. */
function windowMean(values: readonly (number | null)[], lo: number, hi: number): number | null {
  let s = 0;
  let n = 0;
  for (let j = Math.max(0, lo); j <= hi; j++) {
    const v = values[j];
    if (v !== null && v !== undefined) {
      s += v;
      n++;
    }
  }
  return n === 0 ? null : s / n;
}

/**
 * Rolling: acute = mean of days t−6..t; coupled chronic = mean of t−27..t; uncoupled = t−27..t−7.
 * Before day 28 the means are shown over the days there are, but no ratio.
 */
export function rollingAcwr(dates: readonly string[], values: readonly (number | null)[], method: RollingMethod): AcwrDay[] {
  const { acuteDays: A, chronicDays: C } = method;
  return dates.map((date, i) => {
    const acute = windowMean(values, i - A + 1, i);
    const chronic = method.coupling === 'coupled' ? windowMean(values, i - C + 1, i) : windowMean(values, i - C + 1, i - A);
    return { date, acute, chronic, ratio: ratioOf(i, acute, chronic) };
  });
}
