/**
 * The Report page in Chromium at 1366 × 768 through the dev bridge, which serves reports at the
 * app protocol's paths with the protocol's own code (serveAppProtocol), on the sample session:
 *  - View Report opens the page; the report renders inside a frame with sandbox="allow-scripts"
 *    (no allow-same-origin) and its viewer draws the charts;
 *  - script in the frame cannot reach the app: parent/top are cross-origin (the app's API, its
 *    globals, its storage throw), its own storage throws, it has no API, no referrer, no network;
 *  - Export… beside the frame writes the four files;
 *  - "Open a shared report…": a report the CLI wrote into a temp dir opens read-only with a banner
 *    naming the file (no Export), its charts drawn by our viewer; a hostile HTML with an inline
 *    onerror handler and an inline script opens the same way and neither runs (CSP);
 *  - files that are not reports are refused in words; the sessions list links to the page.
 * Screenshots: test-results/e2e/report-page*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html')) && existsSync(join(REPO_ROOT, 'out', 'report-viewer', 'report-viewer.js'));
const START = SAMPLE_OPTIONS.startMs;
const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const HOSTILE = `<!doctype html>
<html><head><title>Match report &amp; more</title></head>
<body><h1 id="h">Friendly report</h1>
<img src="x" onerror="document.getElementById('h').textContent = 'PWNED'; window.__pwned = 1; parent.postMessage('pwned by onerror', '*')">
<script>window.__pwned = 2; document.getElementById('h').textContent = 'PWNED'; parent.postMessage('pwned by script', '*');</script>
</body></html>`;

type Probe = Record<string, string>;

describe.skipIf(!HAS_CHROMIUM || !BUILT)(`the Report page${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let sessionId = '';
  const names: string[] = [];
  const sharedDir = makeTempDir('p1-shared-');
  const cliReport = join(sharedDir, 'U18 Saturday (from Sam).html');
  const hostile = join(sharedDir, 'hostile.html');
  const out = makeTempDir('p1-report-export-');
  const violations: string[] = [];
  const call = coreCall(() => host.core);
  /** The page's report frame, once its document has loaded from `path` (/reports/… or /shared/…). */
  async function reportFrame(path: string): Promise<Frame> {
    const el = page.locator('iframe.report-frame');
    await el.waitFor();
    for (let i = 0; i < 100; i++) {
      const f = page.frames().find((x) => x !== page.mainFrame() && x.url().includes(path));
      if (f) {
        await f.waitForLoadState();
        return f;
      }
      await page.waitForTimeout(100);
    }
    throw new Error(`no frame loaded from ${path}`);
  }
  async function openShared(path: string): Promise<void> {
    await page.goto(`${host.bridge.pageUrl}#/sessions`);
    await page.getByRole('button', { name: 'Open a shared report…' }).click();
    // No file dialog in a plain browser: the path is typed.
    await page.fill('input[name=shared-report-path]', path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.waitForURL(/#\/shared\/[0-9a-f]{32}$/);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    const s = await call<{ id: string }>('sessions:create', { name: 'Report page E2E', startMs: START, endMs: START + 10 * 60_000 });
    sessionId = s.id;
    await call('sessions:importFolder', { id: sessionId, folder: SAMPLE_DIR });
    await call('jobs:start', { sessionId });
    await host.core.jobs.whenIdle(sessionId);
    const results = await call<{ players: { playerName: string }[] }>('results:list', { sessionId });
    names.push(...results.players.map((p) => p.playerName));
    // A report someone else made: the CLI, into a temp dir of its own.
    const r = await promisify(execFile)(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), 'process', SAMPLE_DIR, '--out', cliReport], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    writeFileSync(hostile, HOSTILE);
    browser = await launchBrowser({ timezoneId: 'UTC' });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
    await page.locator('table.results-table').waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('View Report opens the Report page: the report renders inside a frame sandboxed to allow-scripts', async () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'View Report' }).click();
    await page.waitForURL(new RegExp(`#/report/${sessionId}$`));
    const iframe = page.locator('iframe.report-frame');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts');
    expect(await iframe.getAttribute('referrerpolicy')).toBe('no-referrer');
    const frame = await reportFrame(`/reports/${sessionId}/report.html`);
    await frame.locator('html[data-viewer=ready]').waitFor({ timeout: 30_000 });
    await frame.locator('svg.p1-chart').first().waitFor();
    const rows = await frame.locator('#team-table tbody th[scope=row]').allInnerTexts();
    for (const n of names) expect(rows.join('\n')).toContain(n);
    // The frame is most of the window: the report is read there, not in a slot.
    const box = (await iframe.boundingBox())!;
    expect(box.width).toBeGreaterThan(1000);
    expect(box.height).toBeGreaterThan(500);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(SHOTS, 'report-page.png') });
  }, 60_000);

  it('script in the frame cannot reach the app: no API, no parent, no storage, no network', async () => {
    // Something only the app's page holds, which a frame of the same origin could read.
    await page.evaluate(() => {
      (window as unknown as { __appSecret: string }).__appSecret = 'app-only';
      localStorage.setItem('p1-probe', 'app-only');
    });
    // A real server on 127.0.0.1 the frame tries to reach. A no-cors fetch resolves (an opaque
    // answer) whatever the frame's origin, so only the report's CSP (connect-src) can stop it;
    // the server's own count says whether anything arrived.
    let arrived = 0;
    const server = createServer((_req, res) => {
      arrived++;
      res.end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leak`;
    const frame = await reportFrame(`/reports/${sessionId}/report.html`);
    const probe: Probe = await frame.evaluate(async (url) => {
      const tryRead = (f: () => unknown): string => {
        try {
          const v = f();
          return v === undefined ? 'undefined' : `READ ${String(v).slice(0, 40)}`;
        } catch (e) {
          return (e as Error).name;
        }
      };
      let net = 'not tried';
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      try {
        await fetch(url, { mode: 'no-cors', cache: 'no-store' });
        net = 'FETCHED';
      } catch (e) {
        net = (e as Error).name;
      }
      await new Promise((r) => setTimeout(r, 100)); // the violation event is queued as a task
      const w = window as unknown as Record<string, unknown>;
      return {
        origin: window.origin,
        ownApi: typeof w.player1 + '/' + typeof w.api,
        parentApi: tryRead(() => (window.parent as unknown as Record<string, unknown>).player1),
        topApi: tryRead(() => (window.top as unknown as Record<string, unknown>).api),
        parentSecret: tryRead(() => (window.parent as unknown as Record<string, unknown>).__appSecret),
        parentDocument: tryRead(() => window.parent.document.title),
        parentLocation: tryRead(() => window.parent.location.href),
        storage: tryRead(() => localStorage.getItem('p1-probe')),
        cookie: tryRead(() => document.cookie),
        referrer: document.referrer,
        net,
        violation: [...new Set(violations)].join(','), // the header's CSP and the report's own both block it
      };
    }, target);
    expect(arrived).toBe(0);
    expect(await (await fetch(target)).text()).toBe('hello'); // the server did listen and count
    expect(arrived).toBe(1);
    await new Promise<void>((r) => server.close(() => r()));
    expect(probe).toEqual({
      origin: 'null',
      ownApi: 'undefined/undefined',
      parentApi: 'SecurityError',
      topApi: 'SecurityError',
      parentSecret: 'SecurityError',
      parentDocument: 'SecurityError',
      parentLocation: 'SecurityError',
      storage: 'SecurityError',
      cookie: 'SecurityError',
      referrer: '',
      net: 'TypeError',
      violation: 'connect-src',
    });
    // The app's page still reads its own (the probe was real).
    expect(await page.evaluate(() => localStorage.getItem('p1-probe'))).toBe('app-only');
  });

  it('Export… beside the frame saves the PDF, the report, the CSV and the metadata', async () => {
    await page.locator('.report-toolbar').getByText('Export…').click();
    await page.fill('input[name=export-folder]', out);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved into' }).waitFor({ timeout: 90_000 });
    const files = readdirSync(out).sort();
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(1);
    expect(files).toContain('player1data_session_metadata.csv');
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(2);
    expect(readFileSync(join(out, files.find((f) => f.endsWith('.pdf'))!)).subarray(0, 5).toString()).toBe('%PDF-');
    // The exported report is the one in the frame.
    const exported = readFileSync(join(out, files.find((f) => f.endsWith('.html'))!), 'utf8');
    for (const n of names) expect(exported).toContain(n);
    await page.screenshot({ path: join(SHOTS, 'report-page-export.png') });
  }, 120_000);

  it("a report the CLI wrote elsewhere opens read-only: a banner names the file, no Export, its charts drawn", async () => {
    await openShared(cliReport);
    const banner = page.getByRole('note', { name: 'Shared report, read-only' });
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('Read-only');
    expect(text).toContain('U18 Saturday (from Sam).html');
    expect(text).toContain(sharedDir);
    expect(text).toContain('nothing in it is imported, processed or exported');
    expect(text).toContain("drawn by this app's own report viewer");
    expect(await page.locator('.export-panel').count()).toBe(0);
    expect(await page.locator('iframe.report-frame').getAttribute('sandbox')).toBe('allow-scripts');
    const token = /#\/shared\/([0-9a-f]{32})$/.exec(page.url())![1];
    const frame = await reportFrame(`/shared/${token}/report.html`);
    await frame.locator('html[data-viewer=ready]').waitFor({ timeout: 30_000 });
    await frame.locator('svg.p1-chart').first().waitFor();
    const rows = await frame.locator('#team-table tbody th[scope=row]').allInnerTexts();
    for (const n of names) expect(rows.join('\n')).toContain(n);
    expect(await frame.evaluate(() => window.origin)).toBe('null');
    expect(await frame.evaluate(() => { try { return String((window.parent as unknown as Record<string, unknown>).player1); } catch (e) { return (e as Error).name; } })).toBe('SecurityError');
    // Opening it processed nothing: still the one session.
    expect((await call<unknown[]>('sessions:list', {})).length).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'report-page-shared.png') });
  }, 60_000);

  it('a hostile HTML opens read-only and neither its onerror handler nor its script runs (CSP)', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __messages: string[] };
      w.__messages = [];
      window.addEventListener('message', (e) => w.__messages.push(String(e.data)));
    });
    violations.length = 0;
    await openShared(hostile);
    const banner = page.getByRole('note', { name: 'Shared report, read-only' });
    const text = await banner.innerText();
    expect(text).toContain('hostile.html');
    expect(text).toContain('does not look like a Player1 Pitchside report');
    expect(text).toContain('Its scripts are not run here');
    // The page's own title, as text.
    await expect(page.locator('h1').innerText()).resolves.toBe('Shared report: Match report & more');
    const token = /#\/shared\/([0-9a-f]{32})$/.exec(page.url())![1];
    const frame = await reportFrame(`/shared/${token}/report.html`);
    await frame.locator('#h').waitFor();
    await page.waitForTimeout(500); // time for the image to fail and a handler to (not) run
    expect(await frame.locator('#h').innerText()).toBe('Friendly report');
    expect(await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);
    expect(violations.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'report-page-hostile.png') });
  }, 60_000);

  it('a file that is not a report is refused in words; the sessions list opens the Report page', async () => {
    const notes = join(sharedDir, 'notes.txt');
    writeFileSync(notes, 'not a report');
    await page.goto(`${host.bridge.pageUrl}#/sessions`);
    await page.getByRole('button', { name: 'Open a shared report…' }).click();
    await page.fill('input[name=shared-report-path]', notes);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('notes.txt is not a report: choose an .html file');
    await page.fill('input[name=shared-report-path]', join(sharedDir, 'gone.html'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'gone.html' }).innerText()).resolves.toContain('there is no such file');
    // Each row's link is named by its session (every row's text reads 'Report').
    expect(await page.getByRole('link', { name: 'Report', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Report of Report page E2E', exact: true }).click();
    await page.waitForURL(new RegExp(`#/report/${sessionId}$`));
    await (await reportFrame(`/reports/${sessionId}/report.html`)).locator('#team-table').waitFor();
  }, 60_000);

  it('after a failed run the page says the report it shows is the previous one, and why the run failed', async () => {
    await page.goto(`${host.bridge.pageUrl}#/report/${sessionId}`);
    await (await reportFrame(`/reports/${sessionId}/report.html`)).locator('#team-table').waitFor();
    expect(await page.getByText('Previous report').count()).toBe(0);
    // A disk fault damages one unit's stored copy; Process Report again then fails, naming the unit.
    const unit = host.core.ctx.repos.sessions.get(sessionId)!.participants[0]!;
    const stored = unit.files[0]!;
    chmodSync(stored.path, 0o644);
    writeFileSync(stored.path, 'damaged');
    await call('jobs:start', { sessionId });
    await host.core.jobs.whenIdle(sessionId);
    // The page hears of the failure by the pushed event: until then it says the session is being
    // processed (also over the previous report), so wait for the failed run's notice itself.
    const notice = page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: 'Previous report' }).filter({ hasText: 'The last Process Report failed' });
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain(`The last Process Report failed (${unit.deviceId}: `);
    expect(text).toContain('this is the previous report');
    // The report written before stays in the frame: the coach can still read and export it.
    await (await reportFrame(`/reports/${sessionId}/report.html`)).locator('#team-table').waitFor();
    await page.screenshot({ path: join(SHOTS, 'report-page-previous.png') });
  }, 120_000);
});
