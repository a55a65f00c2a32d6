import { describe, expect, it } from 'vitest';
import { butterLowpass, ZeroPhaseFilter, type Section } from '../../../src/main/core/processing/butterworth.ts';

/*
 * Independent values: scipy 1.10.1 (Debian python3-scipy), computed once with
 *   from scipy.signal import butter, filtfilt
 *   butter(3, 1, btype='low', fs=10); butter(4, 1, fs=10); butter(2, 2.5, fs=100); butter(1, 1, fs=10)
 *   filtfilt(*butter(3, 1, fs=10), x) for the x below
 * and pasted here; and scipy 1.17.1 for sosfiltfilt(butter(8, 0.01, fs=10, output='sos'), x) and
 * sosfiltfilt(butter(6, 0.3, fs=10, output='sos'), x), x[i] = 3 + sin(i / 7), i < 60. Our design
 * is written from the bilinear transform, not from scipy's code.
 */
const SCIPY: [number, number, number, number[], number[]][] = [
  [3, 1, 10, [0.018098933007514435, 0.05429679902254331, 0.05429679902254331, 0.018098933007514435], [1.0, -1.7600418803431688, 1.1828932620378303, -0.2780599176345463]],
  [4, 1, 10, [0.004824343357716231, 0.019297373430864923, 0.028946060146297387, 0.019297373430864923, 0.004824343357716231], [1.0, -2.3695130071820376, 2.31398841441588, -1.0546654058785676, 0.18737949236818488]],
  [2, 2.5, 100, [0.005542717210280681, 0.011085434420561362, 0.005542717210280681], [1.0, -1.7786317778245846, 0.8008026466657073]],
  [1, 1, 10, [0.2452372752527856, 0.2452372752527856], [1.0, -0.5095254494944288]],
];
const X = [0, 0, 1, 2, 3, 3, 3, 2, 1, 0, 0, 0, 1, 1, 1, 0.5];
const FILTFILT = [-0.0001362407055326212, 0.7938518719061033, 1.5220725589416708, 2.106264448147466, 2.462105907310089, 2.529686667966869, 2.3076703599282062, 1.8679497220051706, 1.3383505020482134, 0.8581366417987477, 0.5268851830453904, 0.3728565260268038, 0.3569599483191259, 0.4078424576211957, 0.4653489537530375, 0.5059406402616125];

/** The sections multiplied out into one transfer function b/a (polynomials in z⁻¹), to compare with scipy's. */
function transferFunction(sections: Section[]): { b: number[]; a: number[] } {
  const mul = (p: number[], q: number[]) => {
    const out = new Array<number>(p.length + q.length - 1).fill(0);
    p.forEach((x, i) => q.forEach((y, j) => (out[i + j] += x * y)));
    return out;
  };
  let b = [1];
  let a = [1];
  for (const s of sections) {
    const second = s.a2 !== 0 || s.b2 !== 0;
    b = mul(b, second ? [s.b0, s.b1, s.b2] : [s.b0, s.b1]);
    a = mul(a, second ? [1, s.a1, s.a2] : [1, s.a1]);
  }
  return { b, a };
}

/** 3 + sin(i / 7), i < n: a speed of ~3 m/s with a ~4.4 s wobble at 10 Hz. */
const wobble = (n: number) => Float64Array.from({ length: n }, (_, i) => 3 + Math.sin(i / 7));

describe('Butterworth low-pass design (bilinear transform, second-order sections)', () => {
  it.each(SCIPY)('order %i, %f Hz at %f Hz: the sections multiply out to scipy.signal.butter', (order, fc, fs, b, a) => {
    const sections = butterLowpass(order, fc, fs);
    expect(sections).toHaveLength(Math.ceil(order / 2));
    const tf = transferFunction(sections);
    expect(tf.b.length).toBe(b.length);
    b.forEach((x, i) => expect(tf.b[i]).toBeCloseTo(x, 13));
    a.forEach((x, i) => expect(tf.a[i]).toBeCloseTo(x, 13));
  });

  it('every section has unit gain at DC: (b0 + b1 + b2) / (1 + a1 + a2) = 1', () => {
    for (const s of [...butterLowpass(3, 1, 10), ...butterLowpass(8, 0.01, 10)]) {
      expect((s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2)).toBeCloseTo(1, 9);
    }
  });

  it('filtfilt equals scipy (odd padding of 12 samples, steady-state initial conditions)', () => {
    const x = Float64Array.from(X);
    const y = new Float64Array(x.length);
    new ZeroPhaseFilter(butterLowpass(3, 1, 10)).apply(x, y, 0, x.length);
    FILTFILT.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
  });

  it('stays exact where one transfer function breaks down: order 8, 0.01 Hz at 10 Hz, as scipy.signal.sosfiltfilt', () => {
    // scipy's filtfilt(*butter(8, 0.01, fs=10), x) gives 0.0002 here for a signal of ~3 (and
    // values near 1e15 on longer ones): the poles lost to rounding when multiplied out.
    const x = wobble(60);
    const y = new Float64Array(60);
    new ZeroPhaseFilter(butterLowpass(8, 0.01, 10)).apply(x, y, 0, 60);
    const SOS8 = [3.656031868645278, 3.656031868644738, 3.656031868644258, 3.656031868643839, 3.656031868643486, 3.6560318686431987];
    SOS8.forEach((v, k) => expect(y[10 * k]).toBeCloseTo(v, 9));
    const y6 = new Float64Array(60);
    new ZeroPhaseFilter(butterLowpass(6, 0.3, 10)).apply(x, y6, 0, 60);
    const SOS6 = [3.0212146777445152, 3.892936741838992, 3.2579806594199336, 2.1989285885620466, 2.482372761847702, 3.5347217942566638];
    SOS6.forEach((v, k) => expect(y6[10 * k]).toBeCloseTo(v, 11));
  });

  it('passes a constant through unchanged at any order and cut-off the settings allow (steady-state start: no transient at either end)', () => {
    for (const [order, fc, fs] of [[1, 1, 10], [3, 1, 10], [8, 0.01, 10], [8, 4.9, 10], [5, 0.02, 50]]) {
      const x = new Float64Array(200).fill(4.25);
      const y = new Float64Array(200);
      new ZeroPhaseFilter(butterLowpass(order, fc, fs)).apply(x, y, 0, 200);
      for (const v of y) expect(v).toBeCloseTo(4.25, 8);
    }
  });

  it('refuses a stretch not longer than the padding, and a cut-off at or above Nyquist', () => {
    const f = new ZeroPhaseFilter(butterLowpass(3, 1, 10));
    expect(f.padlen).toBe(12);
    expect(new ZeroPhaseFilter(butterLowpass(8, 1, 10)).padlen).toBe(27);
    const x = new Float64Array(12);
    expect(() => f.apply(x, x, 0, 12)).toThrow(/too short/);
    expect(() => butterLowpass(3, 5, 10)).toThrow(/Nyquist/);
  });
});
