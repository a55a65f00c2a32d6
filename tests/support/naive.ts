/**
 * Deliberately naive re-implementations (split lines, parseFloat, plain loops) used as an
 * independent peer for the optimised readers and metrics on whole files.
 */
import { readFileSync } from 'node:fs';

export function naiveCsv(path: string): Record<string, number[]> {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head.trim().split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const l of lines) l.trim().split(',').forEach((v, i) => cols[names[i]].push(parseFloat(v)));
  return cols;
}

/** Skeleton GNSS metrics over a whole gps.csv: haversine steps (none across > 2 s), HSR at >= 5.5 m/s. */
export function naiveGpsMetrics(c: Record<string, number[]>): { duration_s: number; distance_m: number; hsr_distance_m: number; max_speed_ms: number } {
  const R = 6371008.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const { time, lat, lon, speed } = c;
  let distance = 0;
  let hsr = 0;
  for (let i = 1; i < lat.length; i++) {
    if (time[i] - time[i - 1] > 2000) continue;
    const a =
      Math.sin(rad(lat[i] - lat[i - 1]) / 2) ** 2 +
      Math.cos(rad(lat[i - 1])) * Math.cos(rad(lat[i])) * Math.sin(rad(lon[i] - lon[i - 1]) / 2) ** 2;
    const d = 2 * R * Math.asin(Math.sqrt(a));
    distance += d;
    if (speed[i] >= 5.5) hsr += d;
  }
  return {
    duration_s: (time[time.length - 1] - time[0]) / 1000,
    distance_m: distance,
    hsr_distance_m: hsr,
    max_speed_ms: Math.max(...speed),
  };
}

export function naivePlayerLoad(c: Record<string, number[]>): number {
  const { ax, ay, az } = c;
  let s = 0;
  for (let i = 1; i < ax.length; i++) s += Math.hypot(ax[i] - ax[i - 1], ay[i] - ay[i - 1], az[i] - az[i - 1]);
  return s / 100;
}
