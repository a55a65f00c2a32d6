/**
 * The per-unit data-quality summary the report prints (Malone 2017 asks reports to state sample
 * rate, satellites, HDOP and exclusion rules): from the fixes as read, the cleaned track and
 * what each cleaning step changed.
 */
import { GAP_LIST_MAX, type DataQuality, type GnssQuality } from '../../../shared/domain/player-result.ts';
import type { CleanTrack } from './track.ts';
import type { CleanedGnss } from './cleaning/clean-gnss.ts';
import type { HrPrepared, ImuPrepared } from './prepared.ts';
import { median } from './sample-rate.ts';
import { DROP_KEPT, odometerDistance } from './track.ts';
import { f64Uninit } from '../util/scratch.ts';

/** A copy to reorder (median() works in place). */
function copy(a: Float64Array): Float64Array {
  const c = f64Uninit(a.length);
  c.set(a);
  return c;
}

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export function gnssQuality(c: CleanedGnss): GnssQuality {
  const { fixes, track, steps } = c;
  const n = fixes.n;
  const spanMs = n > 1 ? fixes.t[n - 1] - fixes.t[0] : 0;
  // [fixes dropped, the time they stood for (ms)]
  const drops = new Float64Array(2);
  dropped(fixes.t, fixes.drop, n, fixes.nominalMs, drops);
  const [droppedFixes, droppedMs] = drops;
  const change = (id: string, key: string) => steps.find((s) => s.id === id)?.changes[key] ?? 0;
  const interpolatedS = change('gaps', 'interpolatedS');
  const doppler = change('speed-source', 'dopplerSamples');
  return {
    fixes: n,
    sampleRateHz: n > 1 ? 1000 / fixes.nominalMs : null,
    medianSatellites: median(copy(fixes.sats)),
    medianHdop: median(copy(fixes.hdop)),
    spanS: spanMs / 1000,
    droppedFixes,
    droppedPct: pct(droppedMs, spanMs + fixes.nominalMs),
    interpolatedS,
    interpolatedPct: pct(interpolatedS * 1000, spanMs + fixes.nominalMs),
    gaps: change('gaps', 'gapsLeft'),
    gapS: change('gaps', 'gapS'),
    gapList: gapList(track),
    dopplerPct: pct(doppler, track.n),
    regime: fixes.regime,
    deviceDistanceM: odometerDistance(fixes.odometer),
  };
}

/** Where the track breaks (a gap the interpolation did not fill): from the sample before to the one after. */
function gapList(track: CleanTrack): { startMs: number; durationS: number }[] {
  const out: { startMs: number; durationS: number }[] = [];
  const { t, breakBefore, jumpBefore, n } = track;
  for (let i = 1; i < n && out.length < GAP_LIST_MAX; i++) {
    if (breakBefore[i] !== 0 && jumpBefore[i] === 0) out.push({ startMs: t[i - 1], durationS: (t[i] - t[i - 1]) / 1000 });
  }
  return out;
}

export function dataQuality(gnss: CleanedGnss | null, imu: ImuPrepared | null, hr: HrPrepared | null): DataQuality {
  return {
    gnss: gnss ? gnssQuality(gnss) : null,
    imu: imu
      ? {
          // What the unit recorded (a faster unit's PlayerLoad runs on its 100 Hz means).
          samples: imu.recorded.samples,
          sampleRateHz: imu.recorded.samples > 1 ? 1000 / imu.recorded.nominalMs : null,
          spanS: imu.recorded.samples > 1 ? (imu.recorded.lastMs - imu.recorded.firstMs) / 1000 : 0,
          gaps: imu.gaps,
          gapS: imu.gapMs / 1000,
          outOfRange: imu.outOfRange,
          reducedTo100Hz: imu.nominalMs !== imu.recorded.nominalMs,
        }
      : null,
    hr: hr ? { samples: hr.samples, validPct: pct(hr.validSamples, hr.samples) } : null,
    steps: gnss ? gnss.steps : [],
  };
}

/**
 * The fixes some cleaning step dropped into out[0], and the time they stood for into out[1]: each
 * the interval since the fix before it, at most one nominal interval (the first fix: one
 * interval). With even sampling that is dropped fixes × interval; fixes closer together than the
 * nominal rate (jitter, repeated epochs) count only the time they cover, so the share of the span
 * never passes 100 %. (A loop by itself: see engine.ts.)
 */
function dropped(t: Float64Array, drop: Uint8Array, n: number, nominalMs: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    if (drop[i] === DROP_KEPT) continue;
    out[0]++;
    out[1] += i === 0 ? nominalMs : Math.min(t[i] - t[i - 1], nominalMs);
  }
}
