/**
 * The core's side of the app bench's window run (bench/app-window.ts), in its own process: the
 * core behind the loopback bridge, as `npm run dev:web` and the browser e2e tests run it (the same
 * createCore as Electron, the real pool, SQLite file, raw store, and demo units over socat ptys),
 * so that Chromium and the bench driving it do not share the core's event loop.
 *
 * Commands on stdin, one per line; answers on stdout, one JSON line each:
 *  - `start <phase>`: measure the core's event loop from now (monitorEventLoopDelay, and the most
 *    CPU the main thread used between two ticks of a 2 ms timer);
 *  - `stop`: the worst delay and CPU since `start`;
 *  - `demo <units>`: plug in that many demo units whose recordings cover the download session's
 *    window, once each has said hello;
 *  - `download`: Download all into the download session, until every unit is done or failed;
 *  - `quit`.
 * The first line out is { url, importSession, downloadSession }.
 */
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { startDevHost } from '../src/main/devbridge/dev-host.ts';
import { threadTimes } from '../src/main/core/util/trace.ts';

export interface WindowSideArgs {
  dataDir: string;
  startMs: number;
  endMs: number;
  /** Link speed of each demo unit, bytes/s. */
  bytesPerSec: number;
}

export interface PhaseFigures {
  phase: string;
  worstLoopMs: number;
  worstTaskCpuMs: number;
}

const a = JSON.parse(process.argv[2]) as WindowSideArgs;
const host = await startDevHost({ dataDir: a.dataDir, devices: { demo: { bytesPerSec: a.bytesPerSec }, debounceMs: 20 } });
const { core } = host;
const out = (x: object) => process.stdout.write(`${JSON.stringify(x)}\n`);

async function call<T>(method: string, input?: unknown): Promise<T> {
  const r = await core.dispatch(method as never, input as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

const window = { startMs: a.startMs, endMs: a.endMs };
const importSession = await call<{ id: string }>('sessions:create', { name: 'Bench import', ...window });
const downloadSession = await call<{ id: string }>('sessions:create', { name: 'Bench download', ...window });
out({ url: host.bridge.pageUrl, importSession: importSession.id, downloadSession: downloadSession.id });

let h: IntervalHistogram | null = null;
let tick: NodeJS.Timeout | null = null;
let worstCpu = 0;
let phase = '';

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [cmd, arg] = line.trim().split(/\s+/);
  try {
    if (cmd === 'start') {
      phase = arg;
      h = monitorEventLoopDelay({ resolution: 5 });
      h.enable();
      let last = threadTimes().cpu;
      worstCpu = 0;
      tick = setInterval(() => {
        const now = threadTimes().cpu;
        worstCpu = Math.max(worstCpu, now - last);
        last = now;
      }, 2);
    } else if (cmd === 'stop') {
      if (tick) clearInterval(tick);
      h?.disable();
      out({ phase, worstLoopMs: (h?.max ?? 0) / 1e6, worstTaskCpuMs: worstCpu } satisfies PhaseFigures);
      h = null;
    } else if (cmd === 'demo') {
      const units = Number(arg);
      await call('devices:demo', { action: 'start', sessionId: downloadSession.id, units, faulty: 0 });
      for (let i = 0; i < 600 && (await call<{ devices: unknown[] }>('devices:list')).devices.length < units; i++) await new Promise((r) => setTimeout(r, 50));
      out({ demo: units });
    } else if (cmd === 'download') {
      const ids = (await call<{ devices: { deviceId: string }[] }>('devices:list')).devices.map((d) => d.deviceId);
      const ended = new Set<string>();
      let failed = 0;
      const done = new Promise<void>((resolve) => {
        const check = () => ended.size >= ids.length && resolve();
        core.events.on('devices:done', (e) => {
          ended.add(e.deviceId);
          check();
        });
        core.events.on('devices:failed', (e) => {
          failed++;
          ended.add(e.deviceId);
          check();
        });
      });
      const t0 = performance.now();
      await call('devices:download', { sessionId: downloadSession.id });
      await done;
      out({ downloaded: ids.length, failed, seconds: (performance.now() - t0) / 1000 });
    } else if (cmd === 'quit') {
      break;
    }
  } catch (e) {
    out({ error: e instanceof Error ? e.message : String(e) });
  }
}
await host.close();
process.exit(0);
