/**
 * Gaps: build the track from the kept fixes. Where consecutive kept fixes are more than 1.5
 * sample intervals apart but no further than the gap limit, the missing samples are filled by
 * linear interpolation (position and Doppler speed) at the unit's interval. Longer gaps stay
 * gaps: the track breaks there, no distance is invented across it, and smoothing restarts.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import type { CleanTrack } from '../track.ts';
import { f64, f64Uninit, u8 } from '../../util/scratch.ts';

export const gaps: CleaningProcessor = {
  id: 'gaps',
  label: 'Gap interpolation',
  rule: (s, state) =>
    `interpolate missing stretches up to ${s.gaps.maxGapS} s (or ${s.gaps.maxGapSamples} sample intervals for slow units${
      state ? `; ${(state.fixes.gapLimitMs / 1000).toFixed(1)} s for this unit` : ''
    }); longer gaps stay gaps`,
  run(state) {
    const { n, t, lat, lon, doppler, drop, nominalMs, gapLimitMs } = state.fixes;
    const fillAbove = 1.5 * nominalMs;
    // counts: kept fixes, samples to insert
    const counts = new Int32Array(2);
    countKept(n, t, drop, fillAbove, gapLimitMs, nominalMs, counts);
    const [kept, inserted] = counts;
    const m = kept + inserted;
    const track: CleanTrack = {
      n: m,
      // t, lat, lon and doppler are written for every sample below; the rest start at 0.
      t: f64Uninit(m),
      lat: f64Uninit(m),
      lon: f64Uninit(m),
      doppler: f64Uninit(m),
      speed: f64(m),
      interpolated: u8(m),
      breakBefore: u8(m),
      nominalMs,
      gapLimitMs,
    };
    // sums: gaps left, their time (ms), interpolated time (ms)
    const sums = new Float64Array(3);
    buildTrack(n, t, lat, lon, doppler, drop, fillAbove, gapLimitMs, nominalMs, track, sums);
    const [nGaps, gapMs, interpMs] = sums;
    state.track = track;
    const stretches = kept > 0 ? nGaps + 1 : 0;
    return {
      changes: { samplesInterpolated: inserted, interpolatedS: interpMs / 1000, gapsLeft: nGaps, gapS: gapMs / 1000, stretches },
      summary: `${inserted} sample(s) interpolated (${(interpMs / 1000).toFixed(1)} s); ${nGaps} gap(s) left (${(gapMs / 1000).toFixed(1)} s, no distance counted)`,
    };
  },
};

// Each loop is a function of its own (see engine.ts).

/** counts[0]: kept fixes; counts[1]: samples the interpolation will insert. */
function countKept(n: number, t: Float64Array, drop: Uint8Array, fillAbove: number, gapLimitMs: number, nominalMs: number, counts: Int32Array): void {
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (drop[i] !== 0) continue;
    counts[0]++;
    if (prev >= 0) {
      const dt = t[i] - t[prev];
      if (dt > fillAbove && dt <= gapLimitMs) counts[1] += Math.round(dt / nominalMs) - 1;
    }
    prev = i;
  }
}

/** Fills the track from the kept fixes; sums[0..2]: gaps left, their time (ms), interpolated time (ms). */
function buildTrack(
  n: number,
  t: Float64Array,
  lat: Float64Array,
  lon: Float64Array,
  doppler: Float64Array,
  drop: Uint8Array,
  fillAbove: number,
  gapLimitMs: number,
  nominalMs: number,
  track: CleanTrack,
  sums: Float64Array,
): void {
  const tt = track.t;
  const tlat = track.lat;
  const tlon = track.lon;
  const tdop = track.doppler;
  const interpolated = track.interpolated;
  const breakBefore = track.breakBefore;
  let k = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (drop[i] !== 0) continue;
    if (prev < 0) breakBefore[k] = 1;
    else {
      const dt = t[i] - t[prev];
      if (dt > gapLimitMs) {
        breakBefore[k] = 1;
        sums[0]++;
        sums[1] += dt;
      } else if (dt > fillAbove) {
        const parts = Math.round(dt / nominalMs);
        const la0 = lat[prev], lo0 = lon[prev], v0 = doppler[prev];
        const dla = lat[i] - la0, dlo = lon[i] - lo0, dv = doppler[i] - v0;
        for (let j = 1; j < parts; j++) {
          const f = j / parts;
          tt[k] = t[prev] + dt * f;
          tlat[k] = la0 + dla * f;
          tlon[k] = lo0 + dlo * f;
          tdop[k] = v0 + dv * f;
          interpolated[k] = 1;
          k++;
        }
        sums[2] += dt - dt / parts;
      }
    }
    tt[k] = t[i];
    tlat[k] = lat[i];
    tlon[k] = lon[i];
    tdop[k] = doppler[i];
    k++;
    prev = i;
  }
}
