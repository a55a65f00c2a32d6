/**
 * Digital Butterworth low-pass design (bilinear transform with pre-warping, as scipy.signal.butter)
 * in second-order sections, and zero-phase filtering (forward-backward, as scipy.signal.sosfiltfilt
 * with its defaults: odd extension of 3·(order + 1) samples at each end, each section started in
 * its steady state for the first sample).
 *
 * Sections, not one transfer function b/a: multiplying the poles out into one polynomial loses
 * the poles' precision when they crowd near z = 1 (a high order, or a low cut-off against the
 * sampling rate). scipy's `filtfilt(*butter(8, 0.01, fs=10), x)` returns 0.0002 or 1e15 for a
 * speed of 3 m/s; in sections the same filter agrees with scipy's `sosfiltfilt` to ~1e-10. At the
 * default (order 3, 1 Hz at 10 Hz) both forms agree to ~1e-14.
 *
 * Written by hand, on typed arrays, because it runs per unbroken stretch of every unit's speed;
 * the design and the output are checked against scipy in tests/unit/processing/butterworth.test.ts.
 */
import { f64Uninit } from '../util/scratch.ts';

/**
 * One second-order section y/x = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²), with unit gain at
 * DC (b0 + b1 + b2 = 1 + a1 + a2). A first-order section has b2 = a2 = 0.
 */
export interface Section {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/**
 * Low-pass Butterworth of the given order and cut-off (Hz) for sampling rate fs (Hz), as sections.
 * Analog prototype poles p_k = -wa·exp(iπ(2k - n + 1)/(2n)), wa = 2·fs·tan(π·fc/fs) the pre-warped
 * cut-off, mapped by z = (2fs + p)/(2fs - p); every zero at z = -1. A conjugate pair of poles makes
 * one section, the real pole of an odd order a first-order one; the section nearest the unit circle
 * runs last. Each section's gain makes its response 1 at DC: |1 - z_p|²/4 = |p|²/|2fs - p|².
 */
export function butterLowpass(order: number, cutoffHz: number, fs: number): Section[] {
  if (!(order >= 1) || !Number.isInteger(order)) throw new RangeError(`filter order must be a positive integer, got ${order}`);
  if (!(cutoffHz > 0 && cutoffHz < fs / 2)) {
    throw new RangeError(`cut-off ${cutoffHz} Hz must lie between 0 and the Nyquist frequency ${fs / 2} Hz`);
  }
  const n = order;
  const fs2 = 2 * fs;
  const wa = fs2 * Math.tan((Math.PI * cutoffHz) / fs);
  const sections: Section[] = [];
  if (n % 2 === 1) {
    // The real pole p = -wa: z = (2fs - wa)/(2fs + wa); gain (1 - z)/2 = wa/(2fs + wa).
    const z = (fs2 - wa) / (fs2 + wa);
    const g = wa / (fs2 + wa);
    sections.push({ b0: g, b1: g, b2: 0, a1: -z, a2: 0 });
  }
  // Pairs from the pole farthest from the jω axis (lowest Q) to the nearest (k = 0).
  for (let k = Math.floor(n / 2) - 1; k >= 0; k--) {
    const ang = (Math.PI * (2 * k - n + 1)) / (2 * n);
    const pr = -Math.cos(ang) * wa;
    const pi = -Math.sin(ang) * wa;
    // z = (fs2 + p)/(fs2 - p)
    const dr = fs2 - pr;
    const d2 = dr * dr + pi * pi;
    const zr = ((fs2 + pr) * dr - pi * pi) / d2;
    const zi = (pi * dr + (fs2 + pr) * pi) / d2;
    const g = (pr * pr + pi * pi) / d2;
    sections.push({ b0: g, b1: 2 * g, b2: g, a1: -2 * zr, a2: zr * zr + zi * zi });
  }
  return sections;
}

/**
 * A section's state (transposed direct form II) in its steady state for a constant input of 1,
 * which is also its output (unit DC gain): z1 = b2 - a2, z0 = b1 - a1 + z1 (scipy's sosfilt_zi,
 * whose scale stays 1 here).
 */
function sectionZi(s: Section): [number, number] {
  const z1 = s.b2 - s.a2;
  return [s.b1 - s.a1 + z1, z1];
}

/** Samples of odd extension added at each end (scipy's default padlen: 3 × (order + 1)). */
export function padLength(sections: readonly Section[]): number {
  const order = sections.reduce((o, s) => o + (s.a2 === 0 && s.b2 === 0 ? 1 : 2), 0);
  return 3 * (order + 1);
}

/**
 * A reusable zero-phase filter: sosfiltfilt(x) for any stretch longer than padLength. Its scratch
 * buffer is kept between calls so filtering thousands of stretches allocates nothing.
 */
export class ZeroPhaseFilter {
  readonly sections: readonly Section[];
  readonly padlen: number;
  private ext = new Float64Array(0);

  constructor(sections: readonly Section[]) {
    this.sections = sections;
    this.padlen = padLength(sections);
  }

  /** Filters src[from..to) forwards and backwards into dst[from..to). Needs to - from > padlen. */
  apply(src: Float64Array, dst: Float64Array, from: number, to: number): void {
    const len = to - from;
    const pad = this.padlen;
    if (len <= pad) throw new RangeError(`a stretch of ${len} samples is too short to filter (needs more than ${pad})`);
    const total = len + 2 * pad;
    if (this.ext.length < total) this.ext = f64Uninit(total); // written before it is read
    const ext = this.ext;
    const x0 = src[from];
    const xn = src[to - 1];
    for (let i = 0; i < pad; i++) ext[i] = 2 * x0 - src[from + pad - i];
    for (let i = 0; i < len; i++) ext[pad + i] = src[from + i];
    for (let i = 0; i < pad; i++) ext[pad + len + i] = 2 * xn - src[to - 2 - i];
    // Forwards through every section, each started at the level of the first sample (every
    // section passes DC unchanged, so that is each one's input level too); then backwards from
    // the level of the last output.
    const first = ext[0];
    for (const s of this.sections) sectionPass(ext, total, true, s, first);
    const last = ext[total - 1];
    for (const s of this.sections) sectionPass(ext, total, false, s, last);
    for (let i = 0; i < len; i++) dst[from + i] = ext[pad + i];
  }
}

/** One section over x in place (transposed direct form II), forward or backward, from its steady state at `level`. (A loop by itself: see engine.ts.) */
function sectionPass(x: Float64Array, total: number, forward: boolean, s: Section, level: number): void {
  const { b0, b1, b2, a1, a2 } = s;
  const [zi0, zi1] = sectionZi(s);
  let z0 = zi0 * level;
  let z1 = zi1 * level;
  const step = forward ? 1 : -1;
  for (let c = 0, i = forward ? 0 : total - 1; c < total; c++, i += step) {
    const xi = x[i];
    const y = b0 * xi + z0;
    z0 = b1 * xi - a1 * y + z1;
    z1 = b2 * xi - a2 * y;
    x[i] = y;
  }
}
