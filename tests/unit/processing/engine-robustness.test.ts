/**
 * The engine on anything a reader can hand it (fast-check): streams whose times strictly increase
 * but whose values are anything the canonical layout allows — NaN anywhere, -0, negative, absurd
 * or infinite speeds, HDOP and satellite counts, position jumps across the globe, accelerometer
 * and heart-rate readings far outside any body's range, 1 Hz and 50 Hz units, long gaps — with any
 * valid team settings (relative bands, positional speed, a cut-off above the Nyquist frequency, an
 * order-8 filter at a very low cut-off, peak windows longer than the data) and session windows and
 * periods anywhere, inside the data or not.
 *
 * It must never throw (a file can fail its unit, never the app), and what it returns must be
 * storable and showable: every metric null or a finite number, every moment a finite range inside
 * its window, one result per period, every warning with a code and a message, every share of the
 * data-quality summary and every period's coverage between 0 and 100 %.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { gapLimitMs } from '../../../src/main/core/processing/track.ts';
import { SMART_MAX_STEP_MS } from '../../../src/main/core/processing/sample-rate.ts';
import { metricCatalogue, type MetricMoments, type MetricValues } from '../../../src/shared/domain/metrics.ts';
import type { PlayerEngineResult } from '../../../src/shared/domain/player-result.ts';
import { GAP_LIST_MAX } from '../../../src/shared/domain/player-result.ts';
import { FUZZ_REPLAY, FUZZ_RUNS, gnssArb, hrArb, imuArb, settingsArb, spanArb, spanAt } from './arbitraries.ts';
import { T0 } from './tracks.ts';

function checkValues(where: string, metrics: MetricValues, moments: MetricMoments, w: { startMs: number; endMs: number }): void {
  for (const [k, v] of Object.entries(metrics)) {
    if (v !== null && !Number.isFinite(v)) throw new Error(`${where}: ${k} = ${v}`);
    // -0 would read "-0" in a table (Intl formats the sign) and becomes 0 in storage.
    if (Object.is(v, -0)) throw new Error(`${where}: ${k} = -0`);
  }
  for (const [k, m] of Object.entries(moments)) {
    if (!m) continue;
    const ok = Number.isFinite(m.startMs) && Number.isFinite(m.endMs) && m.startMs <= m.endMs && m.endMs >= w.startMs && m.endMs < w.endMs;
    if (!ok) throw new Error(`${where}: moment of ${k} (${m.startMs - T0}..${m.endMs - T0} ms) outside [${w.startMs - T0}, ${w.endMs - T0})`);
    if (metrics[k] == null) throw new Error(`${where}: a moment for ${k}, which has no value`);
  }
}

/**
 * What the metrics say about each other whatever the input: the bands split the distance and the
 * time, HSR and sprint distance are bands 4–5 and 5, a longer peak window holds at least what a
 * shorter one does and no more than the whole, the HR mean lies between its min and max, counts
 * are whole, amounts are not negative. (`near`: equal up to rounding of sums of many terms.)
 *
 * In a period two conventions loosen two of these: a step belongs to the sample it ends on, so the
 * step into a period's first sample counts whole though it began before the period (its time in
 * bands can pass the period's duration by one step, at most the gap limit); and an effort belongs
 * to the period it starts in, so its distance and top speed can run past the period's.
 */
function checkConsistency(where: string, m: MetricValues, period: { stepMs: number } | null = null): void {
  const v = (k: string) => m[k] ?? null;
  const fail = (what: string) => {
    throw new Error(`${where}: ${what}`);
  };
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  const atMost = (a: number | null, b: number | null, what: string) => {
    if (a != null && b != null && !(a <= b || near(a, b))) fail(`${what}: ${a} > ${b}`);
  };
  for (const [k, x] of Object.entries(m)) {
    if (x == null) continue;
    if (k === 'max_decel_ms2') {
      if (x > 0) fail(`${k} = ${x} > 0`);
    } else if (x < 0) fail(`${k} = ${x} < 0`);
    if (m[k] != null && /_efforts(_\d)?$/.test(k) && !Number.isInteger(x)) fail(`${k} = ${x} is not a count`);
  }
  const dist = v('distance_m');
  const bands = [1, 2, 3, 4, 5].map((i) => v(`band${i}_distance_m`));
  if (dist != null && bands.every((b) => b != null)) {
    const sum = bands.reduce((a, b) => a! + b!, 0)!;
    if (!near(sum, dist)) fail(`band distances sum to ${sum}, distance is ${dist}`);
    if (!near(v('hsr_distance_m')!, bands[3]! + bands[4]!)) fail(`HSR ${v('hsr_distance_m')} is not bands 4 + 5 (${bands[3]! + bands[4]!})`);
    if (!near(v('sprint_distance_m')!, bands[4]!)) fail(`sprint distance ${v('sprint_distance_m')} is not band 5 (${bands[4]})`);
  }
  const times = [1, 2, 3, 4, 5].map((i) => v(`band${i}_time_s`));
  const duration = v('duration_s');
  if (times.every((x) => x != null)) atMost(times.reduce((a, b) => a! + b!, 0), duration == null ? null : duration + (period ? period.stepMs / 1000 : 0), 'band times past the duration');
  for (const [peak, whole] of [['peak_distance', 'distance_m'], ['peak_hsr', 'hsr_distance_m'], ['peak_player_load', 'player_load']] as const) {
    const unit = peak === 'peak_player_load' ? '' : '_m';
    const w = [1, 2, 3].map((i) => v(`${peak}_w${i}${unit}`));
    atMost(w[0], w[1], `${peak} w1 past w2`);
    atMost(w[1], w[2], `${peak} w2 past w3`);
    atMost(w[2], v(whole), `${peak} w3 past the whole ${whole}`);
  }
  atMost(v('hr_min_bpm'), v('hr_mean_bpm'), 'HR min past the mean');
  atMost(v('hr_mean_bpm'), v('hr_max_bpm'), 'HR mean past the max');
  if (!period) {
    atMost(v('sprint_effort_max_speed_ms'), v('max_speed_ms'), 'sprint effort top speed past max speed');
    atMost(v('sprint_effort_distance_m'), dist, 'sprint effort distance past the distance');
  }
  atMost(v('hmld_m'), dist, 'HMLD past the distance');
  // Edwards TRIMP is the zone minutes weighted 1..5.
  const zones = [1, 2, 3, 4, 5].map((i) => v(`hr_zone${i}_time_s`));
  const edwards = v('trimp_edwards');
  if (edwards != null && zones.every((z) => z != null)) {
    const expected = zones.reduce((a, z, i) => a + (z! / 60) * (i + 1), 0);
    if (!near(edwards, expected)) fail(`Edwards TRIMP ${edwards}, zones give ${expected}`);
  }
}

/** The effort lists behind the counts: one entry per counted effort, their distances adding up to the sprint effort distance. */
function checkEffortLists(r: PlayerEngineResult): void {
  const m = r.metrics;
  if (!r.efforts) {
    if (m.sprint_efforts != null) throw new Error(`sprint_efforts ${m.sprint_efforts} without an effort list`);
    return;
  }
  const { sprints, accels, decels } = r.efforts;
  if (sprints.length !== m.sprint_efforts) throw new Error(`${sprints.length} sprints listed, ${m.sprint_efforts} counted`);
  // Each listed distance is rounded to the cm (effort-lists.ts): the sum is off by half a cm per effort at most.
  const d = sprints.reduce((a, e) => a + e.distanceM, 0);
  if (Math.abs(d - (m.sprint_effort_distance_m ?? 0)) > 0.005 * sprints.length + 1e-6 * Math.max(1, d)) throw new Error(`listed sprint distance ${d}, counted ${m.sprint_effort_distance_m}`);
  accels.forEach((b, i) => {
    if (b.efforts.length !== m[`accel_efforts_${i + 1}`]) throw new Error(`${b.efforts.length} accelerations ≥ ${b.thresholdMs2} listed, ${m[`accel_efforts_${i + 1}`]} counted`);
  });
  decels.forEach((b, i) => {
    if (b.efforts.length !== m[`decel_efforts_${i + 1}`]) throw new Error(`${b.efforts.length} decelerations ≤ −${b.thresholdMs2} listed, ${m[`decel_efforts_${i + 1}`]} counted`);
  });
}

describe('the engine on anything a reader can produce', () => {
  it('never throws; every metric null or finite and consistent with the others and the effort lists, every moment inside its window, every period answered', () => {
    fc.assert(
      fc.property(gnssArb, imuArb, hrArb, settingsArb, spanArb, fc.array(spanArb, { maxLength: 4 }), (gnss, imu, hr, settings, span, periodSpans) => {
        const window = spanAt(span);
        const periods = periodSpans.map((p, i) => ({ id: `per${i}`, name: `Drill ${i}`, ...spanAt(p) }));
        const r = runEngine({ playerId: 'p', gnss, imu, hr, window, periods, settings });
        checkValues('session', r.metrics, r.moments, window);
        checkConsistency('session', r.metrics);
        checkEffortLists(r);
        expect(r.periods.map((p) => p.id)).toEqual(periods.map((p) => p.id));
        // The longest step that is not a gap (a smart recording's steps up to 30 s are its sampling).
        const regular = gapLimitMs(1000 / (r.quality.gnss?.sampleRateHz ?? 1), settings.gaps);
        const gapLimit = (r.quality.gnss?.regime === 'smart' ? Math.max(regular, SMART_MAX_STEP_MS) : regular) * (1 + 1e-9);
        for (const [i, p] of r.periods.entries()) {
          checkValues(`period ${i}`, p.metrics, p.moments, periods[i]);
          checkConsistency(`period ${i}`, p.metrics, { stepMs: gapLimit });
        }
        for (const w of r.warnings) expect(typeof w.code === 'string' && w.code.length > 0 && typeof w.message === 'string' && w.message.length > 0).toBe(true);
        // Shares read as percentages of something: never below 0 or past 100 %.
        const g = r.quality.gnss;
        const shares = [g?.droppedPct, g?.interpolatedPct, g?.dopplerPct, r.quality.hr?.validPct].filter((x) => x !== undefined);
        for (const x of shares) if (!(x >= 0 && x <= 100 + 1e-9)) throw new Error(`a quality share of ${x} %`);
        for (const p of r.periods) if (!(p.coverage >= 0 && p.coverage <= 1 + 1e-9)) throw new Error(`period ${p.id} coverage ${p.coverage}`);
        // The gaps listed are the gaps counted, in time order, each longer than the gap limit, adding up to the gap time.
        if (g) {
          const list = g.gapList ?? [];
          expect(list.length).toBe(Math.min(g.gaps, GAP_LIST_MAX));
          for (const [i, x] of list.entries()) {
            if (!(x.durationS * 1000 > gapLimit / (1 + 1e-9) - 1e-6) || (i > 0 && !(x.startMs > list[i - 1].startMs))) throw new Error(`gap ${i}: ${JSON.stringify(x)}`);
          }
          if (g.gaps <= GAP_LIST_MAX) expect(list.reduce((a, x) => a + x.durationS, 0)).toBeCloseTo(g.gapS, 6);
        }
        // What is stored goes through JSON: it must survive the trip unchanged.
        expect(JSON.parse(JSON.stringify(r.metrics))).toEqual(r.metrics);
      }),
      { numRuns: FUZZ_RUNS, ...FUZZ_REPLAY },
    );
  }, Math.max(60_000, FUZZ_RUNS * 20)); // a deep run (P1_FUZZ_RUNS) gets ~20 ms per case

  it('periods that cover the session add up to it for every period-additive metric, whatever the data', () => {
    // The benign tracks of properties.test.ts, widened to anything a reader can produce.
    const additive = metricCatalogue().filter((d) => d.periodAdditive).map((d) => d.key);
    fc.assert(
      fc.property(gnssArb, imuArb, hrArb, settingsArb, spanArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (gnss, imu, hr, settings, span, cuts) => {
        const w = spanAt(span);
        // Cut points inside the window (whole ms) -> consecutive periods covering it exactly.
        const points = [...new Set(cuts.map((c) => Math.round(w.startMs + c * (w.endMs - w.startMs))))].sort((a, b) => a - b);
        const edges = [w.startMs, ...points.filter((x) => x > w.startMs && x < w.endMs), w.endMs];
        const periods = edges.slice(1).map((e, i) => ({ id: `p${i}`, name: `p${i}`, startMs: edges[i], endMs: e }));
        const r = runEngine({ playerId: 'p', gnss, imu, hr, window: w, periods, settings });
        for (const k of additive) {
          const total = r.metrics[k];
          const parts = r.periods.map((p) => p.metrics[k]);
          if (total == null) {
            if (parts.some((x) => x != null)) throw new Error(`${k}: no session value, but periods have ${JSON.stringify(parts)}`);
            continue;
          }
          const sum = parts.reduce<number>((a, x) => a + (x ?? 0), 0);
          if (!(Math.abs(sum - total) <= 1e-9 * Math.max(1, Math.abs(total)))) throw new Error(`${k}: periods ${JSON.stringify(parts)} sum to ${sum}, the session has ${total}`);
        }
      }),
      { numRuns: FUZZ_RUNS, ...FUZZ_REPLAY },
    );
  }, Math.max(60_000, FUZZ_RUNS * 20));

  it('the same session a day later gives the same numbers, and every time a day later', () => {
    // Nothing may depend on the wall-clock date. A whole day (86 400 000 ms) keeps every time in
    // the same binary exponent (2^40..2^41 ms), so the shifted times and their differences are exact.
    const DAY = 86_400_000;
    const later = <S extends { t: Float64Array }>(s: S | null): S | null => (s ? { ...s, t: s.t.map((x) => x + DAY) } : null);
    fc.assert(
      fc.property(gnssArb, imuArb, hrArb, settingsArb, spanArb, fc.array(spanArb, { maxLength: 3 }), (gnss, imu, hr, settings, span, periodSpans) => {
        const w = spanAt(span);
        const periods = periodSpans.map((p, i) => ({ id: `per${i}`, name: `Drill ${i}`, ...spanAt(p) }));
        const a = runEngine({ playerId: 'p', gnss, imu, hr, window: w, periods, settings });
        const shift = <X extends { startMs: number; endMs: number }>(x: X): X => ({ ...x, startMs: x.startMs + DAY, endMs: x.endMs + DAY });
        const b = runEngine({ playerId: 'p', gnss: later(gnss), imu: later(imu), hr: later(hr), window: shift(w), periods: periods.map(shift), settings });
        expect(b.metrics).toEqual(a.metrics);
        expect(b.moments).toEqual(Object.fromEntries(Object.entries(a.moments).map(([k, m]) => [k, m && shift(m)])));
        expect(b.periods.map((p) => p.metrics)).toEqual(a.periods.map((p) => p.metrics));
        expect(b.warnings.map((x) => x.code)).toEqual(a.warnings.map((x) => x.code));
      }),
      { numRuns: Math.max(50, Math.round(FUZZ_RUNS / 3)), ...FUZZ_REPLAY },
    );
  }, Math.max(60_000, FUZZ_RUNS * 20));
});
