/**
 * The peak search skips blocks of window ends by a bound; it must give exactly what trying every
 * window end gives. The reference here is the definition itself, written the slow way: every
 * window end, its first sample found by walking from the start, the first window of all tried
 * first, and a later window taken only when it holds strictly more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollingMaxes, type Peak } from '../../../src/main/core/processing/metrics/peaks.metric.ts';
import { FUZZ_REPLAY, FUZZ_RUNS } from './arbitraries.ts';

function reference(t: Float64Array, cum: Float64Array, nominalMs: number, startMs: number, endMs: number, w: number): Peak | null {
  const idx = [...t.keys()].filter((i) => t[i] >= startMs && t[i] < endMs);
  if (idx.length === 0) return null;
  const from = idx[0];
  const last = idx[idx.length - 1];
  const start = t[from] - nominalMs;
  let best: Peak | null = null;
  // The first window, (start, start + W], when it ends within the data.
  if (start + w <= t[last]) {
    let k = from - 1;
    while (k + 1 <= last && t[k + 1] <= start + w) k++;
    best = { value: k >= from ? cum[k + 1] - cum[from] : 0, endMs: start + w };
  }
  for (const i of idx) {
    if (t[i] < start - 1e-6 + w) continue;
    let j = from;
    while (t[j] <= t[i] - w) j++;
    const s = cum[i + 1] - cum[j];
    if (best === null || s > best.value) best = { value: s, endMs: t[i] };
  }
  return best;
}

/** A stream: strictly increasing times (regular, jittered, with gaps) and sums of non-negative steps (bursts, plateaus, steady). */
const stream = fc
  .record({
    n: fc.integer({ min: 1, max: 2500 }),
    stepMs: fc.constantFrom(10, 100, 1000),
    seed: fc.integer(),
    shape: fc.constantFrom('steady', 'bursts', 'plateaus', 'sparse'),
    nanFrom: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ n, stepMs, seed, shape, nanFrom }) => {
    let x = seed >>> 0 || 1;
    const rnd = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const t = new Float64Array(n);
    const cum = new Float64Array(n + 1);
    let at = 1_700_000_000_000;
    for (let i = 0; i < n; i++) {
      const r = rnd();
      at += i === 0 ? 0 : r < 0.02 ? stepMs * (1 + Math.floor(rnd() * 400)) : r < 0.1 ? stepMs * (0.2 + rnd()) : stepMs;
      t[i] = at;
      const burst = Math.floor(i / 200) % 3 === 0;
      const step = shape === 'steady' ? rnd() : shape === 'bursts' ? (burst ? 5 * rnd() : 0.1 * rnd()) : shape === 'plateaus' ? (burst ? 1 : 0) : rnd() < 0.01 ? 10 : 0;
      cum[i + 1] = cum[i] + step;
    }
    // A missing step makes the sums NaN from there on.
    if (nanFrom !== undefined && nanFrom < n) for (let i = nanFrom + 1; i <= n; i++) cum[i] = NaN;
    return { t, cum, stepMs };
  });

describe('peak search', () => {
  it('gives the value and the moment of trying every window end, whatever the data', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 }), fc.double({ min: 0, max: 1 }), fc.double({ min: 0, max: 1 }), ({ t, cum, stepMs }, steps, a, b) => {
        const span = t[t.length - 1] - t[0] + stepMs;
        const startMs = t[0] - stepMs + Math.min(a, b) * span;
        const endMs = t[0] + Math.max(a, b) * span + 1;
        const lengths = steps.map((s) => s * stepMs);
        const got = rollingMaxes(t, cum, stepMs, { startMs, endMs }, lengths);
        const want = lengths.map((w) => reference(t, cum, stepMs, startMs, endMs, w));
        expect(got).toEqual(want);
      }),
      { numRuns: FUZZ_RUNS, ...FUZZ_REPLAY },
    );
  });

  it('a 90-minute 100 Hz stream: at a steady intensity (every block a candidate), and with one burst', () => {
    // 540 000 samples 10 ms apart. Steps of 1 (whole numbers: the sums are exact). A 60 s window
    // ending on sample i holds the steps into samples i − 5 999..i: 6 000.
    const n = 540_000;
    const t = new Float64Array(n);
    const flat = new Float64Array(n + 1);
    const burst = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      t[i] = i * 10;
      flat[i + 1] = flat[i] + 1;
      // A 20 s burst of steps of 5 from sample 300 000 to 301 999.
      burst[i + 1] = burst[i] + (i >= 300_000 && i < 302_000 ? 5 : 1);
    }
    const range = { startMs: 0, endMs: n * 10 };
    // Every window holds 6 000: the first of all wins, (−10 ms, 59 990 ms], starting one interval before the data.
    expect(rollingMaxes(t, flat, 10, range, [60_000])).toEqual([{ value: 6_000, endMs: 59_990 }]);
    // The most is the whole burst and 4 000 ordinary steps, 2 000 × 5 + 4 000 = 14 000; the first
    // window holding all of the burst ends on its last sample, 301 999.
    expect(rollingMaxes(t, burst, 10, range, [60_000])).toEqual([{ value: 14_000, endMs: 3_019_990 }]);
  });
});
