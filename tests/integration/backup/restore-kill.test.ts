/**
 * kill -9 during a restore, after each rename of the swap in turn (the journal's writes included):
 * the next start finds either the old data or the backup's, whole — the database passes
 * integrity_check, and its rows, raw files and reports (by sha256) are exactly one or the other —
 * and no work folder or journal is left. A run that is not killed shows how many renames there are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { call, dataState, populate, startLive } from './helpers.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const CHILD = join(REPO_ROOT, 'tests', 'integration', 'backup', 'fixtures', 'restore-child.ts');

let template: string;
let out: string;
let archive: string;
let oldState: ReturnType<typeof dataState>;
let newState: ReturnType<typeof dataState>;

beforeAll(async () => {
  template = makeTempDir('p1-restore-kill-');
  out = makeTempDir('p1-restore-kill-out-');
  const live = startLive(template);
  try {
    await populate(live);
    newState = dataState(template);
    archive = (await call(live, 'backup:create', { path: out })).path;
    // The data a restore would replace: a second session, a player renamed.
    const p = (await call(live, 'players:list'))[0];
    await call(live, 'players:update', { id: p.id, name: 'Renamed Later' });
    await call(live, 'sessions:create', { name: 'Later session', startMs: Date.UTC(2026, 4, 1, 9), endMs: Date.UTC(2026, 4, 1, 10) });
  } finally {
    await live.close();
  }
  oldState = dataState(template);
}, 120_000);

afterAll(() => {
  rmSync(template, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

/** Runs the child on a copy of the template; kills it right after rename number `killAt` (null: lets it finish). */
function runChild(dataDir: string, killAt: number | null): Promise<{ out: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CHILD, dataDir, archive], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      text += d;
      if (killAt != null && !killed && text.includes(`RENAME ${killAt}\n`)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (text += d));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(watchdog);
      resolve({ out: text, killed });
    });
  });
}

/** Opens the data folder as the next start does, and says which data it holds. */
async function afterRestart(dataDir: string): Promise<'old' | 'new'> {
  const t = startTestCore({ dataDir });
  await t.close(true);
  const db = new Database(join(dataDir, 'player1.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
  expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-') || n === 'restore-journal.json')).toEqual([]);
  const state = dataState(dataDir);
  if (JSON.stringify(state) === JSON.stringify(oldState)) return 'old';
  expect(state).toEqual(newState);
  return 'new';
}

describe('kill -9 during a restore', () => {
  it('leaves the old data or the new, whole, after every rename of the swap', async () => {
    const full = makeTempDir('p1-restore-kill-full-');
    cpSync(template, full, { recursive: true });
    const done = await runChild(full, null);
    const m = /DONE (\d+)/.exec(done.out);
    expect(m, done.out).not.toBeNull();
    const renames = Number(m![1]);
    expect(await afterRestart(full)).toBe('new');
    rmSync(full, { recursive: true, force: true });

    const outcomes: string[] = [];
    for (let k = 1; k <= renames; k++) {
      const dir = makeTempDir('p1-restore-kill-run-');
      cpSync(template, dir, { recursive: true });
      const r = await runChild(dir, k);
      expect(r.killed, r.out).toBe(true);
      outcomes.push(`${k}:${await afterRestart(dir)}`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`[restore kill -9] ${renames} renames; after a kill at each: ${outcomes.join(' ')}`);
    // Both outcomes occur: early kills roll back, late ones complete.
    expect(outcomes[0].endsWith('old')).toBe(true);
    expect(outcomes.at(-1)!.endsWith('new')).toBe(true);
  }, 170_000);
});
