/** A small P1 file written by encodeP1, with values known by construction. */
import { writeFileSync } from 'node:fs';
import { encodeP1 } from '../../src/main/core/formats/p1.writer.ts';

export const P1_T0 = Date.UTC(2026, 2, 14, 15, 0, 0);

/** 50 fixes at 10 Hz and 500 accelerometer samples at 100 Hz from t0; no heart rate. */
export function writeP1(path: string, unitId: string, t0 = P1_T0): void {
  const t = Float64Array.from({ length: 50 }, (_, i) => t0 + i * 100);
  const ti = Float64Array.from({ length: 500 }, (_, i) => t0 + i * 10);
  writeFileSync(
    path,
    encodeP1({
      unitId,
      firmware: '2.1.0',
      startMs: t0,
      gnss: { t, lat: t.map((_, i) => 51.5 + i * 1e-6), lon: t.map(() => -0.125), speed: t.map(() => 3.5), hdop: t.map(() => 0.8), sats: t.map(() => 12), alt: t.map(() => NaN) },
      imu: { t: ti, ax: new Float64Array(500), ay: new Float64Array(500), az: new Float64Array(500).fill(1) },
      hr: null,
    }),
  );
}
