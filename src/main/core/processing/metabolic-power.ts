/**
 * Metabolic power of running and walking on flat ground with speed changes, after di Prampero &
 * Osgnach (2018) as implemented by floodlight (`floodlight/models/kinetics.py`):
 *
 *   equivalent slope  ES = a/g + k·v²/g          (k = 0.0037, air resistance folded into ES)
 *   equivalent mass   EM = sqrt(ES² + 1)
 *   running (v ≥ v_trans(ES) or v > 2.5 m/s), Minetti & Parvei (2018):
 *     C = (39.5·ES + 3.6·e^(−4·ES))·EM      for ES ≥ 0
 *     C = (−8.34·ES + 3.6·e^(13·ES))·EM     for ES < 0
 *   walking: C = EM · Σ_k w_k·(c_k4·v⁴ + c_k3·v³ + c_k2·v² + c_k1·v + c_k0), the polynomials of
 *     di Prampero & Osgnach (2018) Table 1 for ES = −0.3 … 0.4, linearly interpolated in ES
 *   v_trans(ES) = −107.05·ES⁵ + 113.13·ES⁴ − 1.13·ES³ − 15.84·ES² − 1.7·ES + 2.27
 *   P = C·v  (W/kg), C in J/(kg·m)
 *
 * g = 9.80665 m/s² (standard gravity, scipy.constants.g as floodlight uses).
 */
export const G = 9.80665;
export const AIR_K = 0.0037;

const EDGES = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4];
/** Walking cost polynomials, coefficients of v⁴, v³, v², v, 1 for each ES edge (Table 1). */
const WALK = [
  [0.28, -1.66, 3.81, -3.96, 4.01],
  [0.03, -0.15, 0.98, -2.25, 3.14],
  [0.69, -3.21, 5.94, -5.07, 2.79],
  [1.25, -6.57, 13.14, -11.15, 5.35],
  [0.68, -4.17, 10.17, -10.31, 8.66],
  [3.8, -14.91, 22.94, -14.53, 11.24],
  [44.95, -122.88, 126.94, -57.46, 21.39],
  [94.62, -213.94, 184.43, -68.49, 25.04],
];

export function equivalentSlope(v: number, a: number): number {
  return a / G + (AIR_K * v * v) / G;
}

export function walkRunTransition(es: number): number {
  return ((((-107.05 * es + 113.13) * es - 1.13) * es - 15.84) * es - 1.7) * es + 2.27;
}

function walkPoly(k: number, v: number): number {
  const c = WALK[k];
  return (((c[0] * v + c[1]) * v + c[2]) * v + c[3]) * v + c[4];
}

/** Energy cost of locomotion, J/(kg·m). */
export function energyCost(v: number, a: number): number {
  const es = equivalentSlope(v, a);
  const em = Math.sqrt(es * es + 1);
  if (v >= walkRunTransition(es) || v > 2.5) {
    return es >= 0 ? (39.5 * es + 3.6 * Math.exp(-4 * es)) * em : (-8.34 * es + 3.6 * Math.exp(13 * es)) * em;
  }
  let idx = 0;
  while (idx < EDGES.length && EDGES[idx] < es) idx++;
  let c: number;
  if (idx === 0) c = walkPoly(0, v);
  else if (idx === EDGES.length) c = walkPoly(EDGES.length - 1, v);
  else c = (EDGES[idx] - es) * 10 * walkPoly(idx - 1, v) + (es - EDGES[idx - 1]) * 10 * walkPoly(idx, v);
  return c * em;
}

/** Metabolic power, W/kg, at speed v (m/s) and acceleration a (m/s²). */
export function metabolicPower(v: number, a: number): number {
  return energyCost(v, a) * v;
}
