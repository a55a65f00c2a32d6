/**
 * Smoothing: zero-phase Butterworth low-pass (forward-backward, so no time shift) of the speed,
 * and optionally of latitude/longitude, applied to each unbroken stretch separately (a filter
 * never runs across a gap). Speed is floored at 0 afterwards.
 *
 * The cut-off depends on where the stretch's speed came from (the speed-source step marks it):
 * - Doppler speed: the team's cut-off (default 1 Hz). A unit sampling at or below twice it (a 1 Hz
 *   watch) is left as recorded: its receiver already filters its Doppler speed, and no filter can
 *   pass 1 Hz at a 0.5 Hz Nyquist frequency. Stretches too short to filter keep their values.
 * - Speed from positions (GPX, a TCX without speed, speedSource 'positional'): differentiation
 *   amplifies position noise, so it is always filtered, at a cut-off that suits the unit's rate:
 *   the team's cut-off, but never above POSITIONAL_NYQUIST_SHARE of the Nyquist frequency (the
 *   share the 1 Hz default is of a 10 Hz unit's 5 Hz Nyquist, the rate it was chosen for): 1 Hz at
 *   10 Hz, 0.5 Hz at 5 Hz, 0.1 Hz at 1 Hz. A stretch too short for that filter (its padding,
 *   3·(order+1) samples, or fewer: 12 s at 1 Hz) gets its mean speed, path length over time, on
 *   every positional sample: a fragment of a few fixes between gaps (a receiver re-acquiring) must
 *   not turn position noise into a top speed or an acceleration.
 * A smart recording (irregular steps by design) is not filtered: a filter needs evenly spaced
 * samples, and its positional speed already spans steps of 1-10 s.
 */
import { requireTrack, type CleaningProcessor } from './cleaning-processor.ts';
import { butterLowpass, padLength, ZeroPhaseFilter } from '../butterworth.ts';
import { stretchEnd } from '../track.ts';
import { haversineM } from '../geo.ts';

/** Speed from positions is filtered at no more than this share of the Nyquist frequency. */
export const POSITIONAL_NYQUIST_SHARE = 0.2;

/** The cut-off for speed from positions at sampling rate fs (Hz), Hz. */
export function positionalCutoffHz(cutoffHz: number, fs: number): number {
  return Math.min(cutoffHz, (POSITIONAL_NYQUIST_SHARE * fs) / 2);
}

const hz = (f: number) => `${Number(f.toPrecision(3))} Hz`;

export const smoothing: CleaningProcessor = {
  id: 'smoothing',
  label: 'Smoothing',
  rule: (s, state) => {
    const fs = state ? 1000 / state.fixes.nominalMs : null;
    const pos = fs != null ? `${hz(positionalCutoffHz(s.smoothing.cutoffHz, fs))} for this unit's ${hz(fs)}` : `at most ${POSITIONAL_NYQUIST_SHARE} × Nyquist`;
    return (
      `Butterworth low-pass, order ${s.smoothing.order}, zero-phase (forward-backward, in second-order sections) per unbroken stretch, on speed${
        s.smoothing.positions ? ' and positions' : ''
      }: Doppler speed at ${s.smoothing.cutoffHz} Hz (left as recorded by a unit too slow for that cut-off; stretches too short to filter kept as measured); ` +
      `speed from positions at ${s.smoothing.cutoffHz} Hz or ${POSITIONAL_NYQUIST_SHARE} × the Nyquist frequency, whichever is lower (${pos}), a stretch too short to filter taking its mean speed`
    );
  },
  run(state) {
    const tr = requireTrack(state, 'smoothing');
    const { n, speed, lat, lon, t, fromPositions, breakBefore, nominalMs } = tr;
    const { order, cutoffHz, positions } = state.settings.smoothing;
    const fs = 1000 / nominalMs;
    const none = { stretchesFiltered: 0, stretchesTooShort: 0, samplesUnfiltered: n, positionalStretches: 0, positionalCutoffHz: 0, positionalMeanSpeedStretches: 0 };
    if (tr.regime === 'smart') {
      floorAtZero(speed, n);
      return {
        changes: none,
        summary: 'not applied: a watch in smart recording samples irregularly by design (a filter needs evenly spaced samples); its speed is used as recorded',
      };
    }
    const dopplerFilter = cutoffHz < fs / 2 ? new ZeroPhaseFilter(butterLowpass(order, cutoffHz, fs)) : null;
    const posCutoff = positionalCutoffHz(cutoffHz, fs);
    const posFilter = new ZeroPhaseFilter(butterLowpass(order, posCutoff, fs));
    const posPad = padLength(posFilter.sections);
    let filtered = 0;
    let short = 0;
    let unfiltered = 0;
    let posStretches = 0;
    let meanSpeed = 0;
    let dopplerAsRecorded = 0;
    let a = 0;
    while (a < n) {
      const b = stretchEnd(breakBefore, a, n);
      const positional = 2 * countMarked(fromPositions, a, b) > b - a;
      if (positional) posStretches++;
      const filter = positional ? posFilter : dopplerFilter;
      if (filter && b - a > filter.padlen) {
        filter.apply(speed, speed, a, b);
        if (positions) {
          filter.apply(lat, lat, a, b);
          filter.apply(lon, lon, a, b);
        }
        filtered++;
      } else if (positional) {
        // Too short for the filter: the mean speed over the stretch (0 for a single fix).
        if (b - a >= 2) meanSpeedOver(speed, fromPositions, t, lat, lon, a, b);
        meanSpeed++;
        short++;
      } else {
        if (filter) short++;
        else dopplerAsRecorded++;
        unfiltered += b - a;
      }
      a = b;
    }
    floorAtZero(speed, n);
    const parts = [`${filtered} stretch(es) filtered`];
    if (posStretches > 0) parts.push(`speed from positions in ${posStretches} stretch(es), cut-off ${hz(posCutoff)} (${POSITIONAL_NYQUIST_SHARE} × the ${hz(fs / 2)} Nyquist frequency or the ${cutoffHz} Hz setting, the lower)`);
    if (meanSpeed > 0) parts.push(`${meanSpeed} stretch(es) of speed from positions too short to filter (${posPad} samples or fewer) take their mean speed`);
    if (dopplerAsRecorded > 0) parts.push(`Doppler speed as recorded in ${dopplerAsRecorded} stretch(es): the unit samples at ${hz(fs)}, too slowly for a ${cutoffHz} Hz cut-off (Nyquist ${hz(fs / 2)})`);
    if (short - meanSpeed > 0) parts.push(`${short - meanSpeed} Doppler stretch(es) too short to filter kept as measured`);
    return {
      changes: { stretchesFiltered: filtered, stretchesTooShort: short, samplesUnfiltered: unfiltered, positionalStretches: posStretches, positionalCutoffHz: posStretches > 0 ? posCutoff : 0, positionalMeanSpeedStretches: meanSpeed },
      summary: parts.join('; '),
    };
  },
};

// Each loop is a function of its own (see engine.ts).

/** How many of marks[a..b) are set. */
function countMarked(marks: Uint8Array, a: number, b: number): number {
  let k = 0;
  for (let i = a; i < b; i++) k += marks[i];
  return k;
}

/** Every positional sample of the stretch [a, b) (at least 2 samples) gets the stretch's path length over its time. */
function meanSpeedOver(speed: Float64Array, fromPositions: Uint8Array, t: Float64Array, lat: Float64Array, lon: Float64Array, a: number, b: number): void {
  let path = 0;
  for (let i = a + 1; i < b; i++) path += haversineM(lat[i - 1], lon[i - 1], lat[i], lon[i]);
  const v = path / ((t[b - 1] - t[a]) / 1000);
  for (let i = a; i < b; i++) if (fromPositions[i] !== 0) speed[i] = v;
}

/** Negative speeds (filter undershoot) become 0, and so does -0 (a unit writing "-0.00"), which would read "-0". */
function floorAtZero(speed: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) if (speed[i] <= 0) speed[i] = 0;
}
