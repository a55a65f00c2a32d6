/**
 * kill -9 of `player1 process … --data-dir DIR` part-way (a real process, killed at random moments
 * after it created its session), then the next start on DIR: the session the killed run left
 * PENDING and never processed is removed and said so (core.startup.abandonedCliSessions; a CLI
 * run that is the next to start prints it), the raw files only it referred to are listed as orphans (kept a day,
 * then swept); a session the run got further with is in a state the user can act on (FAILED
 * "interrupted", or COMPLETED); the database passes integrity_check; running the command again
 * works and leaves no mark behind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { SAMPLE_OPTIONS } from '../../support/sample.ts';
import { ensureSampleSession } from '../../../src/main/core/sample/sample-session.ts';

const SAMPLE = join(REPO_ROOT, '.cache', 'kill-sample');
const KILLS = Number(process.env.P1_KILL_RUNS ?? 3);

function cli(args: string[], killAfterMarkMs: number | null, marks: string): Promise<{ code: number | null; killed: boolean; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/player1.js', ...args], { cwd: REPO_ROOT, env: { ...process.env, P1_CLI_FROM_SOURCE: '1' } });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.resume();
    let killed = false;
    const poll = killAfterMarkMs === null ? null : setInterval(() => {
      if (existsSync(marks) && readdirSync(marks).some((n) => n.endsWith('.json'))) {
        clearInterval(poll!);
        setTimeout(() => {
          killed = child.exitCode === null && child.kill('SIGKILL');
        }, killAfterMarkMs);
      }
    }, 5);
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(watchdog);
      if (poll) clearInterval(poll);
      resolve({ code, killed, err });
    });
  });
}

describe('kill -9 of player1 process --data-dir', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it(`${KILLS} kills part-way: the unfinished session is removed and said so, the next run works`, { timeout: 120_000 + KILLS * 90_000 }, async () => {
    ensureSampleSession(SAMPLE, { ...SAMPLE_OPTIONS, players: 3, minutes: 4 });
    const tally = { runs: 0, removed: 0, kept: 0 };
    for (let i = 0; i < KILLS; i++) {
      const dir = makeTempDir('p1-cli-kill-');
      dirs.push(dir);
      const data = join(dir, 'data');
      const marks = join(data, 'cli-runs');
      const args = ['process', SAMPLE, '--out', join(dir, 'report.html'), '--data-dir', data, '--copy', '--name', `Killed ${i}`, '--threads', '2'];
      // The first kill right after the session is made (importing), the others later.
      const run = await cli(args, i === 0 ? 0 : Math.round(Math.random() * 1500), marks);
      tally.runs++;
      let t = startTestCore({ dataDir: data });
      try {
        expect(t.core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const left = await t.call('sessions:list');
        const abandoned = t.core.startup.abandonedCliSessions;
        if (run.killed) {
          // Either the unfinished session was removed, or it got far enough to be the user's.
          expect(abandoned.length + left.length, JSON.stringify({ abandoned, left })).toBe(1);
          if (abandoned.length) {
            tally.removed++;
            expect(abandoned[0].name).toBe(`Killed ${i}`);
            // What it had copied is referenced by nothing now: listed, kept a day, then swept.
            const orphans = await t.core.startup.orphans;
            const referenced = (t.core.ctx.db.prepare('SELECT count(*) AS n FROM raw_files').get() as { n: number }).n;
            const stored = existsSync(join(data, 'raw')) ? readdirSync(join(data, 'raw'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.parentPath.includes('.tmp')).length : 0;
            expect(orphans.kept.length + orphans.removed.length).toBe(stored - referenced);
          } else {
            tally.kept++;
            expect(['FAILED', 'COMPLETED']).toContain(left[0].processingStatus);
            if (left[0].processingStatus === 'FAILED') expect(left[0].error?.code).toBe('INTERRUPTED');
          }
        } else {
          expect(run.code).toBe(0);
          expect(left.map((s) => s.processingStatus)).toEqual(['COMPLETED']);
        }
        expect(existsSync(marks) ? readdirSync(marks) : []).toEqual([]);
      } finally {
        await t.close(true);
      }
      // The command again: exits 0, leaves no mark, and its session is complete.
      const again = await cli(args, null, marks);
      expect(again.code, again.err).toBe(0);
      expect(readdirSync(marks)).toEqual([]);
      t = startTestCore({ dataDir: data });
      try {
        const all = await t.call('sessions:list');
        expect(all.filter((s) => s.processingStatus === 'COMPLETED').length).toBeGreaterThanOrEqual(1);
        for (const s of all) expect(['COMPLETED', 'FAILED']).toContain(s.processingStatus);
      } finally {
        await t.close(true);
      }
    }
    console.log(`kill -9 of player1 process --data-dir: ${tally.runs} runs, ${tally.removed} unfinished sessions removed at the next start, ${tally.kept} got far enough to be kept`);
  });

  it('a run that fails on its own (no data file) leaves no mark: its session is not removed at the next start', { timeout: 120_000 }, async () => {
    const dir = makeTempDir('p1-cli-fail-');
    dirs.push(dir);
    const data = join(dir, 'data');
    const marks = join(data, 'cli-runs');
    const input = join(dir, 'notes');
    mkdirSync(input);
    writeFileSync(join(input, 'notes.txt'), 'not a data file\n');
    const run = await cli(['process', input, '--out', join(dir, 'report.html'), '--data-dir', data, '--name', 'Failed cleanly'], null, marks);
    expect(run.code, run.err).toBe(1);
    expect(run.err).toMatch(/no data file in/);
    expect(existsSync(marks) ? readdirSync(marks) : []).toEqual([]);
    const t = startTestCore({ dataDir: data });
    try {
      expect(t.core.startup.abandonedCliSessions).toEqual([]);
      expect((await t.call('sessions:list')).map((s) => s.name)).toEqual(['Failed cleanly']);
    } finally {
      await t.close(true);
    }
  });
});