/**
 * The report's CSP in a real browser: with markup injected into the HTML (what a failure of
 * escaping would let through: an inline handler and an inline script), the viewer still runs
 * (its script is allowed by hash) and the injected code does not. Served as the app's protocol
 * serves it (header CSP, sandboxed), the report runs in an opaque origin: no same-origin access
 * to the app or its API. The built renderer carries the production CSP, with no WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, startTestCore, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { serveAppProtocol } from '../../src/main/core/security/app-protocol.ts';
import { appCsp } from '../../src/shared/security/csp.ts';

const BUILT = existsSync(join(REPO_ROOT, 'out', 'report-viewer', 'report-viewer.js')) && existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const INJECTED = '<img src="x" onerror="window.__pwned = (window.__pwned || 0) + 1"><script>window.__pwned = (window.__pwned || 0) + 10</script><div onclick="window.__pwned=100" id="bait">bait</div>';

describe.skipIf(!HAS_CHROMIUM || !BUILT)(`report CSP${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let t: TestCore;
  let tampered: string;
  let sessionId: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    t = startTestCore();
    const s = await t.call('sessions:create', { name: 'CSP', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 600_000 });
    sessionId = s.id;
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    const path = (await t.call('reports:get', { sessionId: s.id })).path;
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<main>');
    tampered = join(makeTempDir(), 'report.html');
    writeFileSync(tampered, html.replace('<main>', `<main>${INJECTED}`));
    // Also over HTTP exactly as the player1:// handler answers (the adapter only copies status, headers, body).
    writeFileSync(path, html.replace('<main>', `<main>${INJECTED}`));
    server = createServer((req, res) => {
      void serveAppProtocol(`player1:/${req.url}`, { rendererDir: join(REPO_ROOT, 'out', 'renderer'), reportsDir: join(t.dataDir, 'reports') }).then((a) => {
        res.writeHead(a.status, a.headers);
        res.end(a.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await t?.close();
  });

  it('opened from disk (meta CSP): the viewer runs, injected handlers and scripts do not', async () => {
    const b = await launchBrowser();
    try {
      const page = await b.context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) violations.push(m.text());
      });
      await page.goto(pathToFileURL(tampered).href);
      await page.locator('html[data-viewer=ready]').waitFor();
      await page.locator('svg.p1-chart').first().waitFor();
      await page.locator('#bait').click();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
      expect(violations.length).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
  });

  it('served with the header CSP: sandboxed (opaque origin), viewer runs, injection does not', async () => {
    const b = await launchBrowser();
    try {
      const page = await b.context.newPage();
      await page.goto(`${base}/reports/${sessionId}/report.html`);
      await page.locator('html[data-viewer=ready]').waitFor();
      await page.locator('#bait').click();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
      expect(await page.evaluate(() => window.origin)).toBe('null');
      expect(await page.evaluate(() => { try { return String(localStorage.length); } catch (e) { return (e as Error).name; } })).toBe('SecurityError');
    } finally {
      await b.close();
    }
  });

  it('the built renderer carries the production CSP: no WebSocket, no inline script', () => {
    const html = readFileSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(appCsp());
    expect(meta).not.toMatch(/ws:|unsafe-eval/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>[^<]/);
  });
});
