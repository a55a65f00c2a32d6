/**
 * The window's responsiveness, part of `npm run bench -- app` (issue 19: during import, download
 * and processing no task on the window's main thread or the core's event loop runs longer than
 * 50 ms). The built renderer in Debian's Chromium, driven as a user drives it, against the core in
 * its own process (bench/app-window.process.ts: the dev host, as the browser e2e tests run it):
 *  - import: the session page, Scan path on the bench's sample folder, Import, until every
 *    participant is listed;
 *  - demo start: the Devices page while `units` demo units are plugged in (their recordings made);
 *  - download: the Devices page while those demo units (emulators over socat ptys, in the core's
 *    process: its figure includes the units' own work) download into a second session;
 *  - processing: Process Report, until the last section of the results is on the page.
 * Per phase: the window's longest task (PerformanceObserver 'longtask', wall time) and how many
 * went over 50 ms, and the core's worst event-loop delay (wall) and longest main-thread task (CPU).
 * Peak RSS of the core's process tree (with its pool threads) and of Chromium's processes,
 * sampled from /proc every 50 ms. RSS summed over Chromium's processes counts the pages they share
 * (its binary, fonts, shared memory) once per process, so Chromium's peak is also given as PSS
 * (each shared page divided among its sharers: the sum is what the processes really occupy) and
 * USS (pages no other process maps), from /proc/<pid>/smaps_rollup every 500 ms.
 * Figures only, never assertions; wall times on a loaded machine include waiting for a core.
 *
 * Chromium is started as a child of this bench, in the session the core's process is in
 * (tests/support/browser.ts launchBrowserInSession), as Electron's renderer is a child of the app's
 * main process. Playwright's own launch gives the browser a session of its own: with Linux's
 * autogroups the window then competes with the core as a separate group, the pool threads' lower
 * priority (util/thread-priority.ts) does not count against it, and a window task of 12 ms of CPU
 * took up to 93 ms of wall time during processing. `P1_WINDOW_OWN_SESSION=1` measures that way.
 *
 * `P1_WINDOW_PROFILE=<dir>`: also writes, per phase, the window's CPU profile
 * (window-<phase>.cpuprofile, CDP Profiler) and runs the core under `node --cpu-prof` into that
 * folder (open both in Chrome DevTools' Performance panel or speedscope). With it, or alone with
 * `P1_WINDOW_TRACE=<dir>` (no sampling profiler slowing the window: thread times as they are), the window's
 * trace per phase (window-<phase>.trace.json, CDP Tracing, devtools.timeline categories: each task
 * with its wall and thread time, and what it spent them on: script, style, layout, paint, GC), to
 * open in the Performance panel; the CPU profile alone shows layout and style as "(program)".
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../src/main/core/node-paths.ts';
import { CHROMIUM_PATH, launchBrowser, launchBrowserInSession } from '../tests/support/browser.ts';
import { rssKb, treeRssKb } from './pipeline.bench.ts';
import type { PhaseFigures, WindowSideArgs } from './app-window.process.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');

/** What the waits use of the page (no DOM types in the Node build). */
interface PageGlobal {
  document: { querySelectorAll(selector: string): { length: number } };
}

export interface WindowPhase {
  phase: string;
  longTaskMs: number;
  longTasks: number;
  core: PhaseFigures;
  seconds: number;
  /** Peak RSS during this phase (MB): the core's process with its pool threads, and the processes it started (the demo units' socat). */
  peakCoreProcessMb: number;
  peakCoreChildrenMb: number;
}

export interface WindowFigures {
  players: number;
  phases: WindowPhase[];
  peakCoreRssMb: number;
  peakBrowserRssMb: number;
  peakTotalRssMb: number;
  /** Chromium's processes at their peak PSS: how many, PSS and USS summed (MB); null: smaps_rollup unreadable. */
  browserMemory: { processes: number; pssMb: number; ussMb: number } | null;
}

const ownRssKb = () => rssKb('self');

/** Every process under `root` (itself included). */
export function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * PSS and USS of some processes, summed, in kB, from /proc/<pid>/smaps_rollup: PSS counts a page
 * shared by n processes as 1/n in each (the sum is their real footprint), USS only the pages
 * private to each (what ending that process would free). Null when no process could be read.
 */
export function pssUssKb(pids: readonly number[]): { pss: number; uss: number; processes: number } | null {
  let pss = 0;
  let uss = 0;
  let processes = 0;
  for (const pid of pids) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch {
      continue; // gone, or not ours to read
    }
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    pss += kb('Pss');
    uss += kb('Private_Clean') + kb('Private_Dirty');
    processes++;
  }
  return processes > 0 ? { pss, uss, processes } : null;
}

/** What the window's trace records (P1_WINDOW_PROFILE): tasks and their script, style, layout, paint and GC, as DevTools' Performance panel records them. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'toplevel'];

/** The window's long tasks since the last call (installed before the app's own script runs; a string: no DOM types here). */
const OBSERVE = `
  window.__p1Long = { worst: 0, count: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__p1Long.count++;
      window.__p1Long.worst = Math.max(window.__p1Long.worst, e.duration);
    }
  }).observe({ type: 'longtask' });
`;
const takeLong = (page: Page) =>
  page.evaluate('(() => { const was = { ...window.__p1Long }; window.__p1Long = { worst: 0, count: 0 }; return was; })()') as Promise<{ worst: number; count: number }>;

export async function benchWindow(folder: string, players: number, startMs: number, minutes: number, units: number, bytesPerSec: number): Promise<WindowFigures | string> {
  if (!existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH}`;
  if (!existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'))) return 'the renderer is not built (npm run build)';
  const dataDir = mkdtempSync(join(tmpdir(), 'p1-windowbench-'));
  const args: WindowSideArgs = { dataDir, startMs, endMs: startMs + minutes * 60_000, bytesPerSec };
  const profileDir = process.env.P1_WINDOW_PROFILE ? join(process.env.P1_WINDOW_PROFILE) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const traceDir = process.env.P1_WINDOW_TRACE ? join(process.env.P1_WINDOW_TRACE) : profileDir;
  if (traceDir) mkdirSync(traceDir, { recursive: true });
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=core.cpuprofile'] : [];
  const child = spawn(NODE, [...nodeFlags, join(REPO_ROOT, 'bench', 'app-window.process.ts'), JSON.stringify(args)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const r = await answers.next();
    if (r.done) throw new Error('the core process ended');
    const v = JSON.parse(r.value as string) as T & { error?: string };
    if (v.error) throw new Error(v.error);
    return v;
  };
  child.stdin!.on('error', () => {}); // the core process gone: its answers say so
  const send = (line: string) => child.stdin!.write(`${line}\n`);
  let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  const peak = { core: 0, browser: 0, total: 0 };
  const phasePeak = { process: 0, children: 0 };
  let browserMemory: WindowFigures['browserMemory'] = null;
  const pssSampler = setInterval(() => {
    if (!child.pid) return;
    const core = new Set(treePids(child.pid));
    const m = pssUssKb(treePids(process.pid).filter((p) => p !== process.pid && !core.has(p)));
    if (m && m.pss / 1024 > (browserMemory?.pssMb ?? 0)) browserMemory = { processes: m.processes, pssMb: m.pss / 1024, ussMb: m.uss / 1024 };
  }, 500);
  const sampler = setInterval(() => {
    if (!child.pid) return;
    const core = treeRssKb(child.pid);
    const total = treeRssKb(process.pid);
    const own = rssKb(child.pid);
    phasePeak.process = Math.max(phasePeak.process, own);
    phasePeak.children = Math.max(phasePeak.children, core - own);
    peak.core = Math.max(peak.core, core);
    peak.browser = Math.max(peak.browser, total - core - ownRssKb());
    peak.total = Math.max(peak.total, total - ownRssKb());
  }, 50);
  try {
    const hello = await next<{ url: string; importSession: string; downloadSession: string }>();
    browser = process.env.P1_WINDOW_OWN_SESSION ? await launchBrowser({ timezoneId: 'Europe/London' }) : await launchBrowserInSession({ timezoneId: 'Europe/London' });
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
    await page.addInitScript({ content: OBSERVE });
    const phases: WindowPhase[] = [];
    const cdp = profileDir || traceDir ? await browser.context.newCDPSession(page) : null;
    if (cdp && profileDir) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    }
    const measure = async (phase: string, body: () => Promise<void>) => {
      await takeLong(page);
      if (cdp && profileDir) await cdp.send('Profiler.start');
      if (cdp && traceDir) await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: TRACE_CATEGORIES } });
      send(`start ${phase}`);
      phasePeak.process = 0;
      phasePeak.children = 0;
      const t0 = performance.now();
      await body();
      // Work the last event started (the last sections of a page) ends within this.
      await page.waitForTimeout(1000);
      const seconds = (performance.now() - t0) / 1000 - 1;
      if (cdp && profileDir) writeFileSync(join(profileDir, `window-${phase}.cpuprofile`), JSON.stringify((await cdp.send('Profiler.stop')).profile));
      if (cdp && traceDir) {
        const complete = new Promise<string | undefined>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream)));
        await cdp.send('Tracing.end');
        const stream = await complete;
        if (stream) {
          const parts: string[] = [];
          for (;;) {
            const chunk = await cdp.send('IO.read', { handle: stream });
            parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
            if (chunk.eof) break;
          }
          await cdp.send('IO.close', { handle: stream });
          writeFileSync(join(traceDir, `window-${phase}.trace.json`), parts.join(''));
        }
      }
      send('stop');
      const core = await next<PhaseFigures>();
      const l = await takeLong(page);
      phases.push({ phase, longTaskMs: l.worst, longTasks: l.count, core, seconds, peakCoreProcessMb: phasePeak.process / 1024, peakCoreChildrenMb: phasePeak.children / 1024 });
    };
    // Cheap waits: a CSS query polled every 250 ms (a role query over a large page is itself a long task).
    const until = (selector: string, atLeast = 1) =>
      page.waitForFunction(([sel, n]) => (globalThis as unknown as PageGlobal).document.querySelectorAll(sel).length >= n, [selector, atLeast] as const, { polling: 250, timeout: 600_000 });

    await page.goto(`${hello.url}#/sessions/${hello.importSession}`);
    await page.locator('input[name=import-path]').waitFor();
    await measure('import', async () => {
      await page.fill('input[name=import-path]', folder);
      await page.locator('button', { hasText: 'Scan path' }).click();
      await page.locator('button:not([disabled])', { hasText: /^Import$/ }).waitFor({ timeout: 600_000 });
      await page.locator('button', { hasText: /^Import$/ }).click();
      await until('table[aria-label="Participants"] tbody tr', players);
    });

    if (units > 0) {
      await page.goto(`${hello.url}#/devices/${hello.downloadSession}`);
      await page.waitForTimeout(1500);
      // Demo units plugged in (their recordings made), until each has said hello and is listed.
      await measure('demo start', async () => {
        send(`demo ${units}`);
        await next();
      });
      await measure('download', async () => {
        send('download');
        const d = await next<{ downloaded: number; failed: number; seconds: number }>();
        if (d.failed > 0) console.log(`  (download: ${d.failed} of ${d.downloaded} units failed)`);
      });
    }

    await page.goto(`${hello.url}#/sessions/${hello.importSession}`);
    await page.locator('button', { hasText: /^Process Report$/ }).waitFor();
    await page.waitForTimeout(500);
    await measure('processing', async () => {
      await page.locator('button', { hasText: /^Process Report$/ }).click();
      await until('table[aria-label="Distance measured, interpolated and estimated per unit"]');
    });
    return { players, phases, peakCoreRssMb: peak.core / 1024, peakBrowserRssMb: peak.browser / 1024, peakTotalRssMb: peak.total / 1024, browserMemory };
  } finally {
    clearInterval(sampler);
    clearInterval(pssSampler);
    await browser?.close().catch(() => {});
    send('quit');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
