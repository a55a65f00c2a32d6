/**
 * Issue 16 "layout check on every page": at 1366 × 768, with the sample session imported and
 * processed, no element of any page reaches past the right edge of the window, apart from the
 * content of deliberately scrolled containers (an ancestor whose own overflow-x is auto/scroll).
 * A screenshot of each page goes to test-results/e2e/layout-<page>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const START = SAMPLE_OPTIONS.startMs;

interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  offenders: string[];
}

/** In the page: the document's scroll width, and every element whose right edge passes the window, outside scrolled containers. */
function measure(): Overflow {
  // A deliberately scrolled table container: overflow-x auto/scroll with a table as a direct child.
  // A page pane that scrolls (overflow-y auto makes overflow-x auto too) is not one: its content
  // must still fit its width.
  const tableBox = (p: Element): boolean => {
    const o = getComputedStyle(p).overflowX;
    return (o === 'auto' || o === 'scroll') && Array.from(p.children).some((c) => c.tagName === 'TABLE');
  };
  const scrolled = (el: Element): boolean => {
    for (let p = el.parentElement; p; p = p.parentElement) if (tableBox(p)) return true;
    return false;
  };
  const name = (el: Element, r: DOMRect) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${cls} right=${Math.round(r.right)} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  };
  const W = window.innerWidth;
  const offenders: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > W + 0.5 && !scrolled(el)) offenders.push(name(el, r));
    const o = getComputedStyle(el).overflowX;
    if ((o === 'auto' || o === 'scroll') && !tableBox(el) && el.scrollWidth > el.clientWidth + 1 && !scrolled(el)) {
      offenders.push(`${name(el, r)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
  }
  return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: W, offenders: offenders.slice(0, 12) };
}

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(`layout of every page at 1366 × 768${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let sessionId = '';
  let playerId = '';
  let sharedToken = '';
  const call = coreCall(() => host.core);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    const s = await call<{ id: string }>('sessions:create', { name: 'Layout check', startMs: START, endMs: START + 10 * 60_000 });
    sessionId = s.id;
    await call('sessions:importFolder', { id: sessionId, folder: SAMPLE_DIR });
    await call('jobs:start', { sessionId });
    await host.core.jobs.whenIdle(sessionId);
    const players = await call<{ id: string }[] | { players: { id: string }[] }>('players:list', {});
    playerId = (Array.isArray(players) ? players : players.players)[0]!.id;
    // A report opened as someone else's file (the Report page's read-only view of it).
    const report = await call<{ path: string }>('reports:get', { sessionId });
    sharedToken = (await call<{ token: string }>('reports:openShared', { path: report.path })).token;
    browser = await launchBrowser({ timezoneId: 'UTC' });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  const pages: [string, () => string, string][] = [
    ['sessions', () => '#/sessions', 'h1'],
    ['session-results', () => `#/sessions/${sessionId}`, 'table.results-table'],
    ['devices', () => `#/devices/${sessionId}`, 'h1'],
    ['roster', () => '#/roster', 'h1'],
    ['player', () => `#/player/${playerId}`, 'h1'],
    ['feedback', () => `#/feedback/${sessionId}`, 'h1'],
    ['settings', () => '#/settings', 'h1'],
    ['sync', () => '#/sync', 'h1'],
    ['report', () => `#/report/${sessionId}`, 'iframe.report-frame'],
    ['shared-report', () => `#/shared/${sharedToken}`, 'iframe.report-frame'],
  ];

  it('the check itself catches an element wider than the window', async () => {
    await page.goto(`${host.bridge.pageUrl}#/roster`);
    await page.locator('h1').first().waitFor();
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.className = 'too-wide';
      d.style.width = '1500px';
      d.textContent = 'wide';
      document.querySelector('h1')!.after(d);
    });
    const m = await page.evaluate(measure);
    await page.evaluate(() => document.querySelector('.too-wide')!.remove());
    expect(m.offenders.some((o) => o.startsWith('div.too-wide right='))).toBe(true);
    expect(m.offenders.some((o) => o.startsWith('main.page') && o.includes('scrolls sideways'))).toBe(true);
    expect((await page.evaluate(measure)).offenders).toEqual([]);
  });

  for (const [name, route, ready] of pages) {
    it(`${name}: nothing reaches past the right edge`, async () => {
      await page.goto(`${host.bridge.pageUrl}${route()}`);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `layout-${name}.png`), fullPage: true });
      const m = await page.evaluate(measure);
      expect({ page: name, offenders: m.offenders }).toEqual({ page: name, offenders: [] });
      expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    });
  }
});
