/**
 * `npm run bench -- app [--players=5,25,50] [--p1-players=25] [--cli-players=25] [--minutes=90]
 *   [--runs=4] [--cli-runs=2] [--window-players=25] [--download-units=4] [--download-mibps=4]`
 * (an empty list skips that part: `--players= --p1-players= --cli-players=` runs the window alone)
 *
 * What a sports scientist waits for, side by side in one run:
 *  - the app (bench/app-side.process.ts: the core as Electron runs it, driven through its API):
 *    import (imports:scan + imports:commit, which decodes every file once into the decoded
 *    cache), then, in a fresh process, Process Report `runs` times: the first is a cold app's
 *    first Process Report (the pool starts), the others warm (the pool already used); then, in
 *    another fresh process, the first Process Report after the pool's warm-up (TaskPool.warmUp,
 *    which the app runs while idle: after it opens, after an import or a download), and in a third
 *    the same after the session page opened: its files read and checked, and the engine run on
 *    each thread on its largest units (the results thrown away), while the app is idle
 *    (jobs:prepare, TaskPool.prepare), as a user opens the session before clicking. Sessions
 *    from Player1 CSV and from P1 files. Worst event-loop delay of the core during each
 *    operation (perf_hooks.monitorEventLoopDelay), files parsed vs read from the cache, peak RSS
 *    of the process tree (sampled from /proc every 15 ms);
 *  - the cold command line on CSV: `node bin/player1.js process` (the README's fast path),
 *    `npx player1 process` (npm's start-up on top) and the pandas reference with 2 processes,
 *    alternating on the same data;
 *  - 5/25/50 players: seconds per player, to see it stays linear;
 *  - the window (bench/app-window.ts): the built renderer in Chromium against the core in its own
 *    process, through import, a download from demo units over ptys and Process Report: the
 *    window's longest task and the core's worst event-loop delay per phase, beside the 50 ms target.
 * Figures only, never assertions. The load average is printed at the start and the end: the
 * machine is shared, so compare the columns of one run, not runs of different days.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSampleSession } from '../src/main/core/sample/sample-session.ts';
import { DEFAULT_SAMPLE, scenarioPlayers, simulateUnit } from '../src/main/core/sample/scenario.ts';
import { encodeP1 } from '../src/main/core/formats/p1.writer.ts';
import { REPO_ROOT } from '../src/main/core/node-paths.ts';
import { measure, pandasAvailable, treeRssKb, type Measure } from './pipeline.bench.ts';
import type { AppSideArgs, AppSideResult } from './app-side.process.ts';
import { benchWindow } from './app-window.ts';
import { REHEARSAL_UNITS } from '../src/main/core/jobs/rehearsal.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const f = (x: number, d = 2) => x.toFixed(d);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

/** The same deterministic players as the CSV session, one P1 file per unit. */
function ensureP1Session(dir: string, players: number, minutes: number): void {
  const opts = { ...DEFAULT_SAMPLE, players, minutes };
  const stamp = JSON.stringify(opts);
  if (existsSync(join(dir, '.p1-options.json')) && readFileSync(join(dir, '.p1-options.json'), 'utf8') === stamp) return;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  scenarioPlayers(players).forEach((p, i) => {
    const u = simulateUnit(opts, i, p);
    writeFileSync(join(tmp, `${p.deviceId}.p1`), encodeP1({ unitId: p.deviceId, firmware: '2.1.0', startMs: opts.startMs, gnss: u.gnss, imu: u.imu, hr: u.hr }));
  });
  writeFileSync(join(tmp, '.p1-options.json'), stamp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

function treeBytes(dir: string): number {
  let n = 0;
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) if (d.isFile()) n += statSync(join(d.parentPath, d.name)).size;
  return n;
}

/** Runs one step of the app side in its own process; its JSON line, wall time and peak tree RSS. */
function appStep(args: AppSideArgs): Promise<{ r: AppSideResult | null; wallS: number; peakRssMb: number; err: string }> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(NODE, [join(REPO_ROOT, 'bench', 'app-side.process.ts'), JSON.stringify(args)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += String(b)));
    child.stderr.on('data', (b) => (err += String(b)));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    }, 15);
    child.on('close', () => {
      clearInterval(timer);
      const line = out.trim().split('\n').findLast((l) => l.startsWith('{'));
      done({ r: line ? (JSON.parse(line) as AppSideResult) : null, wallS: (performance.now() - t0) / 1000, peakRssMb: peak / 1024, err });
    });
  });
}

interface AppFigures {
  label: string;
  players: number;
  inputMb: number;
  importS: number;
  importLoopMs: number;
  importTaskCpuMs: number;
  processTaskCpuMs: number;
  coldS: number;
  warmS: number[];
  processLoopMs: number;
  decodes: string;
  peakRssMb: number;
  cacheMb: number;
}

async function benchApp(label: string, folder: string, players: number, minutes: number, runs: number): Promise<AppFigures | null> {
  const dataDir = mkdtempSync(join(tmpdir(), 'p1-appbench-'));
  try {
    const startMs = DEFAULT_SAMPLE.startMs;
    const imp = await appStep({ step: 'import', dataDir, folder, startMs, endMs: startMs + minutes * 60_000 });
    if (!imp.r) {
      console.log(`  ${label}: import failed: ${imp.err.slice(0, 1500)}`);
      return null;
    }
    const proc = await appStep({ step: 'process', dataDir, runs });
    if (!proc.r) {
      console.log(`  ${label}: Process Report failed: ${proc.err.slice(0, 1500)}`);
      return null;
    }
    // The app warms its pool up while idle (after it opens, after an import): a new process whose
    // pool warms up first, then its first Process Report.
    const warmed = await appStep({ step: 'process', dataDir, runs: 1, warmFirst: true });
    // ...and then the session page opened: its files checked while idle (jobs:prepare), then Process Report.
    const prepared = await appStep({ step: 'process', dataDir, runs: 1, warmFirst: true, prepareFirst: true });
    const [cold, ...warm] = proc.r.seconds;
    const fig: AppFigures = {
      label,
      players,
      inputMb: treeBytes(folder) / 1e6,
      importS: imp.r.seconds[0],
      importLoopMs: imp.r.worstLoopMs[0],
      importTaskCpuMs: imp.r.worstTaskCpuMs[0],
      processTaskCpuMs: Math.max(...proc.r.worstTaskCpuMs),
      coldS: cold,
      warmS: warm,
      processLoopMs: Math.max(...proc.r.worstLoopMs),
      decodes: proc.r.decodes.map((d) => `${d.parsed}/${d.cached}`).join(' '),
      peakRssMb: Math.max(imp.peakRssMb, proc.peakRssMb),
      cacheMb: proc.r.cacheBytes / 1e6,
    };
    console.log(
      `  ${label}, ${players} players (${f(fig.inputMb, 0)} MB): import ${f(fig.importS)} s (worst loop delay ${f(fig.importLoopMs, 0)} ms wall, longest main-thread task ${f(fig.importTaskCpuMs, 0)} ms CPU); ` +
        `Process Report cold ${f(cold)} s, ${warmedText(warmed.r)}${preparedText(prepared.r)}warm ${warm.map((x) => f(x)).join(' / ')} s (worst loop delay ${f(fig.processLoopMs, 0)} ms wall, longest main-thread task ${f(fig.processTaskCpuMs, 0)} ms CPU; ` +
        `files parsed/cached per run ${fig.decodes}; CPU per run, all threads ${proc.r.cpuS.map((x) => f(x)).join(' / ')} s, of it the main thread ${proc.r.mainCpuS.map((x) => f(x)).join(' / ')} s); peak RSS ${f(fig.peakRssMb, 0)} MB (import ${f(imp.peakRssMb, 0)}, processing ${f(proc.peakRssMb, 0)}); cache ${f(fig.cacheMb, 0)} MB`,
    );
    return fig;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** "cold after the pool's warm-up 0.95 s (the warm-up 1.2 s, 1.4 s of CPU, while the app is idle), " */
function warmedText(r: AppSideResult | null): string {
  if (!r?.warmUp) return '';
  return `cold after the pool's warm-up ${f(r.seconds[0])} s (the warm-up ${f(r.warmUp.s)} s, ${f(r.warmUp.cpuS)} s of CPU, ${r.warmUp.threads} threads, while the app is idle), `;
}

/** "after the warm-up and the session page opened 0.60 s (its 50 files checked in 0.12 s, 0.2 s of CPU, while the app is idle), " */
function preparedText(r: AppSideResult | null): string {
  if (!r?.prepare) return '';
  const p = r.prepare;
  return `after the warm-up and the session page opened ${f(r.seconds[0])} s (its ${p.files} files read and checked, and the engine run on its largest units ${p.rehearsed} times (up to ${REHEARSAL_UNITS} a thread) and the report rendered from them, in ${f(p.s)} s, ${f(p.cpuS)} s of CPU${p.parsed > 0 ? `, ${p.parsed} decoded` : ''}, while the app is idle), `;
}

async function benchCli(dir: string, runs: number): Promise<void> {
  const sharedBench = process.env.P1_SHARED_BENCH ? resolve(process.env.P1_SHARED_BENCH) : resolve(REPO_ROOT, '..', 'shared', 'bench');
  const refScript = join(sharedBench, 'ref_pandas.py');
  const noPandas = existsSync(refScript) ? pandasAvailable() : `${refScript} not found (set P1_SHARED_BENCH)`;
  if (noPandas) console.log(`  pandas: ${noPandas}`);
  const rows: { direct: Measure; npx: Measure; ref: Measure | null }[] = [];
  for (let r = 0; r < runs; r++) {
    const tmp = mkdtempSync(join(tmpdir(), 'p1-clibench-'));
    const args = ['process', dir, '--out', join(tmp, 'report.html'), '--json', join(tmp, 'm.json')];
    const direct = await measure(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), ...args], REPO_ROOT);
    const npx = await measure('npx', ['player1', ...args], REPO_ROOT);
    const ref = noPandas ? null : await measure('/usr/bin/python3', [refScript, '--data', dir, '--mode', 'multi', '--workers', '2', '--out', join(tmp, 'ref.csv')], REPO_ROOT);
    for (const [name, m] of [['direct', direct], ['npx', npx], ['pandas', ref]] as const) if (m && m.code !== 0) console.log(`  ${name} failed (${m.code}): ${m.stderr.slice(0, 800)}`);
    rows.push({ direct, npx, ref });
    console.log(
      `  run ${r + 1}: bin/player1.js ${f(direct.wallS)} s (peak RSS ${f(direct.peakRssMb, 0)} MB); npx player1 ${f(npx.wallS)} s (+${f(npx.wallS - direct.wallS)} s of npm)` +
        (ref ? `; pandas ${f(ref.wallS)} s (peak RSS ${f(ref.peakRssMb, 0)} MB); bin/player1.js vs pandas ${f(ref.wallS / direct.wallS, 1)}x, npx vs pandas ${f(ref.wallS / npx.wallS, 1)}x` : ''),
    );
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, def: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
  const sizes = opt('players', '5,25,50').split(',').filter(Boolean).map(Number);
  const p1Sizes = opt('p1-players', '25').split(',').filter(Boolean).map(Number);
  const cliSizes = opt('cli-players', '25').split(',').filter(Boolean).map(Number);
  const minutes = Number(opt('minutes', '90'));
  const runs = Number(opt('runs', '4'));
  const cliRuns = Number(opt('cli-runs', '2'));
  console.log(`load average at start (1/5/15 min): ${load()}; ${minutes}-minute sessions, 10 Hz GNSS + 100 Hz IMU`);
  if (!existsSync(join(REPO_ROOT, 'out', 'main', 'cli.js'))) console.log('(not built: run `npm run build` first for the bundled CLI and worker)');

  const figures: AppFigures[] = [];
  console.log('\napp (core as Electron runs it; Process Report = jobs:start to report written; cold = first in a new process):');
  for (const players of sizes) {
    const dir = join(REPO_ROOT, '.cache', 'bench', `p${players}-m${minutes}`);
    ensureSampleSession(dir, { players, minutes });
    const fig = await benchApp('CSV', dir, players, minutes, runs);
    if (fig) figures.push(fig);
  }
  for (const players of p1Sizes) {
    const dir = join(REPO_ROOT, '.cache', 'bench', `p${players}-m${minutes}-p1`);
    ensureP1Session(dir, players, minutes);
    const fig = await benchApp('P1', dir, players, minutes, runs);
    if (fig) figures.push(fig);
  }

  for (const players of cliSizes) {
    const dir = join(REPO_ROOT, '.cache', 'bench', `p${players}-m${minutes}`);
    ensureSampleSession(dir, { players, minutes });
    for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) for (const x of readdirSync(join(dir, d.name))) readFileSync(join(dir, d.name, x));
    console.log(`\ncold command line, ${players} players x ${minutes} min of CSV read in place (alternating):`);
    await benchCli(dir, cliRuns);
  }

  const csv = figures.filter((x) => x.label === 'CSV');
  if (csv.length > 1) {
    console.log('\nscaling (app, CSV; warm Process Report, best run):');
    for (const x of csv) {
      const best = Math.min(...x.warmS);
      console.log(`  ${String(x.players).padStart(3)} players: warm ${f(best)} s (${f((1000 * best) / x.players, 0)} ms/player), cold ${f(x.coldS)} s, import ${f(x.importS)} s (${f((1000 * x.importS) / x.players, 0)} ms/player), peak RSS ${f(x.peakRssMb, 0)} MB`);
    }
  }
  const windowSizes = opt('window-players', '25').split(',').filter(Boolean).map(Number);
  const units = Number(opt('download-units', '4'));
  const mibps = Number(opt('download-mibps', '4'));
  for (const players of windowSizes) {
    const dir = join(REPO_ROOT, '.cache', 'bench', `p${players}-m${minutes}`);
    ensureSampleSession(dir, { players, minutes });
    console.log(`\nthe window (built renderer in Chromium, core in its own process), ${players} players x ${minutes} min; download: ${units} demo units at ${mibps} MiB/s; target: no task over 50 ms:`);
    const w = await benchWindow(dir, players, DEFAULT_SAMPLE.startMs, minutes, units, mibps * 1024 * 1024).catch((e: unknown) => `failed: ${e instanceof Error ? e.message : String(e)}`);
    if (typeof w === 'string') {
      console.log(`  skipped: ${w}`);
      continue;
    }
    for (const p of w.phases) {
      const mark = (ms: number) => (ms <= 50 ? 'ok' : 'over');
      console.log(
        `  ${p.phase.padEnd(11)} ${f(p.seconds, 1).padStart(5)} s: window's longest task ${f(p.longTaskMs, 0)} ms (${p.longTasks} over 50 ms) [${mark(p.longTaskMs)}]; ` +
          `core: worst event-loop delay ${f(p.core.worstLoopMs, 0)} ms wall [${mark(p.core.worstLoopMs)}], longest main-thread task ${f(p.core.worstTaskCpuMs, 0)} ms CPU [${mark(p.core.worstTaskCpuMs)}]; ` +
          `peak RSS: core with its pool ${f(p.peakCoreProcessMb, 0)} MB${p.peakCoreChildrenMb > 0 ? ` + ${f(p.peakCoreChildrenMb, 0)} MB of processes it started (the demo units' socat)` : ''}`,
      );
    }
    console.log(`  peak RSS: core with its pool ${f(w.peakCoreRssMb, 0)} MB, Chromium (all its processes) ${f(w.peakBrowserRssMb, 0)} MB, together ${f(w.peakTotalRssMb, 0)} MB (target for the app's tree: < 500 MB)`);
    const bm = w.browserMemory;
    console.log(
      bm
        ? `  Chromium at its peak, without double counting: PSS ${f(bm.pssMb, 0)} MB summed over its ${bm.processes} processes (shared pages divided among their sharers), USS ${f(bm.ussMb, 0)} MB (pages private to each)`
        : '  Chromium PSS/USS: /proc/<pid>/smaps_rollup could not be read',
    );
  }
  console.log(`\nload average at the end: ${load()}`);
}
