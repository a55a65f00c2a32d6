import { describe, expect, it } from 'vitest';
import { butterLowpass, lfilterZi, ZeroPhaseFilter } from '../../../src/main/core/processing/butterworth.ts';

/*
 * Independent values: scipy 1.10.1 (Debian python3-scipy), computed once with
 *   from scipy.signal import butter, filtfilt, lfilter_zi
 *   butter(3, 1, btype='low', fs=10); butter(4, 1, fs=10); butter(2, 2.5, fs=100); butter(1, 1, fs=10)
 *   lfilter_zi(*butter(3, 1, fs=10)); filtfilt(*butter(3, 1, fs=10), x) for the x below
 * and pasted here. Our design is written from the bilinear transform, not from scipy's code.
 */
const SCIPY: [number, number, number, number[], number[]][] = [
  [3, 1, 10, [0.018098933007514435, 0.05429679902254331, 0.05429679902254331, 0.018098933007514435], [1.0, -1.7600418803431688, 1.1828932620378303, -0.2780599176345463]],
  [4, 1, 10, [0.004824343357716231, 0.019297373430864923, 0.028946060146297387, 0.019297373430864923, 0.004824343357716231], [1.0, -2.3695130071820376, 2.31398841441588, -1.0546654058785676, 0.18737949236818488]],
  [2, 2.5, 100, [0.005542717210280681, 0.011085434420561362, 0.005542717210280681], [1.0, -1.7786317778245846, 0.8008026466657073]],
  [1, 1, 10, [0.2452372752527856, 0.2452372752527856], [1.0, -0.5095254494944288]],
];
const ZI = [0.9819010669924868, -0.8324376123732273, 0.29615885064206104];
const X = [0, 0, 1, 2, 3, 3, 3, 2, 1, 0, 0, 0, 1, 1, 1, 0.5];
const FILTFILT = [-0.0001362407055326212, 0.7938518719061033, 1.5220725589416708, 2.106264448147466, 2.462105907310089, 2.529686667966869, 2.3076703599282062, 1.8679497220051706, 1.3383505020482134, 0.8581366417987477, 0.5268851830453904, 0.3728565260268038, 0.3569599483191259, 0.4078424576211957, 0.4653489537530375, 0.5059406402616125];

describe('Butterworth low-pass design (bilinear transform)', () => {
  it.each(SCIPY)('order %i, %f Hz at %f Hz equals scipy.signal.butter', (order, fc, fs, b, a) => {
    const f = butterLowpass(order, fc, fs);
    expect(f.b.length).toBe(b.length);
    b.forEach((x, i) => expect(f.b[i]).toBeCloseTo(x, 13));
    a.forEach((x, i) => expect(f.a[i]).toBeCloseTo(x, 13));
  });

  it('has unit gain at DC: sum(b) / sum(a) = 1', () => {
    // A low-pass passes a constant unchanged: H(z=1) = Σb / Σa.
    const f = butterLowpass(3, 1, 10);
    const sb = f.b.reduce((s, x) => s + x, 0);
    const sa = f.a.reduce((s, x) => s + x, 0);
    expect(sb / sa).toBeCloseTo(1, 12);
  });

  it('lfilter_zi equals scipy', () => {
    const zi = lfilterZi(butterLowpass(3, 1, 10));
    ZI.forEach((x, i) => expect(zi[i]).toBeCloseTo(x, 12));
  });

  it('filtfilt equals scipy (odd padding of 12 samples, zi initial state)', () => {
    const x = Float64Array.from(X);
    const y = new Float64Array(x.length);
    new ZeroPhaseFilter(butterLowpass(3, 1, 10)).apply(x, y, 0, x.length);
    FILTFILT.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
  });

  it('refuses a stretch not longer than the padding, and a cut-off at or above Nyquist', () => {
    const f = new ZeroPhaseFilter(butterLowpass(3, 1, 10));
    const x = new Float64Array(12);
    expect(() => f.apply(x, x, 0, 12)).toThrow(/too short/);
    expect(() => butterLowpass(3, 5, 10)).toThrow(/Nyquist/);
  });
});
