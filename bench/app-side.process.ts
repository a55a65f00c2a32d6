/**
 * The app's side of the app bench, in its own process (so the bench can sample the process
 * tree's memory and a cold start is really cold): the core as the Electron main process runs it
 * (createCore, the bundled pool worker when built, the real SQLite file and raw store), driven
 * through its API as the window drives it. Two steps, each in a fresh process:
 *  - 'import': a new data dir; create a session, imports:scan + imports:commit of a folder;
 *  - 'process': the same data dir; Process Report `runs` times (jobs:start until the session is
 *    COMPLETED and its report written): the first in a cold process, the rest warm.
 * Every operation runs under perf_hooks.monitorEventLoopDelay: the worst delay is the longest
 * the core's event loop was blocked (the window's requests wait that long). Prints one JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readdirSync, statSync } from 'node:fs';
import { TaskPool } from '../src/main/core/jobs/task-pool.ts';
import type { PlayerTaskInput, PlayerTaskResult, TaskStage } from '../src/main/core/jobs/player-task.ts';
import { join } from 'node:path';
import { createCore } from '../src/main/core/app.ts';
import { NODE_WORKER_PATH, REPO_ROOT, REPORT_VIEWER_PATH } from '../src/main/core/node-paths.ts';
import { threadTimes } from '../src/main/core/util/trace.ts';
import { REHEARSAL_UNITS } from '../src/main/core/jobs/rehearsal.ts';
import { findBuiltWorker } from '../src/main/core/built-worker.ts';
import type { DataFile } from '../src/shared/domain/session.ts';

export interface AppSideArgs {
  step: 'import' | 'process';
  dataDir: string;
  folder?: string;
  startMs?: number;
  endMs?: number;
  runs?: number;
  /** 'process': the pool warms its threads up first, as the app does while idle (TaskPool.warmUp). */
  warmFirst?: boolean;
  /** 'process', after warmFirst: the session page opened, its files checked and the engine rehearsed on its largest units while idle, as jobs:prepare has the pool do (TaskPool.prepare). */
  prepareFirst?: boolean;
}

export interface AppSideResult {
  step: string;
  /** Seconds of each operation (the import; or each Process Report). */
  seconds: number[];
  /** The worst event-loop delay during each, ms (wall). */
  worstLoopMs: number[];
  /** The most CPU the main thread spent without returning to its event loop, during each, ms. */
  worstTaskCpuMs: number[];
  /** CPU seconds of the whole process (main thread and pool threads, user + system), during each. */
  cpuS: number[];
  /** CPU seconds of the main thread alone, during each. */
  mainCpuS: number[];
  /** Files parsed and read from the decoded cache, per Process Report. */
  decodes: { parsed: number; cached: number }[];
  sessionId: string;
  /** With warmFirst: the warm-up's wall and CPU seconds (all threads), before the first Process Report. */
  warmUp?: { s: number; cpuS: number; threads: number };
  /** With prepareFirst: the preparation's wall and CPU seconds, the files it read (and decoded), and how many runs of the engine on the session's largest units rehearsed it. */
  prepare?: { s: number; cpuS: number; files: number; parsed: number; rehearsed: number };
  worker: string;
  cacheBytes: number;
}

const a = JSON.parse(process.argv[2]) as AppSideArgs;

/** The bundled worker chunk the app ships (npm run build), else the sources. */
function workerPath(): string {
  const dir = join(REPO_ROOT, 'out', 'main', 'chunks');
  const f = findBuiltWorker(dir);
  return f ? join(dir, f) : NODE_WORKER_PATH;
}

function dirBytes(dir: string): number {
  let n = 0;
  try {
    for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) if (d.isFile()) n += statSync(join(d.parentPath, d.name)).size;
  } catch {
    return n;
  }
  return n;
}

/** The app's pool, noting how each processing task had its files (parsed, or from the decoded cache). */
class CountingPool extends TaskPool {
  decodes = { parsed: 0, cached: 0 };
  override async run(input: PlayerTaskInput, onProgress: (stage: TaskStage, fraction: number) => void): Promise<PlayerTaskResult> {
    const r = await super.run(input, onProgress);
    if (r.ok) {
      this.decodes.parsed += r.decodes.parsed;
      this.decodes.cached += r.decodes.cached;
    }
    return r;
  }
}

const worker = workerPath();
const pool = new CountingPool(worker);
const core = createCore({ dataDir: a.dataDir, workerPath: worker, reportViewerPath: REPORT_VIEWER_PATH, host: { kind: 'electron' }, taskRunner: pool, scanRunner: pool });

async function call<T>(method: string, input?: unknown): Promise<T> {
  const r = await core.dispatch(method as never, input as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/**
 * The longest the main thread kept its event loop, two ways: the worst delay of
 * monitorEventLoopDelay (wall time: on a loaded machine it includes time the thread waited for a
 * core), and the most CPU the thread used between two ticks of a 2 ms timer (its own work in one
 * go, from /proc/thread-self/schedstat: what blocks, whatever the load).
 */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; s: number; worstMs: number; worstCpuMs: number; cpuS: number; mainCpuS: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let last = threadTimes().cpu;
  const main0 = last;
  const cpu0 = process.cpuUsage();
  let worstCpu = 0;
  const tick = setInterval(() => {
    const now = threadTimes().cpu;
    worstCpu = Math.max(worstCpu, now - last);
    last = now;
  }, 2);
  const t0 = performance.now();
  const value = await fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(tick);
  h.disable();
  const main = threadTimes().cpu;
  return { value, s, worstMs: h.max / 1e6, worstCpuMs: Math.max(worstCpu, main - last), cpuS: (cpu.user + cpu.system) / 1e6, mainCpuS: (main - main0) / 1000 };
}

const out: AppSideResult = { step: a.step, seconds: [], worstLoopMs: [], worstTaskCpuMs: [], cpuS: [], mainCpuS: [], decodes: [], sessionId: '', worker, cacheBytes: 0 };
try {
  if (a.step === 'import') {
    const r = await timed(async () => {
      const s = await call<{ id: string }>('sessions:create', { name: 'bench', startMs: a.startMs, endMs: a.endMs });
      const scan = await call<{ scanId: string; files: { fileId: string; unitId: string | null }[] }>('imports:scan', { sessionId: s.id, paths: [a.folder] });
      await call('imports:commit', {
        sessionId: s.id,
        scanId: scan.scanId,
        files: scan.files.map((f) => ({ fileId: f.fileId, deviceId: f.unitId!, player: { newPlayer: { name: `Player ${f.unitId}` } } })),
      });
      return s.id;
    });
    out.sessionId = r.value;
    out.seconds.push(r.s);
    out.worstLoopMs.push(r.worstMs);
    out.worstTaskCpuMs.push(r.worstCpuMs);
      out.cpuS.push(r.cpuS);
      out.mainCpuS.push(r.mainCpuS);
  } else {
    const sessionId = (await call<{ id: string }[]>('sessions:list'))[0].id;
    out.sessionId = sessionId;
    if (a.warmFirst) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const threads = await pool.warmUp();
      const cpu = process.cpuUsage(cpu0);
      out.warmUp = { s: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6, threads };
    }
    if (a.prepareFirst) {
      // What jobs:prepare has the pool do when the session page opens (core/app.ts prepareProcessing), awaited here.
      const files = (await call<{ participants: { files: DataFile[] }[] }>('sessions:get', { id: sessionId })).participants.flatMap((p) => p.files);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const counts = await pool.prepare(files, join(a.dataDir, 'decoded'), () => true, core.jobs.rehearsal(sessionId, REHEARSAL_UNITS));
      const cpu = process.cpuUsage(cpu0);
      out.prepare = { s: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6, files: files.length, parsed: counts.parsed, rehearsed: counts.rehearsed };
    }
    for (let i = 0; i < (a.runs ?? 3); i++) {
      pool.decodes = { parsed: 0, cached: 0 };
      const r = await timed(async () => {
        const done = new Promise<string>((resolve) => {
          const off = core.events.on('sessions:changed', (e) => {
            if (e.sessionId === sessionId && (e.status === 'COMPLETED' || e.status === 'FAILED')) {
              off();
              resolve(e.status);
            }
          });
        });
        await call('jobs:start', { sessionId });
        return done;
      });
      if (r.value !== 'COMPLETED') throw new Error(`Process Report ended ${r.value}`);
      out.seconds.push(r.s);
      out.worstLoopMs.push(r.worstMs);
      out.worstTaskCpuMs.push(r.worstCpuMs);
      out.cpuS.push(r.cpuS);
      out.mainCpuS.push(r.mainCpuS);
      out.decodes.push(pool.decodes);
    }
  }
  out.cacheBytes = dirBytes(join(a.dataDir, 'decoded'));
  console.log(JSON.stringify(out));
} finally {
  await core.close();
}
