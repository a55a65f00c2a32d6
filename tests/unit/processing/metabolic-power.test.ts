import { describe, expect, it } from 'vitest';
import { energyCost, equivalentSlope, metabolicPower, walkRunTransition } from '../../../src/main/core/processing/metabolic-power.ts';

/*
 * The model of di Prampero & Osgnach (2018) as floodlight publishes it (floodlight/models/kinetics.py),
 * worked by hand (g = 9.80665, k = 0.0037):
 *   ES = a/g + k v²/g, EM = sqrt(ES² + 1); running (v > 2.5 or v ≥ v_trans(ES)):
 *   C = (39.5 ES + 3.6 e^(−4 ES)) EM for ES ≥ 0, (−8.34 ES + 3.6 e^(13 ES)) EM for ES < 0; P = C v.
 * The proof asks for agreement within 1 %; the worked values are asserted to 1e-6 relative.
 */
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('metabolic power (di Prampero & Osgnach 2018, floodlight form)', () => {
  it('steady running at 4 m/s', () => {
    // ES = 0.0037·16/9.80665 = 0.0592/9.80665 = 0.00603672; EM = sqrt(1 + 0.0000364) = 1.0000182
    // C = (39.5·0.00603672 + 3.6·e^(−0.0241469))·EM = (0.238450 + 3.6·0.976142)·1.0000182
    //   = (0.238450 + 3.514112)·1.0000182 = 3.752631 J/kg/m;  P = 4·C = 15.010525 W/kg
    expect(equivalentSlope(4, 0)).toBeCloseTo(0.00603672, 7);
    expect(rel(energyCost(4, 0), 3.752631)).toBeLessThan(1e-6);
    expect(rel(metabolicPower(4, 0), 15.010525)).toBeLessThan(1e-6);
  });

  it('accelerating at 2 m/s² through 5 m/s', () => {
    // ES = (2 + 0.0037·25)/9.80665 = 2.0925/9.80665 = 0.2133756; EM = sqrt(1 + 0.0455292) = 1.0225112
    // C = (39.5·0.2133756 + 3.6·e^(−0.8535025))·EM = (8.428337 + 3.6·0.425926)·1.0225112
    //   = (8.428337 + 1.533333)·1.0225112 = 9.961670·1.0225112 = 10.185900;  P = 5·C = 50.929498 W/kg
    expect(rel(metabolicPower(5, 2), 50.929498)).toBeLessThan(1e-6);
  });

  it('decelerating at −3 m/s² through 3 m/s (negative slope branch)', () => {
    // ES = (−3 + 0.0333)/9.80665 = −0.3025192; EM = sqrt(1 + 0.0915179) = 1.0447573
    // C = (−8.34·(−0.3025192) + 3.6·e^(13·(−0.3025192)))·EM = (2.523010 + 3.6·0.0195929)·1.0447573
    //   = (2.523010 + 0.070534)·1.0447573 = 2.593544·1.0447573 = 2.709613;  P = 3·C = 8.128839 W/kg
    expect(rel(metabolicPower(3, -3), 8.128839)).toBeLessThan(1e-6);
  });

  it('walking at 1.5 m/s: the ES = 0 and 0.1 walking polynomials, interpolated', () => {
    // ES = 0.0037·2.25/9.80665 = 0.00084891; v_trans = 2.27 − 1.7·ES − ... = 2.268545 > 1.5 and v ≤ 2.5: walking.
    // ES lies between the edges 0 and 0.1: w(0) = (0.1 − ES)·10 = 0.9915109, w(0.1) = ES·10 = 0.0084891
    // poly(ES=0)(1.5)   = 1.25·5.0625 − 6.57·3.375 + 13.14·2.25 − 11.15·1.5 + 5.35 = 2.344375
    // poly(ES=0.1)(1.5) = 0.68·5.0625 − 4.17·3.375 + 10.17·2.25 − 10.31·1.5 + 8.66 = 5.446250
    // C = (0.9915109·2.344375 + 0.0084891·5.446250)·EM(1.00000036) = 2.370708;  P = 1.5·C = 3.556062 W/kg
    expect(walkRunTransition(equivalentSlope(1.5, 0))).toBeCloseTo(2.268545, 5);
    expect(rel(metabolicPower(1.5, 0), 3.556062)).toBeLessThan(1e-6);
  });

  it('walking while slowing down at −1.5 m/s² at 1 m/s (edges −0.2 and −0.1)', () => {
    // ES = (−1.5 + 0.0037)/9.80665 = −0.1525801; EM = sqrt(1 + 0.0232807) = 1.0115734; v_trans = 2.234802 > 1
    // w(−0.2) = (ES + 0.2)·10 = 0.4741986, w(−0.1) = (−0.1 − ES)·10 = 0.5258014
    // poly(−0.2)(1) = 0.03 − 0.15 + 0.98 − 2.25 + 3.14 = 1.75;  poly(−0.1)(1) = 0.69 − 3.21 + 5.94 − 5.07 + 2.79 = 1.14
    // C = (0.4741986·1.75 + 0.5258014·1.14)·1.0115734 = (0.829848 + 0.599414)·1.0115734 = 1.477645;  P = 1·C
    expect(rel(metabolicPower(1, -1.5), 1.477645)).toBeLessThan(1e-6);
  });

  it('is zero standing still', () => {
    expect(metabolicPower(0, 0)).toBe(0);
  });
});
