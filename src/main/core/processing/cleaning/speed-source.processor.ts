/**
 * Doppler preference: the speed the metrics use is the unit's Doppler speed wherever it has one
 * (positional differentiation amplifies position noise), else the speed implied by positions
 * (central difference of haversine steps within the stretch, one-sided at its ends). Never across a
 * gap: a stretch's first and last samples look only inside it, so a gap's straight line (or a jump
 * in position across it) never becomes a speed. Which samples took their speed from positions is
 * marked (track.fromPositions) for the smoothing step, which treats such speed by the unit's rate.
 */
import { requireTrack, type CleaningProcessor } from './cleaning-processor.ts';
import { haversineM } from '../geo.ts';
import { stretchEnd } from '../track.ts';

export const speedSource: CleaningProcessor = {
  id: 'speed-source',
  label: 'Speed source',
  rule: (s) =>
    s.speedSource === 'positional'
      ? 'speed from positions (central difference of great-circle steps)'
      : "the unit's Doppler speed where it has one, else speed from positions (central difference of great-circle steps)",
  run(state) {
    const tr = requireTrack(state, 'speed-source');
    const { n, t, lat, lon, doppler, speed, fromPositions, breakBefore } = tr;
    const useDoppler = state.settings.speedSource !== 'positional';
    const fromDoppler = sourceSpeeds(n, t, lat, lon, doppler, speed, fromPositions, breakBefore, useDoppler);
    const positional = n - fromDoppler;
    return {
      changes: { dopplerSamples: fromDoppler, positionalSamples: positional },
      summary: n === 0 ? 'no samples' : `${((100 * fromDoppler) / n).toFixed(1)} % of samples use Doppler speed, ${((100 * positional) / n).toFixed(1)} % speed from positions`,
    };
  },
};

/** Fills speed stretch by stretch; returns how many samples took the Doppler speed. (A loop by itself: see engine.ts.) */
function sourceSpeeds(
  n: number,
  t: Float64Array,
  lat: Float64Array,
  lon: Float64Array,
  doppler: Float64Array,
  speed: Float64Array,
  fromPositions: Uint8Array,
  breakBefore: Uint8Array,
  useDoppler: boolean,
): number {
  let fromDoppler = 0;
  let a = 0;
  while (a < n) {
    const b = stretchEnd(breakBefore, a, n);
    // stretch [a, b)
    let dPrev = 0; // step (i-1 -> i)
    for (let i = a; i < b; i++) {
      const v = doppler[i];
      // The step to the next sample is needed only where this sample or the next has no Doppler speed.
      const hasNext = i + 1 < b;
      const needed = hasNext && (!useDoppler || v !== v || doppler[i + 1] !== doppler[i + 1]);
      const dNext = needed ? haversineM(lat[i], lon[i], lat[i + 1], lon[i + 1]) : 0;
      if (useDoppler && v === v) {
        speed[i] = v;
        fromDoppler++;
      } else {
        fromPositions[i] = 1;
        if (b - a < 2) speed[i] = 0;
        else if (i === a) speed[i] = dNext / ((t[i + 1] - t[i]) / 1000);
        else if (i === b - 1) speed[i] = dPrev / ((t[i] - t[i - 1]) / 1000);
        else speed[i] = (dPrev + dNext) / ((t[i + 1] - t[i - 1]) / 1000);
      }
      dPrev = dNext;
    }
    a = b;
  }
  return fromDoppler;
}
