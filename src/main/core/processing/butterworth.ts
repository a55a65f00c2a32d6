/**
 * Digital Butterworth low-pass design (bilinear transform with pre-warping, as scipy.signal.butter)
 * and zero-phase filtering (forward-backward, as scipy.signal.filtfilt with its defaults: odd
 * extension of 3·max(len(a), len(b)) samples at each end, initial state from lfilter_zi).
 *
 * Written by hand, on typed arrays, because it runs per unbroken stretch of every unit's speed;
 * the coefficients are checked against scipy's output in tests/unit/processing/butterworth.test.ts.
 */

export interface IirFilter {
  b: Float64Array;
  a: Float64Array;
}

type Complex = [number, number];
const cmul = (x: Complex, y: Complex): Complex => [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
const cdiv = (x: Complex, y: Complex): Complex => {
  const d = y[0] * y[0] + y[1] * y[1];
  return [(x[0] * y[0] + x[1] * y[1]) / d, (x[1] * y[0] - x[0] * y[1]) / d];
};

/** Coefficients of prod (z - r_k), highest power first. */
function polyFromRoots(roots: Complex[]): Complex[] {
  let c: Complex[] = [[1, 0]];
  for (const r of roots) {
    const next: Complex[] = c.map((x) => [x[0], x[1]] as Complex).concat([[0, 0]]);
    for (let i = 1; i < next.length; i++) {
      const m = cmul(c[i - 1], r);
      next[i] = [next[i][0] - m[0], next[i][1] - m[1]];
    }
    c = next;
  }
  return c;
}

/**
 * Low-pass Butterworth of the given order and cut-off (Hz) for sampling rate fs (Hz).
 * Analog prototype poles p_k = -exp(iπ(2k - n - 1)/(2n)), scaled to the pre-warped cut-off
 * ωa = 2·fs·tan(π·fc/fs), mapped by z = (2fs + s)/(2fs - s); the n zeros go to z = -1 and the
 * gain makes the response 1 at DC.
 */
export function butterLowpass(order: number, cutoffHz: number, fs: number): IirFilter {
  if (!(order >= 1) || !Number.isInteger(order)) throw new RangeError(`filter order must be a positive integer, got ${order}`);
  if (!(cutoffHz > 0 && cutoffHz < fs / 2)) {
    throw new RangeError(`cut-off ${cutoffHz} Hz must lie between 0 and the Nyquist frequency ${fs / 2} Hz`);
  }
  const n = order;
  const fs2 = 2 * fs;
  const wa = fs2 * Math.tan((Math.PI * cutoffHz) / fs);
  const poles: Complex[] = [];
  let gainDen: Complex = [1, 0];
  for (let k = 0; k < n; k++) {
    const m = -n + 1 + 2 * k;
    const ang = (Math.PI * m) / (2 * n);
    const p: Complex = [-Math.cos(ang) * wa, -Math.sin(ang) * wa];
    const num: Complex = [fs2 + p[0], p[1]];
    const den: Complex = [fs2 - p[0], -p[1]];
    poles.push(cdiv(num, den));
    gainDen = cmul(gainDen, den);
  }
  const k = wa ** n * cdiv([1, 0], gainDen)[0];
  const b = new Float64Array(n + 1);
  let binom = 1;
  for (let i = 0; i <= n; i++) {
    b[i] = k * binom;
    binom = (binom * (n - i)) / (i + 1);
  }
  const a = new Float64Array(polyFromRoots(poles).map((c) => c[0]));
  return { b, a };
}

/**
 * Steady-state initial conditions of the transposed direct form II for a unit step input
 * (scipy.signal.lfilter_zi): solve (I - Aᵀ) zi = b[1:] - a[1:]·b[0], A the companion matrix of a.
 */
export function lfilterZi(f: IirFilter): Float64Array {
  const a0 = f.a[0];
  const a = Array.from(f.a, (x) => x / a0);
  const b = Array.from(f.b, (x) => x / a0);
  const n = Math.max(a.length, b.length);
  while (a.length < n) a.push(0);
  while (b.length < n) b.push(0);
  const m = n - 1;
  // M = I - companion(a)^T: column 0 gets +a[i+1], superdiagonal gets -1.
  const M: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Array<number>(m).fill(0);
    row[i] = 1;
    row[0] += a[i + 1];
    if (i + 1 < m) row[i + 1] -= 1;
    M.push(row);
    rhs.push(b[i + 1] - a[i + 1] * b[0]);
  }
  // Gaussian elimination with partial pivoting (m <= 8).
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    [rhs[c], rhs[piv]] = [rhs[piv], rhs[c]];
    for (let r = c + 1; r < m; r++) {
      const fct = M[r][c] / M[c][c];
      for (let k = c; k < m; k++) M[r][k] -= fct * M[c][k];
      rhs[r] -= fct * rhs[c];
    }
  }
  const zi = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let s = rhs[r];
    for (let k = r + 1; k < m; k++) s -= M[r][k] * zi[k];
    zi[r] = s / M[r][r];
  }
  return zi;
}

/** Samples of odd extension added at each end (scipy's default padlen). */
export function padLength(f: IirFilter): number {
  return 3 * Math.max(f.a.length, f.b.length);
}

/**
 * A reusable zero-phase filter: filtfilt(x) for any stretch longer than padLength. Scratch
 * buffers are kept between calls so filtering thousands of stretches allocates nothing.
 */
export class ZeroPhaseFilter {
  readonly b: Float64Array;
  readonly a: Float64Array;
  readonly zi: Float64Array;
  readonly padlen: number;
  private ext = new Float64Array(0);
  private state: Float64Array;

  constructor(f: IirFilter) {
    const a0 = f.a[0];
    const n = Math.max(f.a.length, f.b.length);
    this.b = new Float64Array(n);
    this.a = new Float64Array(n);
    for (let i = 0; i < f.b.length; i++) this.b[i] = f.b[i] / a0;
    for (let i = 0; i < f.a.length; i++) this.a[i] = f.a[i] / a0;
    this.zi = lfilterZi(f);
    this.padlen = padLength(f);
    this.state = new Float64Array(n - 1);
  }

  /** Filters src[from..to) forwards and backwards into dst[from..to). Needs to - from > padlen. */
  apply(src: Float64Array, dst: Float64Array, from: number, to: number): void {
    const len = to - from;
    const pad = this.padlen;
    if (len <= pad) throw new RangeError(`a stretch of ${len} samples is too short to filter (needs more than ${pad})`);
    const total = len + 2 * pad;
    if (this.ext.length < total) this.ext = new Float64Array(total);
    const ext = this.ext;
    const x0 = src[from];
    const xn = src[to - 1];
    for (let i = 0; i < pad; i++) ext[i] = 2 * x0 - src[from + pad - i];
    for (let i = 0; i < len; i++) ext[pad + i] = src[from + i];
    for (let i = 0; i < pad; i++) ext[pad + len + i] = 2 * xn - src[to - 2 - i];
    this.pass(ext, total, true);
    this.pass(ext, total, false);
    for (let i = 0; i < len; i++) dst[from + i] = ext[pad + i];
  }

  /** One lfilter pass in place (transposed direct form II), forward or backward, state = zi·x[first]. */
  private pass(x: Float64Array, total: number, forward: boolean): void {
    const b = this.b;
    const a = this.a;
    const z = this.state;
    const m = z.length;
    const first = forward ? x[0] : x[total - 1];
    for (let k = 0; k < m; k++) z[k] = this.zi[k] * first;
    const b0 = b[0];
    const step = forward ? 1 : -1;
    for (let c = 0, i = forward ? 0 : total - 1; c < total; c++, i += step) {
      const xi = x[i];
      const y = b0 * xi + z[0];
      for (let k = 0; k < m - 1; k++) z[k] = b[k + 1] * xi + z[k + 1] - a[k + 1] * y;
      z[m - 1] = b[m] * xi - a[m] * y;
      x[i] = y;
    }
  }
}
