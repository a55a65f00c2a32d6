/**
 * The report is one self-contained file: opened from disk with the network cut it loads nothing
 * but itself, draws its charts, sorts its table; with scripts off it still reads as a
 * table of every player.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { scrolledEdges } from './table-scroll.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const VIEWER_BUILT = existsSync(join(REPO_ROOT, 'out', 'report-viewer', 'report-viewer.js'));

describe.skipIf(!HAS_CHROMIUM || !VIEWER_BUILT)(`offline report${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !VIEWER_BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let t: TestCore;
  let reportPath: string;
  let names: string[];

  beforeAll(async () => {
    // St John's (UTC−02:30 in summer, −03:30 in winter): the viewer writes its clock times from the
    // zone's offsets the model carries, by arithmetic, and they must read as Intl writes them.
    t = startTestCore({ timeZone: 'America/St_Johns' });
    const s = await t.call('sessions:create', { name: 'Offline <b>check</b>', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 600_000 });
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    reportPath = (await t.call('reports:get', { sessionId: s.id })).path;
    names = (await t.call('results:list', { sessionId: s.id })).players.map((p) => p.playerName);
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads nothing but itself, draws the chart and sorts the table', async () => {
    const b = await launchBrowser();
    try {
      const requests: string[] = [];
      await b.context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.request().url().startsWith('file:') ? route.continue() : route.abort();
      });
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(reportPath).href);
      await page.locator('html[data-ready="1"]').waitFor();
      await page.locator('svg.p1-chart').first().waitFor();
      expect(requests).toEqual([pathToFileURL(reportPath).href]);
      expect(errors).toEqual([]);
      // The session name is text, not markup.
      expect(await page.locator('h1').innerText()).toBe('Offline <b>check</b>');
      // One bar per player in the team chart.
      expect(await page.locator('#report-viewer rect.p1-bar').count()).toBe(names.length);
      // Sorting by distance (descending) orders rows by the embedded values.
      await page.locator('#team-table thead th[data-key=distance_m]').click();
      const model = JSON.parse(readFileSync(reportPath, 'utf8').match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as {
        players: { name: string; metrics: Record<string, number> }[];
      };
      const expected = [...model.players].sort((a, b) => b.metrics.distance_m - a.metrics.distance_m).map((p) => p.name);
      const rows = await page.locator('#team-table tbody th[scope=row]').allInnerTexts();
      expect(rows.map((r) => r.split('\n')[0])).toEqual(expected);
      await expectFitsLaptopWidth(page);
    } finally {
      await b.close();
    }
  });

  it('paints no frame before the viewer has run, and uses no Intl on the way to ready: its times read as the core wrote them', async () => {
    const b = await launchBrowser();
    try {
      const page = await b.context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __p1: { viewerAt: number; intl: string[] } };
        w.__p1 = { viewerAt: NaN, intl: [] };
        // The viewer marks <html data-viewer> at the end of its script (the parser makes <html> later than this runs).
        new MutationObserver(() => {
          if (document.documentElement?.dataset.viewer && Number.isNaN(w.__p1.viewerAt)) w.__p1.viewerAt = performance.now();
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-viewer'] });
        // Every Intl formatter a fresh page has must be built (none exists yet), and a locale-aware
        // String or Number method reaches the same ICU data.
        const note = (what: string) => {
          if (!document.documentElement?.dataset.ready) w.__p1.intl.push(what);
        };
        for (const k of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter'] as const) {
          const orig = Intl[k] as unknown as (...a: unknown[]) => unknown;
          (Intl as unknown as Record<string, unknown>)[k] = new Proxy(orig, {
            construct: (target, a) => (note(k), Reflect.construct(target, a) as object),
            apply: (target, self, a) => (note(k), Reflect.apply(target, self, a)),
          });
        }
        for (const [proto, k] of [[String.prototype, 'localeCompare'], [Number.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleTimeString'], [Date.prototype, 'toLocaleDateString']] as const) {
          const orig = (proto as unknown as Record<string, (...a: unknown[]) => unknown>)[k];
          (proto as unknown as Record<string, unknown>)[k] = function (this: unknown, ...a: unknown[]) {
            note(k);
            return orig.apply(this, a);
          };
        }
      });
      await page.goto(pathToFileURL(reportPath).href);
      await page.locator('html[data-ready="1"]').waitFor();
      const seen = await page.evaluate(() => {
        const w = window as unknown as { __p1: { viewerAt: number; intl: string[] } };
        const paint = performance.getEntriesByType('paint').find((e) => e.name === 'first-paint');
        return { ...w.__p1, firstPaint: paint?.startTime ?? NaN, times: Array.from(document.querySelectorAll('#team-table small.when'), (e) => e.textContent) };
      });
      expect(seen.intl).toEqual([]);
      expect(seen.viewerAt).toBeGreaterThan(0);
      expect(seen.firstPaint).toBeGreaterThanOrEqual(seen.viewerAt);
      // The maxima's and peaks' times under the team table's values, as the core wrote them (Intl, in
      // Node) in the static table the viewer replaced, cell for cell.
      const html = readFileSync(reportPath, 'utf8');
      const staticTable = html.slice(html.indexOf('<table id="team-table"'), html.indexOf('</table>', html.indexOf('<table id="team-table"')));
      const written = [...staticTable.matchAll(/<small class="when">([^<]*)<\/small>/g)].map((m) => m[1]);
      expect(written.length).toBeGreaterThan(0);
      expect(seen.times).toEqual(written);
    } finally {
      await b.close();
    }
  });

  it('reads as a table of every player with scripts off', async () => {
    const b = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await b.context.newPage();
      await page.goto(pathToFileURL(reportPath).href);
      const rows = await page.locator('#team-table tbody tr').count();
      expect(rows).toBe(names.length);
      const text = await page.locator('#team-table').innerText();
      for (const n of names) expect(text).toContain(n);
      expect(text).toContain('Team mean');
      expect(await page.locator('svg.p1-chart').count()).toBe(0);
      expect(await page.locator('h2', { hasText: 'Definitions' }).count()).toBe(1);
      await expectFitsLaptopWidth(page);
    } finally {
      await b.close();
    }
  });
});

/**
 * At 1366 px the headline team table fits with no sideways scroll at all (issue 16 item 12). The
 * page itself never scrolls sideways, on a laptop nor on an 800 px window: there the team table is
 * wider than the page and scrolls inside its own box, and scrolled to its far end it still shows
 * each row's player: the first column stays put.
 */
async function expectFitsLaptopWidth(page: Page): Promise<void> {
  const measure = () =>
    page.evaluate(() => {
      const box = document.querySelector('#team-table')!.closest('.table-scroll')!;
      return { page: document.documentElement.scrollWidth, window: window.innerWidth, table: box.scrollWidth, box: box.clientWidth };
    });
  const wide = await measure();
  expect(wide.window).toBe(1366);
  expect(wide.page).toBeLessThanOrEqual(wide.window);
  expect(wide.table).toBeLessThanOrEqual(wide.box);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 800, height: size.height });
  try {
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, { timeout: 5000 }).catch(() => {});
    const narrow = await measure();
    expect(narrow.window).toBe(800);
    expect(narrow.table).toBeGreaterThan(narrow.box);
    expect(narrow.page).toBeLessThanOrEqual(narrow.window);
    const edges = await scrolledEdges(page, '#team-table');
    expect(edges.scrolled).toBeGreaterThan(0);
    expect(edges.rowHeader).toBeCloseTo(0, 0); // still at the box's left edge
    expect(edges.firstData).toBeLessThan(0); // the next column has scrolled out under it
  } finally {
    await page.setViewportSize(size);
  }
}
