/**
 * `npm run bench -- pipeline [--players=5,25,50] [--minutes=90] [--runs=1]`
 *
 * Files to report, as a whole process, side by side with the pandas reference on the same data:
 *   ours:   node bin/player1.js process <folder> --out <tmp>/report.html --json <tmp>/m.json
 *   pandas: /usr/bin/python3 ../shared/bench/ref_pandas.py --data <folder> --mode multi --workers 2
 * Prints wall seconds, MB/s of input CSV, peak RSS of the process tree (sampled from /proc), the
 * speed ratio, the 5/25/50-player scaling, and our team numbers beside pandas' where the
 * definitions agree. Sessions are generated deterministically into .cache/bench/ (gitignored).
 * Figures, never assertions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSampleSession } from '../src/main/core/sample/sample-session.ts';
import { REPO_ROOT } from '../src/main/core/node-paths.ts';

export interface Measure {
  wallS: number;
  peakRssMb: number;
  code: number | null;
  stderr: string;
  /** Epoch ms at spawn and at exit, on the clock of P1_TRACE lines. */
  startMs: number;
  endMs: number;
}

/** VmRSS of one process (`self`: this one), kB; 0 when it has ended. */
export function rssKb(pid: number | 'self'): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // ended meanwhile
  }
}

/** Sum of VmRSS over the process and all its descendants, from /proc. */
export function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function measure(cmd: string, argv: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Measure> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: env ?? process.env });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += String(b)));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    }, 15);
    child.on('close', (code) => {
      clearInterval(timer);
      const t1 = performance.now();
      done({ wallS: (t1 - t0) / 1000, peakRssMb: peak / 1024, code, stderr, startMs: performance.timeOrigin + t0, endMs: performance.timeOrigin + t1 });
    });
  });
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) for (const f of readdirSync(join(dir, d.name))) n += statSync(join(dir, d.name, f)).size;
  }
  return n;
}

export function pandasAvailable(): string | null {
  if (!existsSync('/usr/bin/python3')) return '/usr/bin/python3 not found';
  const r = spawnSync('/usr/bin/python3', ['-c', 'import pandas, scipy'], { encoding: 'utf8' });
  return r.status === 0 ? null : `pandas/scipy not importable by /usr/bin/python3 (${r.stderr.trim().split('\n').pop()})`;
}

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const f = (x: number, d = 2) => x.toFixed(d);

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, def: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
  const sizes = opt('players', '5,25,50').split(',').map(Number);
  const minutes = Number(opt('minutes', '90'));
  const runs = Number(opt('runs', '1'));
  const sharedBench = process.env.P1_SHARED_BENCH ? resolve(process.env.P1_SHARED_BENCH) : resolve(REPO_ROOT, '..', 'shared', 'bench');
  const refScript = join(sharedBench, 'ref_pandas.py');
  const noPandas = existsSync(refScript) ? pandasAvailable() : `${refScript} not found (set P1_SHARED_BENCH)`;
  const cli = join(REPO_ROOT, 'bin', 'player1.js');
  const node = join(REPO_ROOT, 'node_modules', '.bin', 'node');
  console.log(`ours: bin/player1.js process; pandas: ${noPandas ?? refScript}`);

  const rows: { players: number; mb: number; ours: Measure; ref: Measure | null }[] = [];
  for (const players of sizes) {
    const t0 = performance.now();
    const dir = join(REPO_ROOT, '.cache', 'bench', `p${players}-m${minutes}`);
    ensureSampleSession(dir, { players, minutes });
    const mb = folderBytes(dir) / 1e6;
    console.log(`\n${players} players x ${minutes} min: ${f(mb, 0)} MB of CSV (ready in ${f((performance.now() - t0) / 1000, 1)} s)`);
    // Warm the page cache for both contenders alike.
    for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) for (const x of readdirSync(join(dir, d.name))) readFileSync(join(dir, d.name, x));
    for (let r = 0; r < runs; r++) {
      const tmp = mkdtempSync(join(tmpdir(), 'p1-bench-'));
      const argv = [cli, 'process', dir, '--out', join(tmp, 'report.html'), '--json', join(tmp, 'm.json')];
      // P1_TRACE=1: the CLI and its workers print stage timestamps (a few dozen lines; no measurable cost).
      const ours = await measure(node, argv, REPO_ROOT, { ...process.env, P1_TRACE: '1' });
      if (ours.code !== 0) console.log(`ours failed (${ours.code}): ${ours.stderr.slice(0, 2000)}`);
      let ref: Measure | null = null;
      if (!noPandas) {
        ref = await measure('/usr/bin/python3', [refScript, '--data', dir, '--mode', 'multi', '--workers', '2', '--out', join(tmp, 'ref.csv')], REPO_ROOT);
        if (ref.code !== 0) console.log(`pandas failed (${ref.code}): ${ref.stderr.slice(0, 2000)}`);
      }
      console.log(
        `  ours   ${f(ours.wallS)} s  ${f(mb / ours.wallS, 0)} MB/s  peak RSS ${f(ours.peakRssMb, 0)} MB` +
          (ref ? `\n  pandas ${f(ref.wallS)} s  ${f(mb / ref.wallS, 0)} MB/s  peak RSS ${f(ref.peakRssMb, 0)} MB\n  ratio  ${f(ref.wallS / ours.wallS, 1)}x faster` : ''),
      );
      if (r === 0 && ours.code === 0) breakdown(ours, players);
      if (ref && r === 0 && players === sizes[Math.min(1, sizes.length - 1)]) compare(join(tmp, 'm.json'), join(tmp, 'ref.csv'));
      if (r === 0) rows.push({ players, mb, ours, ref });
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (rows.length > 1) {
    console.log('\nscaling (wall s per player, relative to the smallest session):');
    const base = rows[0];
    for (const r of rows) {
      console.log(
        `  ${String(r.players).padStart(3)} players: ours ${f(r.ours.wallS)} s (${f(r.ours.wallS / r.players, 3)} s/player, x${f(r.ours.wallS / base.ours.wallS, 1)} for x${f(r.players / base.players, 0)} players)` +
          (r.ref ? `; pandas ${f(r.ref.wallS)} s; ratio ${f(r.ref.wallS / r.ours.wallS, 1)}x` : ''),
      );
    }
  }
}

/**
 * Where our run's time went, from the P1_TRACE lines of the CLI and its worker threads: wall
 * time of each phase, and per player the wall and CPU ms of each stage on its worker thread. The
 * CPU figures (from /proc/thread-self/schedstat) hold on a busy machine; "waited" is the time
 * our threads were ready to run but other processes had the cores.
 */
function breakdown(m: Measure, players: number): void {
  const marks = new Map<string, number>();
  const workers = new Map<string, number>();
  const last = new Map<string, { cpu: number; wait: number }>();
  const tasks: Record<string, number>[] = [];
  let saveMs = 0;
  for (const l of m.stderr.split('\n')) {
    const x = /^\[p1-trace\] ([\d.]+) (\d+) (\S+)(.*)$/.exec(l);
    if (!x) continue;
    const [, at, thread, label, rest] = x;
    const fields: Record<string, number> = {};
    for (const kv of rest.trim().split(' ').filter(Boolean)) {
      const [k, v] = kv.split('=');
      fields[k] = Number(v);
    }
    last.set(thread, { cpu: fields.cpu, wait: fields.wait });
    if (label === 'worker:loaded') workers.set(thread, Number(at));
    else if (label === 'task') tasks.push({ ...fields, end: Number(at), thread: Number(thread) });
    else if (label === 'result:saved') saveMs += fields.ms;
    else if (!marks.has(label)) marks.set(label, Number(at));
    if (label === 'cli:done') marks.set('process_cpu', fields.process_cpu);
  }
  if (tasks.length === 0 || !marks.has('cli:loaded')) return;
  const sec = (a: number, b: number) => `${((b - a) / 1000).toFixed(2)} s`;
  const avg = (k: string) => tasks.reduce((a, t) => a + (t[k] ?? 0), 0) / tasks.length;
  const firstTask = Math.min(...tasks.map((t) => t.start));
  const lastTask = Math.max(...tasks.map((t) => t.end));
  const threads = [...new Set(tasks.map((t) => String(t.thread)))];
  const stage = (label: string, k: string) => `${label} ${avg(k).toFixed(1)}/${avg(`${k}:cpu`).toFixed(1)}`;
  const main = last.get('0');
  const w = threads.map((t) => last.get(t)!);
  console.log(`  where our time went (${players} players, ${threads.length} worker threads; wall s, or per player wall/CPU ms):`);
  console.log(`    start-up to CLI loaded        ${sec(m.startMs, marks.get('cli:loaded')!)}`);
  console.log(`    core, folder scan, import     ${sec(marks.get('cli:loaded')!, marks.get('jobs:dispatch') ?? marks.get('cli:loaded')!)}`);
  console.log(`    workers loaded at             +${sec(m.startMs, Math.max(...workers.values()))}, first task at +${sec(m.startMs, firstTask)}`);
  console.log(`    tasks, first start to last    ${sec(firstTask, lastTask)}`);
  console.log(
    `    per player on its thread      ${stage('read', 'read')}, ${stage('GPS CSV', 'decode:player1-gps-csv')}, ${stage('IMU CSV', 'decode:player1-imu-csv')}, ${stage('engine', 'engine')}, ${stage('all', 'total')}`,
  );
  console.log(`    main thread per result        ${(saveMs / tasks.length).toFixed(1)} ms (SQLite write), ${(saveMs / 1000).toFixed(2)} s in all`);
  if (marks.has('report:start') && marks.has('report:written')) console.log(`    report model + HTML           ${sec(marks.get('report:start')!, marks.get('report:written')!)}`);
  if (marks.has('jobs:done') && marks.has('cli:done')) console.log(`    JSON out, pool and DB closed  ${sec(marks.get('jobs:done')!, marks.get('cli:done')!)}`);
  console.log(`    exit                          ${sec(marks.get('cli:done') ?? lastTask, m.endMs)}`);
  if (main && w.every(Boolean)) {
    const f = (x: number) => (x / 1000).toFixed(2);
    console.log(
      `    CPU s: main ${f(main.cpu)}, workers ${w.map((x) => f(x.cpu)).join(' + ')}, V8 helpers (compiler, GC) ${f((marks.get('process_cpu') ?? NaN) - main.cpu - w.reduce((a, x) => a + x.cpu, 0))}; ` +
        `waited for a core: main ${f(main.wait)}, workers ${w.map((x) => f(x.wait)).join(' + ')}`,
    );
  }
}

/** Our team means beside pandas' TEAM_MEAN where the definitions are the same. */
function compare(oursJson: string, refCsv: string): void {
  if (!existsSync(oursJson) || !existsSync(refCsv)) return;
  const ours = JSON.parse(readFileSync(oursJson, 'utf8')) as { team: { mean: Record<string, number | null> } };
  const { distance_measured_m: measured, distance_interpolated_m: interpolated } = ours.team.mean;
  ours.team.mean['distance_m, no estimate'] = measured == null || interpolated == null ? null : measured + interpolated;
  const ref = parseCsv(readFileSync(refCsv, 'utf8')).find((r) => r.device_id === 'TEAM_MEAN');
  if (!ref) return;
  const pairs: [string, string, string][] = [
    ['distance_m', 'total_distance_m', 'ours adds the distance estimated across gaps > 2 s and gated stretches (METRICS.md); the reference leaves it out'],
    ['distance_m, no estimate', 'total_distance_m', 'same definition (haversine on the gated, de-spiked, ≤ 2 s-interpolated track): our measured + interpolated'],
    ['player_load', 'player_load', 'same formula; ours stops at the session window (last GNSS fix)'],
    ['hr_mean_bpm', 'hr_mean', 'same (valid samples)'],
    ['hr_max_bpm', 'hr_max', 'same'],
    ['max_speed_ms', 'max_speed', 'smoothed Doppler: order 3 (floodlight) vs order 4 (reference)'],
    ['hsr_distance_m', 'hsr_distance_m', 'smoothing order 3 vs 4; ≥ 5.5 vs > 5.5 m/s'],
    ['sprint_efforts', 'sprint_count', 'STATSports rule (dips < 0.5 s bridged) vs runs ≥ 1 s; smoothing 3 vs 4'],
    ['accel_efforts_2', 'accel_count', '≥ 3 m/s² for ≥ 0.5 s; smoothing 3 vs 4'],
    ['decel_efforts_2', 'decel_count', '≤ −3 m/s² for ≥ 0.5 s; smoothing 3 vs 4'],
  ];
  console.log('  team mean, ours vs pandas:');
  for (const [k, rk, note] of pairs) {
    const a = ours.team.mean[k];
    const b = Number(ref[rk]);
    const diff = a == null ? NaN : (100 * (a - b)) / b;
    console.log(`    ${k.padEnd(23)} ${a == null ? '–' : a.toFixed(2).padStart(10)}  ${b.toFixed(2).padStart(10)}  (${Number.isFinite(diff) ? `${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %` : 'n/a'}; ${note})`);
  }
}
