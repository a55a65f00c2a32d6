/**
 * Smoothing: zero-phase Butterworth low-pass (forward-backward, so no time shift) of the speed,
 * and optionally of latitude/longitude, applied to each unbroken stretch separately (a filter
 * never runs across a gap). Stretches too short to filter keep their measured values; speed is
 * floored at 0 afterwards. Units sampling too slowly for the cut-off are left unfiltered.
 */
import { requireTrack, type CleaningProcessor } from './cleaning-processor.ts';
import { butterLowpass, ZeroPhaseFilter } from '../butterworth.ts';
import { stretchEnd } from '../track.ts';

export const smoothing: CleaningProcessor = {
  id: 'smoothing',
  label: 'Smoothing',
  rule: (s) =>
    `Butterworth low-pass, order ${s.smoothing.order}, cut-off ${s.smoothing.cutoffHz} Hz, zero-phase (forward-backward, in second-order sections) per unbroken stretch, on speed${
      s.smoothing.positions ? ' and positions' : ''
    }; stretches too short to filter are kept as measured`,
  run(state) {
    const tr = requireTrack(state, 'smoothing');
    const { n, speed, lat, lon, breakBefore, nominalMs } = tr;
    const { order, cutoffHz, positions } = state.settings.smoothing;
    const fs = 1000 / nominalMs;
    if (tr.regime === 'smart') {
      floorAtZero(speed, n);
      return {
        changes: { stretchesFiltered: 0, stretchesTooShort: 0, samplesUnfiltered: n },
        summary: 'not applied: a watch in smart recording samples irregularly by design (a filter needs evenly spaced samples); its speed is used as recorded',
      };
    }
    if (!(cutoffHz < fs / 2)) {
      floorAtZero(speed, n);
      return {
        changes: { stretchesFiltered: 0, stretchesTooShort: 0, samplesUnfiltered: n },
        summary: `not applied: the unit samples at ${fs.toPrecision(3)} Hz, too slowly for a ${cutoffHz} Hz cut-off (Nyquist ${(fs / 2).toPrecision(3)} Hz)`,
      };
    }
    const design = butterLowpass(order, cutoffHz, fs);
    const filter = new ZeroPhaseFilter(design);
    const pad = filter.padlen;
    let filtered = 0;
    let short = 0;
    let unfiltered = 0;
    let a = 0;
    while (a < n) {
      const b = stretchEnd(breakBefore, a, n);
      if (b - a > pad) {
        filter.apply(speed, speed, a, b);
        if (positions) {
          filter.apply(lat, lat, a, b);
          filter.apply(lon, lon, a, b);
        }
        filtered++;
      } else {
        short++;
        unfiltered += b - a;
      }
      a = b;
    }
    floorAtZero(speed, n);
    return {
      changes: { stretchesFiltered: filtered, stretchesTooShort: short, samplesUnfiltered: unfiltered },
      summary: `${filtered} stretch(es) filtered; ${short} too short to filter (${unfiltered} samples of ${pad} or fewer kept as measured)`,
    };
  },
};

// Each loop is a function of its own (see engine.ts).

/** Negative speeds (filter undershoot) become 0, and so does -0 (a unit writing "-0.00"), which would read "-0". */
function floorAtZero(speed: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) if (speed[i] <= 0) speed[i] = 0;
}
