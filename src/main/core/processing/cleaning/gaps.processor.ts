/**
 * Gaps: build the track from the kept fixes. Where consecutive kept fixes are more than 1.5
 * sample intervals apart but no further than the gap limit, the missing samples are filled by
 * linear interpolation (position and Doppler speed) at the unit's interval. Longer gaps stay
 * gaps: the track breaks there, no distance is invented across it, and smoothing restarts.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import type { CleanTrack } from '../track.ts';

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
    let kept = 0;
    let inserted = 0;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      if (drop[i] !== 0) continue;
      kept++;
      if (prev >= 0) {
        const dt = t[i] - t[prev];
        if (dt > fillAbove && dt <= gapLimitMs) inserted += Math.round(dt / nominalMs) - 1;
      }
      prev = i;
    }
    const m = kept + inserted;
    const track: CleanTrack = {
      n: m,
      t: new Float64Array(m),
      lat: new Float64Array(m),
      lon: new Float64Array(m),
      doppler: new Float64Array(m),
      speed: new Float64Array(m),
      interpolated: new Uint8Array(m),
      breakBefore: new Uint8Array(m),
      nominalMs,
      gapLimitMs,
    };
    let k = 0;
    let nGaps = 0;
    let gapMs = 0;
    let interpMs = 0;
    prev = -1;
    for (let i = 0; i < n; i++) {
      if (drop[i] !== 0) continue;
      if (prev < 0) track.breakBefore[k] = 1;
      else {
        const dt = t[i] - t[prev];
        if (dt > gapLimitMs) {
          track.breakBefore[k] = 1;
          nGaps++;
          gapMs += dt;
        } else if (dt > fillAbove) {
          const parts = Math.round(dt / nominalMs);
          const la0 = lat[prev], lo0 = lon[prev], v0 = doppler[prev];
          const dla = lat[i] - la0, dlo = lon[i] - lo0, dv = doppler[i] - v0;
          for (let j = 1; j < parts; j++) {
            const f = j / parts;
            track.t[k] = t[prev] + dt * f;
            track.lat[k] = la0 + dla * f;
            track.lon[k] = lo0 + dlo * f;
            track.doppler[k] = v0 + dv * f;
            track.interpolated[k] = 1;
            k++;
          }
          interpMs += dt - dt / parts;
        }
      }
      track.t[k] = t[i];
      track.lat[k] = lat[i];
      track.lon[k] = lon[i];
      track.doppler[k] = doppler[i];
      k++;
      prev = i;
    }
    state.track = track;
    const stretches = kept > 0 ? nGaps + 1 : 0;
    return {
      changes: { samplesInterpolated: inserted, interpolatedS: interpMs / 1000, gapsLeft: nGaps, gapS: gapMs / 1000, stretches },
      summary: `${inserted} sample(s) interpolated (${(interpMs / 1000).toFixed(1)} s); ${nGaps} gap(s) left (${(gapMs / 1000).toFixed(1)} s, no distance counted)`,
    };
  },
};
