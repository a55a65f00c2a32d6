/**
 * Debian's Chromium driven by playwright-core (no browser download). Flags as this machine needs:
 * headless, no sandbox (root), no GPU, and no background networking (the network is closed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.P1_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const CHROMIUM_SKIP_REASON = `Chromium not found at ${CHROMIUM_PATH} (apt install chromium, or set P1_CHROMIUM)`;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent context in a fresh user-data-dir (removed on close). */
export async function launchBrowser(opts: { javaScriptEnabled?: boolean; timezoneId?: string } = {}): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'p1-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 768 },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    timezoneId: opts.timezoneId,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium started as a child in the caller's session, connected over CDP, with a fresh context
 * (viewport 1366 × 768). Playwright's own launch starts the browser in a session of its own
 * (`detached`), so on Linux, with autogroups, it competes with the app's processes as a separate
 * group and the nice value of the app's pool threads does not count against it. Electron's
 * renderer is a child of the app's main process, in its session: the window bench starts Chromium
 * this way to measure the window as the app's scheduling gives it the CPU.
 */
export async function launchBrowserInSession(opts: { timezoneId?: string } = {}): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'p1-chromium-'));
  const child = spawn(CHROMIUM_PATH, [...ARGS, '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  // A failed launch: the browser ended (waited for, at most 5 s) and its folder removed, never hiding the launch's own error.
  const gone = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // left in the temp folder
    }
  };
  let browser: Browser;
  let context: BrowserContext;
  try {
    const ws = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port within 30 s: ${text.slice(-500)}`)), 30_000);
      const onData = (s: string) => {
        text += s;
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          child.stderr!.off('data', onData);
          resolve(m[1]);
        }
      };
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot start Chromium at ${CHROMIUM_PATH}: ${e.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code}) before opening its DevTools port: ${text.slice(-500)}`));
      });
    });
    child.stderr!.resume();
    browser = await chromium.connectOverCDP(ws);
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: opts.timezoneId });
  } catch (e) {
    await gone();
    throw e;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** What a page asks of the core over the dev bridge's WebSocket, and what the core answers. */
export interface BridgeLog {
  /** The requests sent, in order. */
  sent(): { id: number; method: string; input: unknown }[];
  /** The answer to request `id`, once it has come. */
  answer(id: number): { id: number; result: { ok: boolean; value?: unknown } } | undefined;
}

/** Records the page's bridge traffic from now on (set up before the page loads). */
export function recordBridge(page: Page): BridgeLog {
  const sent: string[] = [];
  const got: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => sent.push(String(f.payload)));
    ws.on('framereceived', (f) => got.push(String(f.payload)));
  });
  return {
    sent: () => sent.map((f) => JSON.parse(f) as { id: number; method: string; input: unknown }),
    answer: (id) => got.map((f) => JSON.parse(f) as { id?: number; result?: { ok: boolean; value?: unknown } }).find((m) => m.id === id) as ReturnType<BridgeLog['answer']>,
  };
}

/** A new page whose script errors are printed (a crash in the app shows in the test's output). */
export async function appPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}

/**
 * Clicks View Report on the session page (the Report page, the report in its sandboxed frame),
 * then "Open in its own window" there, and returns the report's tab, loaded; the app's page goes
 * back to the session page.
 */
export async function openReport(context: BrowserContext, page: Page): Promise<Page> {
  await page.getByRole('button', { name: 'View Report' }).click();
  const own = page.getByRole('button', { name: 'Open in its own window' });
  await own.waitFor();
  const [report] = await Promise.all([context.waitForEvent('page'), own.click()]);
  await report.waitForLoadState();
  await page.goBack();
  await report.bringToFront();
  // The report lays out its lower sections only as they come near the view (content-visibility:
  // auto), and an element not laid out reads as '' through innerText. A user scrolls to them; the
  // tests read every section at once, so they are laid out now (as printing does).
  await report.evaluate("for (const s of document.querySelectorAll('section.p1-later')) s.style.contentVisibility = 'visible'");
  return report;
}

/** The row headers of the report's team table: each player's name and unit. */
export async function reportTeamNames(report: Page): Promise<string[]> {
  await report.locator('#team-table').waitFor();
  return report.locator('#team-table tbody th[scope=row]').allInnerTexts();
}

export type { Browser };
