/**
 * Two first starts on a new data dir at once (two real processes, started together): both open
 * the database and see every migration applied exactly once. Before the migrations took the write
 * lock before reading the applied versions, about 4 in 30 pairs failed with "duplicate column".
 * P1_MIGRATION_PAIRS sets the number of pairs (default 20; 60 pairs passed when this was written).
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../support/core.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { MIGRATIONS } from '../../../src/main/core/db/migrations/index.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const FIXTURE = join(REPO_ROOT, 'tests', 'integration', 'crash', 'fixtures', 'open-db.ts');
const PAIRS = Number(process.env.P1_MIGRATION_PAIRS ?? 20);

function run(dataDir: string, startAt: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE, [FIXTURE, dataDir, String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('migrations under two first starts at once', () => {
  it(`${PAIRS} pairs of processes on new data dirs: every one opens, each migration applied once`, { timeout: 240_000 }, async () => {
    const expected = MIGRATIONS.map((m) => m.version).join(',');
    const failures: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const dir = makeTempDir('p1-migrate-race-');
      // Both wait for one instant, late enough for Node and the modules to load in each.
      const startAt = Date.now() + 500;
      const both = await Promise.all([run(dir, startAt), run(dir, startAt)]);
      for (const r of both) if (r.code !== 0 || r.out.trim() !== `OPEN ${expected}`) failures.push(`pair ${i + 1}: exit ${r.code}: ${r.out.trim()}`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`migration race: ${PAIRS} pairs, ${PAIRS * 2} first starts, ${failures.length} failed`);
    expect(failures).toEqual([]);
  });
});
