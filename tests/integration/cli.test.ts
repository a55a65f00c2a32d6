/** `player1 process` as a real process: same core, no UI, exit codes that scripts can trust. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_DEVICE_IDS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { naiveCsv, naivePlayerLoad } from '../support/naive.ts';
import Database from 'better-sqlite3';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
// npm test builds first, so these run the bundled CLI (out/main/cli.js); one case forces the sources.
const cli = (...args: string[]) => spawnSync(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT });
const cliFromSource = (...args: string[]) =>
  spawnSync(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT, env: { ...process.env, P1_CLI_FROM_SOURCE: '1' } });

describe('player1 process', () => {
  it('writes the report and the metrics JSON in the documented shape', () => {
    const out = makeTempDir();
    const r = cli('process', SAMPLE_DIR, '--out', join(out, 'report.html'), '--json', join(out, 'm.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(join(out, 'report.html'));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);

    const json = JSON.parse(readFileSync(join(out, 'm.json'), 'utf8')) as {
      players: { device_id: string; player_name: string; position: string; metrics: Record<string, number | null> }[];
      team: { mean: Record<string, number | null>; total: Record<string, number | null> };
    };
    expect(json.players.map((p) => p.device_id).sort()).toEqual(SAMPLE_DEVICE_IDS);
    const meta = readFileSync(join(SAMPLE_DIR, 'meta.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    let sum = 0;
    for (const p of json.players) {
      const [, name, pos] = meta.find((m) => m[0] === p.device_id)!;
      expect(p.player_name).toBe(name);
      expect(p.position).toBe(pos);
      expect(Object.keys(p.metrics)).toEqual(expect.arrayContaining(['duration_s', 'distance_m', 'max_speed_ms', 'hsr_distance_m', 'player_load']));
      expect(p.metrics.player_load).toBeCloseTo(naivePlayerLoad(naiveCsv(join(SAMPLE_DIR, p.device_id, 'imu.csv'))), 8);
      sum += p.metrics.distance_m!;
      expect(html).toContain(p.player_name);
    }
    expect(json.team.total.distance_m).toBeCloseTo(sum, 6);
    expect(json.team.mean.distance_m).toBeCloseTo(sum / 5, 6);
  });

  it('adds per-period metrics as players[].periods, keeping the rest of the shape', () => {
    const out = makeTempDir();
    const r = cli(
      'process', SAMPLE_DIR, '--out', join(out, 'report.html'), '--json', join(out, 'm.json'),
      '--period', 'First half=2026-03-14T10:00:00Z/2026-03-14T10:05:00Z',
      '--period', 'Second half=2026-03-14T11:05:00+01:00/2026-03-14T10:10:00Z',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'm.json'), 'utf8')) as {
      schema_version: number;
      players: {
        device_id: string;
        metrics: Record<string, number | null>;
        moments: Record<string, { start_ms: number; end_ms: number }>;
        periods: { name: string; start_ms: number; end_ms: number; coverage: number; metrics: Record<string, number | null>; moments: Record<string, { start_ms: number; end_ms: number }> }[];
        efforts: { sprints: { start_ms: number; distance_m: number }[]; accelerations: { threshold_ms2: number; efforts: { start_ms: number }[] }[] };
      }[];
      team: { players: number; mean: Record<string, number | null>; total: Record<string, number | null> };
    };
    expect(json.schema_version).toBe(1);
    expect(Object.keys(json)).toEqual(['schema_version', 'algorithm_version', 'players', 'team']);
    expect(json.team.players).toBe(5);
    for (const p of json.players) {
      expect(Object.keys(p)).toEqual(['device_id', 'player_name', 'position', 'metrics', 'moments', 'periods', 'efforts', 'feedback', 'sources']);
      expect((p as { feedback?: unknown }).feedback).toBeNull(); // no --surveys: null, never a made-up answer
      // One unit a player (the sample's pods: GNSS, accelerometer and heart rate): everything from it.
      const only = { device_id: p.device_id, how: 'automatic', why: 'the only unit' };
      expect((p as { sources?: unknown }).sources).toEqual({ gnss: only, imu: only, hr: only });
      // When the maxima and peaks happened: the half that holds the session's top speed (or its
      // peak 1-min window) has that same top speed (peak), at the same moment.
      for (const k of ['max_speed_ms', 'peak_distance_w1_m']) {
        const m = p.moments[k];
        const half = p.periods.find((x) => m.start_ms >= x.start_ms && m.end_ms < x.end_ms);
        if (k === 'max_speed_ms') expect(half, `${p.device_id}: every sample is in a half`).toBeDefined();
        if (!half) continue; // a peak window across the halves' boundary belongs to neither
        expect(half.metrics[k], `${p.device_id} ${k}`).toBe(p.metrics[k]);
        expect(half.moments[k], `${p.device_id} ${k}`).toEqual(m);
      }
      for (const x of p.periods) {
        expect(x.moments.max_speed_ms.start_ms).toBeGreaterThanOrEqual(x.start_ms);
        expect(x.moments.max_speed_ms.start_ms).toBeLessThan(x.end_ms);
      }
      // The efforts behind the counts: as many as counted, and split by start time as the periods count them.
      expect(p.efforts.sprints).toHaveLength(p.metrics.sprint_efforts!);
      const acc = p.efforts.accelerations[0];
      expect(acc.threshold_ms2).toBe(2);
      expect(acc.efforts).toHaveLength(p.metrics.accel_efforts_1!);
      expect(acc.efforts.filter((e) => e.start_ms < p.periods[0].end_ms)).toHaveLength(p.periods[0].metrics.accel_efforts_1!);
      expect(p.periods.map((x) => [x.name, x.start_ms, x.end_ms])).toEqual([
        ['First half', Date.UTC(2026, 2, 14, 10, 0), Date.UTC(2026, 2, 14, 10, 5)],
        ['Second half', Date.UTC(2026, 2, 14, 10, 5), Date.UTC(2026, 2, 14, 10, 10)],
      ]);
      // The halves cover the whole recording: period-additive metrics add up to the session's.
      for (const k of ['distance_m', 'duration_s', 'hsr_distance_m', 'sprint_efforts', 'player_load']) {
        const [a, b] = p.periods.map((x) => x.metrics[k]!);
        expect(a + b, `${p.device_id} ${k}`).toBeCloseTo(p.metrics[k]!, 6);
      }
      expect(p.periods[0].metrics.distance_m!).toBeGreaterThan(0);
      expect(p.periods[0].coverage).toBeGreaterThan(0.5);
    }
  });

  it("warns when a --data-dir's stored settings have groups this version cannot read, and runs on their defaults", () => {
    const data = makeTempDir();
    const out = makeTempDir();
    expect(cli('process', SAMPLE_DIR, '--data-dir', data, '--out', join(out, 'a.html')).stderr).toBe('');
    // The team's settings as another version might store them: heart-rate zones this version refuses.
    const db = new Database(join(data, 'player1.sqlite'));
    db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('engine', ?, 1)`).run(JSON.stringify({ quality: { maxHdop: 1.5 }, hr: { zonesPct: [50, 70, 60, 80, 90] } }));
    db.close();
    const r = cli('process', SAMPLE_DIR, '--data-dir', data, '--out', join(out, 'b.html'));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: the stored settings group\(s\) hr could not be read: they take their defaults in this run/);
  });

  it('exits 2 on a period without a zone', () => {
    const r = cli('process', SAMPLE_DIR, '--out', join(makeTempDir(), 'r.html'), '--period', 'A=2026-03-14T10:00/2026-03-14T10:05');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not an ISO 8601 instant with a zone/);
  });

  it('exits 1 naming the failing unit, file and line; writes no report', () => {
    const bad = makeTempDir();
    cpSync(SAMPLE_DIR, bad, { recursive: true });
    const p = join(bad, 'P1-1002', 'gps.csv');
    const lines = readFileSync(p, 'utf8').split('\n');
    lines[11] = lines[11].split(',').slice(0, 4).join(',');
    writeFileSync(p, lines.join('\n'));
    const out = join(makeTempDir(), 'report.html');
    for (const run of [cli, cliFromSource]) {
      const r = run('process', bad, '--out', out);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/unit P1-1002 \(.+\): P1-1002\/gps\.csv line 12: expected 7 fields, found 4/);
    }
    const r = cli('process', bad, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unit P1-1002 \(.+\): P1-1002\/gps\.csv line 12: expected 7 fields, found 4/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 with usage on bad arguments, 1 on a folder that is not a session', () => {
    const r = cli('process', SAMPLE_DIR);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out <report.html> is required/);
    const r2 = cli('process', SAMPLE_DIR, '--out', 'x.html', '--bogus');
    expect(r2.status).toBe(2);
    const r3 = cli('process', makeTempDir(), '--out', join(makeTempDir(), 'r.html'));
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(/no data file in .+: a Player1 session folder has a meta\.csv \(or player1data_session_metadata\.csv\); other folders are searched/);
    const r4 = cli('frobnicate');
    expect(r4.status).toBe(2);
    expect(r4.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it("accepts the seed's player1data_session_metadata.csv name", () => {
    const dir = makeTempDir();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    cpSync(join(dir, 'meta.csv'), join(dir, 'player1data_session_metadata.csv'));
    rmSync(join(dir, 'meta.csv'));
    const r = cli('process', dir, '--out', join(makeTempDir(), 'r.html'), '--json', join(dir, 'm.json'));
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')).players).toHaveLength(5);
  });
});
