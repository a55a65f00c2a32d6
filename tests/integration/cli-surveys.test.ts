/** `player1 process ... --surveys answers.csv`: answers reach the metrics JSON as players[].feedback. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const cli = (...args: string[]) =>
  spawnSync(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT, env: { ...process.env, TZ: 'UTC' } });

interface Feedback {
  rpe: number | null;
  srpe_au: number | null;
  duration_min: number | null;
  duration_source: string | null;
  stated_load_au: number | null;
  early: boolean;
  wellness: { scale: { id: string; version: number }; items: Record<string, number | null>; total: number | null } | null;
  flags: { kind: string; level: string; item: string | null; z: number | null; text: string }[];
}

describe('player1 process --surveys', () => {
  it('puts each player\'s RPE, sRPE, wellness and flags in the JSON; null, never 0, for what is absent', () => {
    const dir = makeTempDir();
    // The sample session is 2026-03-14. Alex has seven earlier days (sleep 3,3,4,3,4,3,4), then sleep 2 today.
    const sleeps = [3, 3, 4, 3, 4, 3, 4];
    const lines = ['Player,Date,RPE,Duration,SessionLoad,Fatigue,Sleep Quality,Soreness,Stress,Mood'];
    sleeps.forEach((s, i) => lines.push(`Alex Okafor,2026-03-${String(7 + i).padStart(2, '0')},5,60,300,3,${s},3,3,3`));
    lines.push('Alex Okafor,2026-03-14,7,90,630,3,2,3,3,3');
    lines.push('Sam Mensah,2026-03-14,6,90,600,4,4,4,4,4'); // stated 600 ≠ 6 × 90 = 540
    lines.push('Jordan Silva,2026-03-14,4,,,NA,NA,NA,NA,NA'); // no duration: the session window
    lines.push('Nobody Known,2026-03-14,5,60,300,3,3,3,3,3');
    writeFileSync(join(dir, 'answers.csv'), `${lines.join('\n')}\n`);
    const r = cli('process', SAMPLE_DIR, '--out', join(dir, 'r.html'), '--json', join(dir, 'm.json'), '--surveys', join(dir, 'answers.csv'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('answers.csv line 10 (Sam Mensah): stated load 600 AU ≠ RPE 6 × 90 min = 540 AU');
    expect(r.stderr).toContain('no player of this session is called "Nobody Known" (1 row)');
    const json = JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')) as { players: { player_name: string; feedback: Feedback | null }[] };
    const fb = (n: string) => json.players.find((p) => p.player_name === n)!.feedback!;
    const alex = fb('Alex Okafor');
    expect(alex).toMatchObject({ rpe: 7, srpe_au: 630, duration_min: 90, duration_source: 'answer', stated_load_au: 630, early: false });
    expect(alex.wellness).toEqual({
      scale: { id: 'mclean-wellness', version: 1, name: 'Wellness (McLean, 5 items, 1–5)' },
      items: { fatigue: 3, sleep: 2, soreness: 3, stress: 3, mood: 3 },
      total: 14,
    });
    const sleepFlag = alex.flags.find((f) => f.item === 'sleep')!;
    expect(sleepFlag.level).toBe('red');
    expect(sleepFlag.z!).toBeCloseTo(-2.6726, 4);
    expect(sleepFlag.text).toBe('Sleep 2 — 2.7 SD below their last 28 days (3.4)');
    expect(fb('Sam Mensah').flags.map((f) => f.text)).toContain('Stated load 600 AU ≠ RPE 6 × 90 min = 540 AU');
    const jordan = fb('Jordan Silva');
    expect(jordan.rpe).toBe(4);
    expect(jordan.duration_source).toBe('session');
    expect(jordan.srpe_au).toBeCloseTo(4 * jordan.duration_min!, 9);
    expect(jordan.wellness).toBeNull();
    expect(jordan.flags.map((f) => f.text)).toContain('Missing wellness');
    const casey = fb('Casey Tanaka');
    expect(casey).toMatchObject({ rpe: null, srpe_au: null, duration_min: null, wellness: null });
    expect(casey.flags.map((f) => f.text)).toEqual(['Missing RPE', 'Missing wellness']);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Player Feedback');
  });

  it('a surveys file that is not there is a usage error naming it', () => {
    const dir = makeTempDir();
    const r = cli('process', SAMPLE_DIR, '--out', join(dir, 'r.html'), '--surveys', join(dir, 'nope.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cannot read the surveys file ${join(dir, 'nope.csv')}: it does not exist`);
  });
});
