/**
 * Gaps: build the track from the kept fixes. Where consecutive kept fixes of a regularly sampling
 * unit are more than 1.5 sample intervals apart but no further than the gap limit, the missing
 * samples are filled by linear interpolation (position and Doppler speed) at the unit's interval.
 * A watch in smart recording mode samples irregularly on purpose: its steps up to the gap limit
 * are its sampling, kept as they are.
 *
 * Longer gaps (a dropout, or a stretch the quality gate or the spike step dropped) break the track:
 * no speed, acceleration or effort is made across them and smoothing restarts. The player kept
 * moving meanwhile, so the distance is estimated (METRICS.md): the Doppler speed × time where the
 * unit gave a plausible Doppler speed through the gap (including on the fixes the quality gate
 * dropped: a receiver's Doppler survives poor geometry far better than its position), never less
 * than the straight line between the good fixes on either side; else that straight line (a lower
 * bound). A gap that no plausible movement explains (the straight line faster than the spike limit),
 * or in which the unit recorded nothing for over PAUSE_MS (a pause, not lost signal), is left
 * without distance.
 *
 * A position jump that persisted (FixTable.restart, marked by the spike step) breaks the track too,
 * so that no speed, acceleration or effort is made across it. It is no gap (CleanTrack.jumpBefore:
 * not counted or listed as one), but its straight line is estimated distance as a gap's is: the
 * raw positions freeze before such a jump, the receiver holding its position and then catching up.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import type { CleanTrack } from '../track.ts';
import { DROP_SPIKE } from '../track.ts';
import { haversineM } from '../geo.ts';
import { f64, f64Uninit, u8 } from '../../util/scratch.ts';

export const gaps: CleaningProcessor = {
  id: 'gaps',
  label: 'Gaps',
  rule: (s, state) => {
    const smart = state?.fixes.regime === 'smart';
    const limit = state ? `; ${(state.fixes.gapLimitMs / 1000).toFixed(1)} s for this unit` : '';
    const fill = smart
      ? `a watch in smart recording (irregular steps by design): steps up to ${(state!.fixes.gapLimitMs / 1000).toFixed(0)} s are its sampling, kept as recorded`
      : `interpolate missing stretches up to ${s.gaps.maxGapS} s (or ${s.gaps.maxGapSamples} sample intervals for slow units${limit})`;
    return `${fill}; across longer gaps and dropped stretches the distance is estimated (Doppler speed × time where plausible, never less than the straight line between the fixes either side; else that straight line) and counted in total distance, never in speed bands above walking, sprints or efforts`;
  },
  run(state) {
    const { n, t, lat, lon, doppler, drop, restart, nominalMs, gapLimitMs, regime } = state.fixes;
    // A smart-recording watch's steps up to the gap limit are its sampling: nothing to fill.
    const fillAbove = regime === 'smart' ? Infinity : 1.5 * nominalMs;
    // counts: kept fixes, samples to insert
    const counts = new Int32Array(2);
    countKept(n, t, drop, restart, fillAbove, gapLimitMs, nominalMs, counts);
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
      fromPositions: u8(m),
      interpolated: u8(m),
      breakBefore: u8(m),
      jumpBefore: u8(m),
      estM: f64(m),
      estMs: f64(m),
      nominalMs,
      gapLimitMs,
      regime,
    };
    // sums: gaps left, their time (ms), interpolated time (ms), position jumps the track restarts after
    const sums = new Float64Array(4);
    buildTrack(n, t, lat, lon, doppler, drop, restart, fillAbove, gapLimitMs, nominalMs, track, sums);
    const [nGaps, gapMs, interpMs, nJumps] = sums;
    // est: estimated gaps, their time (ms), their distance (m), of them by Doppler, not estimated; jumps bridged, their distance (m)
    const est = new Float64Array(7);
    estimateGaps(state.fixes.t, doppler, drop, n, track, Math.max(gapLimitMs, DOPPLER_HOLE_MS), state.settings.spikes.maxSpeedMs, est);
    const [nEst, estMs, estM, byDoppler, notEstimated, jumpsBridged, jumpsM] = est;
    state.track = track;
    const stretches = kept > 0 ? nGaps + nJumps + 1 : 0;
    return {
      changes: {
        samplesInterpolated: inserted,
        interpolatedS: interpMs / 1000,
        gapsLeft: nGaps,
        gapS: gapMs / 1000,
        stretches,
        gapsEstimated: nEst,
        estimatedS: estMs / 1000,
        estimatedM: estM,
        gapsEstimatedByDoppler: byDoppler,
        gapsNotEstimated: notEstimated,
        jumpsBridged,
        jumpsBridgedM: jumpsM,
        smartRecording: regime === 'smart' ? 1 : 0,
      },
      summary:
        `${inserted} sample(s) interpolated (${(interpMs / 1000).toFixed(1)} s); ${nGaps} gap(s) (${(gapMs / 1000).toFixed(1)} s): ` +
        `distance estimated across ${nEst} (${estM.toFixed(0)} m over ${(estMs / 1000).toFixed(1)} s; ${byDoppler} from Doppler speed, ${nEst - byDoppler} straight line)` +
        (notEstimated > 0 ? `, ${notEstimated} left without distance (a pause: nothing recorded for over ${PAUSE_MS / 1000} s; or faster than the spike limit)` : '') +
        (jumpsBridged > 0 ? `; ${jumpsBridged} position jump(s) that persisted bridged by the straight line (${jumpsM.toFixed(1)} m, estimated distance)` : ''),
    };
  },
};

// Each loop is a function of its own (see engine.ts).

/** counts[0]: kept fixes; counts[1]: samples the interpolation will insert. */
function countKept(n: number, t: Float64Array, drop: Uint8Array, restart: Uint8Array, fillAbove: number, gapLimitMs: number, nominalMs: number, counts: Int32Array): void {
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (drop[i] !== 0) continue;
    counts[0]++;
    if (prev >= 0) {
      const dt = t[i] - t[prev];
      if (dt > fillAbove && dt <= gapLimitMs && restart[i] === 0) counts[1] += Math.round(dt / nominalMs) - 1;
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
  restart: Uint8Array,
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
      if (restart[i] !== 0 && dt <= gapLimitMs) {
        // A position jump that persisted (FixTable.restart): the track breaks, but it is no gap.
        breakBefore[k] = 1;
        track.jumpBefore[k] = 1;
        sums[3]++;
      } else if (dt > gapLimitMs) {
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

/**
 * Doppler speeds cover a gap when no hole between them (nor to either end) is longer than this or
 * the gap limit: a dropout of a few seconds between two fixes with a Doppler speed is bridged by
 * the mean of the speeds either side (trapezoid), which follows a curved run a straight line cuts.
 */
export const DOPPLER_HOLE_MS = 5_000;

/**
 * A gap in which the unit recorded nothing at all for longer than this, and no Doppler speed covers,
 * is a pause (auto-pause, the unit switched off), not lost signal: no distance is estimated there.
 */
export const PAUSE_MS = 60_000;

/**
 * The distance across each gap of the track (a stretch start after the first), into track.estM /
 * estMs at the stretch start. ft/fdop/drop are the fixes as read: the fixes inside the gap (dropped
 * by the quality gate or missing) are searched for Doppler speeds in [0, maxV]; Doppler counts when
 * those speeds cover the gap with no hole longer than holeMs (DOPPLER_HOLE_MS or the gap limit). est[0..4] += estimated gaps,
 * their time (ms), their distance (m), those from Doppler, gaps left without distance (pauses, or
 * faster than the spike limit).
 */
function estimateGaps(ft: Float64Array, fdop: Float64Array, drop: Uint8Array, n: number, track: CleanTrack, holeMs: number, maxV: number, est: Float64Array): void {
  const { t, lat, lon, breakBefore, estM, estMs } = track;
  let j = 0; // the fix at or after the track sample before the gap (fixes and track are both in time order)
  const jumpBefore = track.jumpBefore;
  for (let k = 1; k < track.n; k++) {
    if (breakBefore[k] === 0) continue;
    const t0 = t[k - 1];
    const t1 = t[k];
    const dtMs = t1 - t0;
    const line = haversineM(lat[k - 1], lon[k - 1], lat[k], lon[k]);
    if (jumpBefore[k] !== 0) {
      // A position jump that persisted: the receiver held its position, then caught up (the raw
      // positions freeze before each). The straight line is what the player moved at least,
      // estimated as across a gap (band 1, no speed or effort), but it is no gap.
      estM[k] = line;
      estMs[k] = dtMs;
      est[5]++;
      est[6] += line;
      continue;
    }
    if (line > maxV * (dtMs / 1000)) {
      est[4]++;
      continue;
    }
    while (j < n && ft[j] < t0) j++;
    // Trapezoids between consecutive plausible Doppler speeds in [t0, t1], a constant speed to the
    // gap's ends; `covered` while no hole (nor either end) is longer than the gap limit.
    let dist = 0;
    let lastT = t0;
    let lastV = NaN;
    let covered = true;
    // The longest time the unit recorded nothing at all (no fix, kept or dropped) inside the gap.
    let lastRec = t0;
    let silent = 0;
    let i = j;
    for (; i < n && ft[i] <= t1; i++) {
      if (ft[i] - lastRec > silent) silent = ft[i] - lastRec;
      lastRec = ft[i];
      const v = fdop[i];
      if (!(v >= 0 && v <= maxV) || drop[i] === DROP_SPIKE) continue;
      const ti = ft[i];
      if (ti - lastT > holeMs) covered = false;
      dist += lastV === lastV ? ((lastV + v) / 2) * ((ti - lastT) / 1000) : v * ((ti - lastT) / 1000);
      lastT = ti;
      lastV = v;
    }
    j = Math.max(j, i - 1);
    if (lastV === lastV) {
      if (t1 - lastT > holeMs) covered = false;
      dist += lastV * ((t1 - lastT) / 1000);
    } else covered = false;
    if (t1 - lastRec > silent) silent = t1 - lastRec;
    if (!covered && silent > PAUSE_MS) {
      // Nothing recorded for minutes and no Doppler through it: the unit was paused or off
      // (auto-pause stops a watch's recording), not a player losing the signal.
      est[4]++;
      continue;
    }
    const useDoppler = covered && dist > line;
    estM[k] = useDoppler ? dist : line;
    estMs[k] = dtMs;
    est[0]++;
    est[1] += dtMs;
    est[2] += estM[k];
    if (useDoppler) est[3]++;
  }
}
