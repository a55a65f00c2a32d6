/**
 * The report is one self-contained file: opened from disk with the network cut it loads nothing
 * but itself, draws its charts, sorts its table; with scripts off it still reads as a
 * table of every player.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { scrolledEdges } from './table-scroll.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import type { SessionResults } from '../../src/shared/api/results.contract.ts';
import { periodMeans } from '../support/period-means.ts';
import { formatInUnits } from '../../src/shared/domain/format.ts';
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
 * A report with periods, opened from disk with every network request aborted: the periods chart
 * draws a bar per period and measure, and each measure's caption names the period whose team
 * mean is highest, worked out here from the stored per-period metrics (results:list), not from the
 * page; the report's own timeline, from its gzip/base64 series block, draws a line per chosen
 * player with the periods shaded and named. With scripts off the charts' places say so.
 */
describe.skipIf(!HAS_CHROMIUM || !VIEWER_BUILT)(`offline report with periods${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !VIEWER_BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  const START = SAMPLE_OPTIONS.startMs;
  const MIN = 60_000;
  const PERIODS = [
    { name: 'Warm-up', from: 0, to: 2 },
    { name: 'Rondo', from: 2, to: 5 },
    { name: 'Game', from: 5, to: 10 },
  ];
  const POSITION_GROUPS: Record<string, string> = { CB: 'Defenders', FB: 'Defenders' };
  let t: TestCore;
  let reportPath: string;
  let results: SessionResults;
  let b: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    t = startTestCore({ timeZone: 'UTC' });
    const s = await t.call('sessions:create', { name: 'Offline periods', startMs: START, endMs: START + 10 * MIN });
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    for (const p of PERIODS) await t.call('periods:create', { sessionId: s.id, name: p.name, startMs: START + p.from * MIN, endMs: START + p.to * MIN });
    // Centre and full backs in one position group, the keeper in his own.
    const settings = (await t.call('settings:get')).settings;
    await t.call('settings:update', { settings: { ...settings, positionGroups: POSITION_GROUPS } });
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    reportPath = (await t.call('reports:get', { sessionId: s.id })).path;
    results = await t.call('results:list', { sessionId: s.id, series: true });
    b = await launchBrowser({ timezoneId: 'UTC' });
    await b.context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    page = await b.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(reportPath).href);
    await page.locator('html[data-ready="1"]').waitFor();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('loads nothing but itself', () => {
    expect(requests).toEqual([pathToFileURL(reportPath).href]);
    expect(errors).toEqual([]);
  });

  it('draws a bar per period and measure in Periods compared, and names the highest period of each measure', async () => {
    expect(results.periods.map((p) => p.name)).toEqual(PERIODS.map((p) => p.name));
    // The team mean per period of each measure, from the stored per-period metrics (worked out by hand).
    const measures = periodMeans(results.periods);
    // Every measure has data in this session (GNSS and accelerometer on every unit).
    for (const c of measures) expect(c.values.every((v) => v != null && v > 0)).toBe(true);
    const slot = page.locator('#periods-slot');
    expect(await slot.locator('figure[data-measure]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-measure')))).toEqual(measures.map((c) => c.key));
    expect(await slot.locator('rect.p1-bar').count()).toBe(PERIODS.length * measures.length);
    for (const c of measures) {
      const fig = slot.locator(`figure[data-measure=${c.key}]`);
      const bars = fig.locator('rect.p1-bar');
      expect(await bars.count()).toBe(PERIODS.length);
      // Each bar's value, as its tooltip title says it, and its height in proportion to it.
      const drawn = await bars.evaluateAll((rs) => rs.map((r) => ({ title: r.querySelector('title')!.textContent!, h: Number(r.getAttribute('height')) })));
      expect(drawn.map((d) => d.title.split(':')[0])).toEqual(PERIODS.map((p) => p.name));
      expect(drawn.map((d) => Number(d.title.split(': ')[1].split(' ')[0]))).toEqual(c.values);
      // The labels over the bars, with the measure's decimals as the periods table writes them (6.0, 4.80).
      expect(await fig.locator('text.p1-bar-value').allTextContents()).toEqual(c.values.map((v) => v!.toFixed(c.digits)));
      const top = Math.max(...(c.values as number[]));
      const highest = c.highest!;
      const tallest = drawn.reduce((best, d, i) => (d.h > drawn[best].h ? i : best), 0);
      expect(PERIODS[tallest].name).toBe(highest);
      for (let i = 0; i < drawn.length; i++) expect(drawn[i].h / drawn[tallest].h).toBeCloseTo(c.values[i]! / top, 2);
      expect(await fig.locator('figcaption').innerText()).toMatch(new RegExp(`; highest: ${highest}$`));
    }
  });

  it("draws its own timeline from the page's gzip/base64 block: a line per chosen player, the periods shaded and named", async () => {
    // The embedded model carries no series: every line below comes from the binary block.
    const html = readFileSync(reportPath, 'utf8');
    const model = JSON.parse(html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as { players: { playerId: string; name: string; series: unknown }[] };
    expect(model.players.map((p) => p.series)).toEqual(model.players.map(() => null));
    expect(html).toMatch(/<script type="application\/octet-stream" id="report-series" data-format="p1-series-1; gzip; base64">[A-Za-z0-9+/=]{1000,}<\/script>/);
    const tl = page.locator('#timeline-slot figure.p1-timeline');
    const lines = tl.locator('path.p1-player-line');
    const drawn = () => lines.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-player')));
    // At first the first two players; then a third chosen.
    expect(await drawn()).toEqual(model.players.slice(0, 2).map((p) => p.playerId));
    await tl.getByRole('checkbox', { name: model.players[2].name }).check();
    await expect.poll(drawn).toEqual(model.players.slice(0, 3).map((p) => p.playerId));
    expect((await tl.locator('.p1-line-legend li').allInnerTexts()).map((x) => x.trim())).toEqual(model.players.slice(0, 3).map((p) => p.name));
    // Each line has a point per stored 1 s speed value (results:list), at 1 s a point.
    expect(await tl.locator('figcaption').innerText()).toContain('each point: 1 s;');
    for (const p of model.players.slice(0, 3)) {
      const stored = results.players.find((r) => r.playerId === p.playerId)!.series!;
      const d = (await tl.locator(`path.p1-player-line[data-player="${p.playerId}"]`).getAttribute('d'))!;
      expect(d.match(/[ML]/g)!.length).toBe(stored.speedMs.filter((v) => v != null).length);
    }
    // The periods: shaded in order, named, each as wide as its share of the session (2, 3, 5 minutes).
    const areas = await tl.locator('g.p1-period').evaluateAll((gs) =>
      gs.map((g) => {
        const r = g.querySelector('rect.p1-period-area')!;
        return { name: g.querySelector('text')!.textContent, x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')) };
      }),
    );
    expect(areas.map((a) => a.name)).toEqual(PERIODS.map((p) => p.name));
    const perMinute = areas[0].w / (PERIODS[0].to - PERIODS[0].from);
    for (let i = 0; i < PERIODS.length; i++) {
      expect(areas[i].w / (PERIODS[i].to - PERIODS[i].from)).toBeCloseTo(perMinute, 1);
      if (i > 0) expect(areas[i].x).toBeCloseTo(areas[i - 1].x + areas[i - 1].w, 1);
    }
    // Sprints of the drawn players, as stored, marked on the speed trace.
    const withEfforts = await t.call('results:list', { sessionId: results.sessionId, efforts: true });
    const sprints = withEfforts.players.filter((p) => model.players.slice(0, 3).some((m) => m.playerId === p.playerId)).reduce((n, p) => n + (p.efforts?.sprints.length ?? 0), 0);
    expect(await tl.locator('circle.p1-effort-mark[data-kind=sprint]').count()).toBe(sprints);
    await page.locator('#timeline-h').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('timeline-h')!.scrollIntoView());
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'e2e', 'report-offline-timeline-periods.png') });
  });

  it("switches the team table to each further view's columns, and filters it to one position group's players", async () => {
    const model = JSON.parse(readFileSync(reportPath, 'utf8').match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as {
      metrics: { key: string }[];
      catalogue: { key: string; family: string }[];
      sections: { family: string; title: string }[];
    };
    const slot = page.locator('#team-slot');
    const table = slot.locator('table#team-table');
    const headerKeys = () => table.locator('thead th[data-key]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-key')));
    // The views: the headline metrics, then one per family of metrics the results have (the
    // report's sections), each with that family's metrics of the catalogue, in catalogue order.
    const views = [
      { label: 'Headline metrics', keys: model.metrics.map((d) => d.key) },
      ...model.sections.map((sec) => ({ label: sec.title, keys: model.catalogue.filter((d) => d.family === sec.family).map((d) => d.key) })).filter((v) => v.keys.length > 0),
    ];
    expect(views.length).toBeGreaterThan(3);
    const select = slot.locator('select[name=team-columns]');
    expect(await select.locator('option').allTextContents()).toEqual(views.map((v) => v.label));
    expect(await headerKeys()).toEqual(views[0].keys);
    const first = results.players[0];
    const defOf = new Map(results.catalogue.map((d) => [d.key, d]));
    for (const v of views.slice(1)) {
      await select.selectOption({ label: v.label });
      await expect.poll(headerKeys).toEqual(v.keys);
      expect(v.keys).not.toEqual(views[0].keys);
      // The columns hold the stored values (results:list), in the report's units: the first player's row.
      const cells = await table.locator(`tbody tr[data-player="${first.playerId}"] td[data-key]`).evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent ?? ''));
      expect(cells).toEqual(v.keys.map((k) => formatInUnits(first.metrics[k], defOf.get(k)!, results.display)));
    }
    await select.selectOption({ label: views[1].label });
    await slot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'e2e', 'report-team-further-view.png') });
    await select.selectOption({ label: views[0].label });

    // Position groups from the roster: each player's position, through the team's groups.
    const roster = new Map((await t.call('players:list')).map((p) => [p.id, p]));
    const groupOf = (playerId: string) => {
      const pos = roster.get(playerId)!.position;
      return POSITION_GROUPS[pos] ?? pos;
    };
    const groups = [...new Set(results.players.map((p) => groupOf(p.playerId)))].sort();
    expect(groups).toEqual(['Defenders', 'GK']);
    const group = slot.locator('select[name=team-group]');
    expect(await group.locator('option').allTextContents()).toEqual(['All groups', ...groups]);
    const rows = () => table.locator('tbody tr[data-player]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-player')));
    for (const g of groups) {
      await group.selectOption(g);
      const expected = results.players.filter((p) => groupOf(p.playerId) === g).map((p) => p.playerId);
      await expect.poll(async () => (await rows()).sort()).toEqual([...expected].sort());
      expect(await slot.locator('.p1-legend').innerText()).toBe(`${expected.length} of ${results.players.length} players shown`);
    }
    await group.selectOption('');
    await expect.poll(async () => (await rows()).length).toBe(results.players.length);
  });

  it('screenshots each section of the report at 1366 × 768', async () => {
    const shots = join(REPO_ROOT, 'test-results', 'e2e');
    mkdirSync(shots, { recursive: true });
    const count = (sel: string) => page.locator(sel).count();
    const players = results.players.length;
    // Each section's heading, and what it holds (counted from the data, not the page).
    const sections = [
      { heading: page.locator('h2#summary-h'), file: 'report-summary', holds: async () => expect(await count('#summary-slot tbody tr[data-player]')).toBe(players) },
      {
        heading: page.locator('h2#timeline-h'),
        file: 'report-timeline',
        holds: async () => {
          const chosen = await count('#timeline-slot fieldset input:checked');
          expect(chosen).toBeGreaterThanOrEqual(2);
          expect(await count('#timeline-slot path.p1-player-line')).toBe(chosen);
        },
      },
      { heading: page.locator('h2#periods-compared-h'), file: 'report-periods-compared', holds: async () => expect(await count('#periods-slot rect.p1-bar')).toBe(PERIODS.length * 3) },
      { heading: page.locator('h2#team-h'), file: 'report-team-table', holds: async () => expect(await count('#team-table tbody tr[data-player]')).toBe(players) },
      { heading: page.locator('h2', { hasText: /^Data quality$/ }), file: 'report-data-quality', holds: async () => expect(await count('#quality-table tbody tr')).toBe(players) },
      { heading: page.locator('h2', { hasText: /^Settings and algorithm$/ }), file: 'report-method', holds: async () => expect(await count('#provenance-table tbody tr')).toBe(players) },
      { heading: page.locator('h3', { hasText: /^Thresholds used for these results$/ }), file: 'report-thresholds', holds: async () => expect(await count('table.settings-table')).toBeGreaterThan(3) },
    ];
    for (const sec of sections) {
      expect(await sec.heading.count(), sec.file).toBe(1);
      await sec.holds();
      // The heading a little below the window's top (the page's end may stop it lower), in view.
      // Twice, two frames apart: the later sections are laid out only as they come near the view
      // (content-visibility: auto), which moves what follows them.
      for (let i = 0; i < 2; i++) {
        await sec.heading.evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 8));
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      }
      const box = (await sec.heading.boundingBox())!;
      expect(box.y, sec.file).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, sec.file).toBeLessThanOrEqual(768);
      await page.screenshot({ path: join(shots, `${sec.file}.png`) });
    }
  });

  it('with scripts off, says where the timeline and the periods chart would be, and the periods table is whole', async () => {
    const off = await launchBrowser({ javaScriptEnabled: false });
    try {
      const p = await off.context.newPage();
      await p.goto(pathToFileURL(reportPath).href);
      expect(await p.locator('#timeline-slot').innerText()).toContain('is drawn here when scripts run');
      expect(await p.locator('#periods-slot').innerText()).toContain('is drawn here when scripts run');
      expect(await p.locator('#periods-compared tbody th[scope=row]').allInnerTexts()).toEqual(PERIODS.map((x) => x.name));
      expect(await p.locator('svg.p1-chart').count()).toBe(0);
    } finally {
      await off.close();
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
