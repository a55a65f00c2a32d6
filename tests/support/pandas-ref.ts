/**
 * The pandas reference pipeline (../shared/bench/ref_pandas.py, run with Debian's python3-pandas
 * and python3-scipy) as an independent peer: per-device rows of its output CSV, or a reason why
 * it cannot run here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './shared-data.ts';

const PY = '/usr/bin/python3';
const REF = process.env.P1_SHARED_BENCH
  ? join(resolve(process.env.P1_SHARED_BENCH), 'ref_pandas.py')
  : join(REPO_ROOT, '..', 'shared', 'bench', 'ref_pandas.py');

export function pandasUnavailable(): string | null {
  if (!existsSync(REF)) return `pandas reference not found at ${REF}`;
  if (!existsSync(PY) || spawnSync(PY, ['-c', 'import pandas, scipy']).status !== 0) return `${PY} with pandas and scipy is not installed`;
  return null;
}

export function runPandasRef(dataDir: string): Map<string, Record<string, number>> {
  const out = join(mkdtempSync(join(tmpdir(), 'p1-ref-')), 'ref.csv');
  execFileSync(PY, [REF, '--data', dataDir, '--mode', 'single', '--out', out], { stdio: 'pipe' });
  const [head, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
  const names = head.split(',');
  const map = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const f = r.split(',');
    const rec: Record<string, number> = {};
    names.forEach((n, i) => (rec[n] = Number(f[i])));
    map.set(f[names.indexOf('device_id')], rec);
  }
  return map;
}
