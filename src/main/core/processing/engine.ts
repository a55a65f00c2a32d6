/**
 * The sports-science engine for one player: clean the unit's GNSS inside the session window,
 * derive kinematics and efforts once, then compute every registered metric family for the whole
 * session and for each period, with the data-quality summary, warnings and chart series.
 * Pure computation on canonical streams: no files, no database, no throwing for bad data
 * (a unit without GNSS, IMU or heart rate gets those metrics as null and a warning).
 */
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import { bandEdgesMs, playerHr } from '../../../shared/domain/settings-rules.ts';
import type { MetricMoments, MetricValues } from '../../../shared/domain/metrics.ts';
import type { EngineWarning, PeriodResult, PeriodWindow, PlayerEngineResult } from '../../../shared/domain/player-result.ts';
import type { GnssStream, HrStream, ImuStream } from '../formats/canonical.ts';
import { ALGORITHM_VERSION } from './algorithm-version.ts';
import { cleanGnss, type CleanedGnss } from './cleaning/clean-gnss.ts';
import { kinematics } from './kinematics.ts';
import { sprintEfforts, thresholdEfforts } from './efforts.ts';
import { effortLists } from './effort-lists.ts';
import { meets, prepareHr, prepareImu, type GnssPrepared, type ImuPrepared, type MetricWindow, type PreparedPlayer } from './prepared.ts';
import { METRIC_FAMILIES } from './metrics/registry.ts';
import { halfOpenRange } from './time-window.ts';
import { dataQuality } from './quality-summary.ts';
import { chartSeries } from './series.ts';
import { periodCoverage } from './periods.ts';
import { f64 } from '../util/scratch.ts';
import { coverageText, formatDuration } from '../../../shared/domain/format.ts';

export interface EngineInput {
  playerId: string;
  gnss: GnssStream | null;
  imu: ImuStream | null;
  hr: HrStream | null;
  /** The session window, half-open [startMs, endMs). */
  window: MetricWindow;
  /** The periods that apply to this player. */
  periods: PeriodWindow[];
  settings: EngineSettings;
}

export function prepare(inp: EngineInput): { prepared: PreparedPlayer; cleaned: CleanedGnss | null } {
  const s = inp.settings;
  const w = inp.window;
  let cleaned: CleanedGnss | null = null;
  let gnss: GnssPrepared | null = null;
  let maxSpeed: number | null = null;
  if (inp.gnss) {
    const { from, to } = halfOpenRange(inp.gnss.t, w.startMs, w.endMs);
    if (to > from) {
      cleaned = cleanGnss(inp.gnss, from, to, s);
      const k = kinematics(cleaned.track);
      const vmax = maxOf(k.speed, k.n);
      maxSpeed = vmax === -Infinity ? null : vmax;
      gnss = {
        k,
        cumDist: f64(k.n + 1),
        cumHsr: f64(k.n + 1),
        cumInterpM: f64(k.n + 1),
        cumInterpMs: f64(k.n + 1),
        cumEstM: f64(k.n + 1),
        cumEstMs: f64(k.n + 1),
        cumDtMs: f64(k.n + 1),
        sprints: sprintEfforts(k, s.sprint),
        accels: s.accel.thresholdsMs2.map((thr) => thresholdEfforts(k, k.acc, thr, 1, s.accel.minDurationS)),
        decels: s.accel.thresholdsMs2.map((thr) => thresholdEfforts(k, k.acc, thr, -1, s.accel.minDurationS)),
      };
    }
  }
  const override = s.players[inp.playerId]?.maxSpeedMs;
  const bandEdges = bandEdgesMs(s, override ?? maxSpeed);
  if (gnss) {
    prefixSums(gnss.k.dist, gnss.k.speed, gnss.k.n, bandEdges ? bandEdges[2] : Infinity, gnss.cumDist, gnss.cumHsr);
    const tr = gnss.k.track;
    splitSums(gnss.k.dist, gnss.k.dtMs, tr.interpolated, tr.estM, tr.estMs, gnss.k.n, gnss.cumInterpM, gnss.cumInterpMs, gnss.cumEstM, gnss.cumEstMs, gnss.cumDtMs);
  }
  let imu = null;
  if (inp.imu) {
    const { from, to } = halfOpenRange(inp.imu.t, w.startMs, w.endMs);
    if (to > from) imu = prepareImu(inp.imu, from, to, s);
  }
  let hr = null;
  if (inp.hr) {
    const { from, to } = halfOpenRange(inp.hr.t, w.startMs, w.endMs);
    if (to > from) hr = prepareHr(inp.hr, from, to, s, playerHr(s, inp.playerId));
  }
  return { prepared: { settings: s, playerId: inp.playerId, gnss, bandEdges, imu, hr }, cleaned };
}

// Loops over the samples live in small functions of their own (here and in every engine file):
// the optimizer compiles each alone, quickly, and the code around them, which runs once per unit,
// is never compiled (a worker sees ~12 units, so compile time counts). After its loop such a
// function only returns a local: code after a loop has not run yet when the loop is first
// optimized, and would send it back to the interpreter.

/** Largest of a[0..n), −Infinity when n is 0. */
function maxOf(a: Float64Array, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (a[i] > m) m = a[i];
  return m;
}

/** cumDist[i + 1] = Σ dist[0..i]; cumHsr the same over the steps at or above the HSR speed. */
function prefixSums(dist: Float64Array, speed: Float64Array, n: number, hsr: number, cumDist: Float64Array, cumHsr: Float64Array): void {
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    a += dist[i];
    if (speed[i] >= hsr) b += dist[i];
    cumDist[i + 1] = a;
    cumHsr[i + 1] = b;
  }
}

/**
 * Prefix sums of the interpolated steps' distance and time (a step into or out of an interpolated
 * sample: both ends of a filled stretch are interpolated steps), of the estimated gaps, and of
 * every step's time.
 */
function splitSums(dist: Float64Array, dtMs: Float64Array, interp: Uint8Array, estM: Float64Array, estMs: Float64Array, n: number, cumIM: Float64Array, cumIMs: Float64Array, cumEM: Float64Array, cumEMs: Float64Array, cumDt: Float64Array): void {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let e = 0;
  for (let i = 0; i < n; i++) {
    e += dtMs[i];
    cumDt[i + 1] = e;
    if (interp[i] !== 0 || (i > 0 && interp[i - 1] !== 0 && dtMs[i] > 0)) {
      a += dist[i];
      b += dtMs[i];
    }
    c += estM[i];
    d += estMs[i];
    cumIM[i + 1] = a;
    cumIMs[i + 1] = b;
    cumEM[i + 1] = c;
    cumEMs[i + 1] = d;
  }
}

/** Every family's metrics for one window, and when its maxima and peaks happened. */
export function computeWindow(p: PreparedPlayer, w: MetricWindow): { metrics: MetricValues; moments: MetricMoments } {
  const metrics: MetricValues = {};
  const moments: MetricMoments = {};
  for (const f of METRIC_FAMILIES) Object.assign(metrics, f.compute(p, w, moments));
  return { metrics, moments };
}

/** Below this share of a window covered, a warning says so (a period's, and the session's). */
export const COVERAGE_WARN_BELOW = 0.95;

/**
 * The session window as a whole, said as a period's coverage is: a unit whose data covers under
 * 95 % of it (a download cut short, a late start or an early finish, a substitute, dropouts) has
 * totals for part of the session, or distance partly estimated across its gaps (said too), and
 * the team table would not show it. It names what was measured: the GNSS track when the unit has
 * one (its accelerometer may cover more), else the accelerometer's or heart rate's recording span.
 * 0 % is said by the NO_GNSS / NO_CLEAN_GNSS warnings instead.
 */
function sessionCoverage(p: PreparedPlayer, w: MetricWindow, estimatedM: number): EngineWarning | null {
  const cov = periodCoverage(p, w);
  if (!cov.anyData || !(cov.coverage > 0 && cov.coverage < COVERAGE_WARN_BELOW)) return null;
  const lenS = (w.endMs - w.startMs) / 1000;
  const estimated = estimatedM >= 0.5 ? `; ${estimatedM.toFixed(0)} m of its distance is estimated across GNSS gaps (band 1)` : '';
  const what = cov.gnss ? 'GNSS data' : p.imu && meets(p.imu.t, w) ? 'accelerometer recording' : 'heart-rate recording';
  return {
    code: 'SESSION_PARTLY_COVERED',
    message: `this unit's ${what} covers ${coverageText(cov.coverage)} of the session (${formatDuration(cov.coverage * lenS)} of ${formatDuration(lenS)})${estimated}`,
  };
}

export function runEngine(inp: EngineInput): PlayerEngineResult {
  const { prepared: p, cleaned } = prepare(inp);
  const { metrics, moments } = computeWindow(p, inp.window);
  const warnings: EngineWarning[] = [];
  if (!p.gnss) {
    warnings.push({ code: 'NO_GNSS', message: 'no GNSS fixes inside the session window: distance, speed and effort metrics are empty' });
  } else if (p.gnss.k.n === 0) {
    warnings.push({ code: 'NO_CLEAN_GNSS', message: 'every GNSS fix in the window was dropped by the cleaning: distance, speed and effort metrics are empty' });
  }
  if (!p.imu) warnings.push({ code: 'NO_IMU', message: 'no accelerometer data inside the session window: PlayerLoad is empty' });
  else {
    const rate = imuRate(p.imu);
    if (rate) warnings.push(rate);
    if (p.imu.outOfRange > 0) warnings.push(imuOutOfRange(p.imu.outOfRange, p.imu.recorded.samples, p.imu.firstOutOfRangeMs, p.settings.imu.maxAbsG));
  }
  // The session's HR max (null without a valid sample): the heart-rate family's, over the same samples.
  const hi = metrics.hr_max_bpm;
  if (p.hr && !(p.hr.maxBpm > p.hr.restBpm)) {
    warnings.push({
      code: 'HR_MAX_NOT_ABOVE_REST',
      message: `the HRmax used (${p.hr.maxBpm} bpm) is not above the resting heart rate used (${p.hr.restBpm} bpm): Banister TRIMP is left empty and the zones read against that HRmax; check this player's heart-rate values in Settings`,
    });
  }
  if (p.hr && hi != null && hi > p.hr.maxBpm) {
    warnings.push({ code: 'HR_ABOVE_MAX', message: `heart rate reached ${hi} bpm, above the HRmax used for zones and TRIMP (${p.hr.maxBpm} bpm): set this player's HRmax` });
  }
  if (p.settings.velocityBands.mode === 'relative' && !p.bandEdges) {
    warnings.push({ code: 'NO_MAX_SPEED', message: 'relative velocity bands need a max speed: the player has none set and no speed was measured' });
  }

  const quality = dataQuality(cleaned, p.imu, p.hr);
  const odo = deviceDistance(quality.gnss?.deviceDistanceM ?? null, metrics.distance_m, DEVICE_DISTANCE_TOLERANCE);
  if (odo) warnings.push(odo);
  const implausible = implausibleAcceleration(metrics, p.settings.spikes.maxAccelMs2, quality.gnss?.dopplerPct ?? 0);
  if (implausible) warnings.push(implausible);
  const partly = sessionCoverage(p, inp.window, metrics.distance_estimated_m ?? 0);
  if (partly) warnings.push(partly);
  const periods: PeriodResult[] = inp.periods.map((per) => {
    const cov = periodCoverage(p, per);
    const computed = computeWindow(p, per);
    // Distance estimated across a dropout counts in the period (METRICS.md, Gaps): said beside "not covered".
    const est = computed.metrics.distance_estimated_m ?? 0;
    const estimated = est >= 0.5 ? `; ${est.toFixed(0)} m of its distance there is estimated across a GNSS gap (band 1)` : '';
    const pw: { code: string; message: string }[] = [];
    if (!cov.anyData) pw.push({ code: 'PERIOD_NOT_COVERED', message: `no data from this unit in period "${per.name}": its metrics are empty` });
    else {
      if (p.gnss && !cov.gnss) {
        pw.push({ code: 'PERIOD_NO_GNSS', message: `no usable GNSS data from this unit in period "${per.name}": distance, speed and effort metrics are empty there` });
      }
      if (cov.coverage === 0) pw.push({ code: 'PERIOD_NOT_COVERED', message: `this unit's data does not cover period "${per.name}"${estimated}` });
      else if (cov.coverage < COVERAGE_WARN_BELOW) pw.push({ code: 'PERIOD_PARTLY_COVERED', message: `this unit's data covers ${coverageText(cov.coverage)} of period "${per.name}"${estimated}` });
    }
    for (const w of pw) warnings.push({ ...w, periodId: per.id });
    return {
      ...per,
      ...computed,
      coverage: cov.coverage,
      warnings: pw.map((w) => w.message),
    };
  });
  return {
    algorithmVersion: ALGORITHM_VERSION,
    metrics,
    moments,
    periods,
    quality,
    warnings,
    series: chartSeries(inp.window, p.gnss ? p.gnss.k : null, p.imu, p.hr),
    // null, like the effort counts, when no cleaned fix is left in the window ("no usable GNSS"), not empty lists.
    efforts: p.gnss && meets(p.gnss.k.t, inp.window) ? effortLists(p.gnss, p.settings.accel.thresholdsMs2) : null,
  };
}

/** Ours and the unit's own odometer may differ by this share before the data quality warns (METRICS.md). */
export const DEVICE_DISTANCE_TOLERANCE = 0.02;

/** The unit's own odometer beside our distance: a warning when they differ by more than the tolerance, or when we have none. */
function deviceDistance(device: number | null, ours: number | null, tolerance: number): EngineWarning | null {
  if (device == null || !(device > 0)) return null;
  const dev = `${device.toFixed(0)} m`;
  if (ours == null) {
    return { code: 'DEVICE_DISTANCE_DIFFERS', message: `the unit's own odometer counted ${dev}, but no distance could be computed here (no usable positions): its distance comes from another sensor (a foot pod, a wheel) or its fixes were all dropped` };
  }
  const diff = (ours - device) / device;
  if (!(Math.abs(diff) > tolerance)) return null;
  return {
    code: 'DEVICE_DISTANCE_DIFFERS',
    message: `distance ${ours.toFixed(0)} m differs from the unit's own odometer (${dev}) by ${diff > 0 ? '+' : '−'}${Math.abs(100 * diff).toFixed(1)} %, over the ${100 * tolerance} % that two good measurements of one track differ by: check the data quality (dropped and estimated time), the spike limit for the sport, and whether the unit's distance came from another sensor (a wheel, a foot pod)`,
  };
}

/**
 * PlayerLoad is defined on 100 Hz samples. A slower unit's is computed on its own samples, which
 * miss the quickest changes a 100 Hz unit sums: said, so it is not compared with a 100 Hz unit's
 * unawares. (A faster unit's runs on its 10 ms means: standard processing, shown in the data
 * quality as "1000 → 100", not a warning.)
 */
function imuRate(imu: ImuPrepared): EngineWarning | null {
  if (imu.recorded.samples < 2) return null;
  const hz = 1000 / imu.recorded.nominalMs;
  const shown = hz >= 10 ? hz.toFixed(0) : hz.toFixed(1);
  if (hz < 95) {
    return { code: 'IMU_BELOW_100HZ', message: `the accelerometer recorded at ${shown} Hz, below the 100 Hz PlayerLoad is defined at: it misses the quickest changes a 100 Hz unit sums, so its PlayerLoad may read lower than a 100 Hz unit's for the same movement` };
  }
  return null;
}

/** Accelerometer samples beyond the valid range: how many, the first one's time (UTC, as in the file) and what was done. */
function imuOutOfRange(count: number, samples: number, firstMs: number | null, maxG: number): EngineWarning {
  const share = (100 * count) / samples;
  const first = firstMs == null ? '' : `, the first at ${new Date(firstMs).toISOString()}`;
  return {
    code: 'IMU_OUT_OF_RANGE',
    message: `${count} accelerometer sample${count === 1 ? '' : 's'} (${share < 0.1 ? '< 0.1' : share.toFixed(1)} %) read beyond ±${maxG} g on some axis${first}: a sensor or file fault, not movement, so PlayerLoad leaves ${count === 1 ? 'it' : 'them'} out`,
  };
}

/**
 * A smoothed acceleration beyond the spike limit (METRICS.md: "an implied acceleration beyond
 * ~±10 m/s² between fixes is a spike, not a sprint") that the cleaning could not remove: on a unit
 * without Doppler speed a jump in position shows as a burst of speed (the spike step checks
 * Doppler changes only, see docs/metrics.md). The value stays as computed; the warning says what
 * it most likely is and where to find it.
 */
function implausibleAcceleration(m: MetricValues, limitMs2: number, dopplerPct: number): EngineWarning | null {
  const hi = m.max_accel_ms2;
  const lo = m.max_decel_ms2;
  const parts: string[] = [];
  if (hi != null && hi > limitMs2) parts.push(`max acceleration ${hi.toFixed(1)} m/s²`);
  if (lo != null && lo < -limitMs2) parts.push(`max deceleration −${(-lo).toFixed(1)} m/s²`);
  if (parts.length === 0) return null;
  const source = dopplerPct < 50 ? "the unit's speed comes from its positions, not Doppler" : 'the unit gives Doppler speed';
  return {
    code: 'IMPLAUSIBLE_ACCELERATION',
    message: `${parts.join(' and ')} ${parts.length > 1 ? 'are' : 'is'} beyond the ${limitMs2} m/s² spike limit: most likely a jump in the unit's positions, not an effort (${source}); its time is shown under the value, and any effort it made is in the effort list`,
  };
}
