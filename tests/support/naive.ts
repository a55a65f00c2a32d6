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

export function naivePlayerLoad(c: Record<string, number[]>): number {
  const { ax, ay, az } = c;
  let s = 0;
  for (let i = 1; i < ax.length; i++) s += Math.hypot(ax[i] - ax[i - 1], ay[i] - ay[i - 1], az[i] - az[i - 1]);
  return s / 100;
}
