/**
 * The session page's results as a coach uses them, in Chromium at 1366 × 768 through the bridge,
 * on the sample session with two periods: the timeline draws one line per chosen player with the
 * periods shaded; sorting and filtering change the team table; the headline table needs no
 * sideways scroll (issue 16 item 12); Export… saves the PDF, report, CSV and metadata into a
 * typed folder. Screenshots of each section land in test-results/e2e.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { SessionResults } from '../../src/shared/api/results.contract.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const START = SAMPLE_OPTIONS.startMs;
const MIN = 60_000;

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(`session results and export${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let sessionId = '';
  let results: SessionResults;
  const out = makeTempDir('p1-export-');
  async function call<T>(method: string, input: unknown): Promise<T> {
    const r = await host.core.dispatch(method, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  }
  const shot = async (id: string, name: string) => {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.evaluate((i) => document.getElementById(i)!.scrollIntoView(), id);
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    const s = await call<{ id: string }>('sessions:create', { name: 'Results E2E', startMs: START, endMs: START + 10 * MIN });
    sessionId = s.id;
    await call('sessions:importFolder', { id: sessionId, folder: SAMPLE_DIR });
    await call('periods:create', { sessionId, name: 'Rondo', startMs: START, endMs: START + 4 * MIN });
    await call('periods:create', { sessionId, name: 'Game', startMs: START + 4 * MIN, endMs: START + 10 * MIN });
    await call('jobs:start', { sessionId });
    await host.core.jobs.whenIdle(sessionId);
    results = await call<SessionResults>('results:list', { sessionId });
    browser = await launchBrowser({ timezoneId: 'UTC' });
    page = await browser.context.newPage();
    await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
    await page.locator('table.results-table').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('draws a line per chosen player on the timeline, with the periods shaded', async () => {
    const tl = page.locator('figure.p1-timeline');
    await tl.locator('.p1-player-line').first().waitFor();
    const lines = tl.locator('path.p1-player-line');
    expect(await lines.count()).toBe(2);
    expect(await tl.locator('rect.p1-period-area').count()).toBe(2);
    const svgText = (await tl.locator('svg.p1-chart').first().textContent()) ?? '';
    expect(svgText).toContain('Rondo');
    expect(svgText).toContain('Game');
    // Hovering the chart names each drawn player's value at the time under the pointer.
    await tl.locator('svg.p1-chart').hover();
    const tip = tl.locator('.p1-chart-tip');
    await tip.waitFor();
    const drawn = await tl.locator('fieldset input[type=checkbox]:checked').evaluateAll((els) => els.map((e) => e.parentElement!.textContent!.trim()));
    for (const name of drawn) expect(await tip.textContent()).toContain(`${name}: `);
    await page.mouse.move(0, 0);
    await expect.poll(() => tip.count()).toBe(0);
    await tl.getByRole('checkbox', { name: results.players[2].playerName }).check();
    await expect.poll(() => lines.count()).toBe(3);
    // A dot per sprint of the players drawn (worked out from the stored efforts, not the page; every kind: timeline-efforts.test.ts).
    const withEfforts = await call<SessionResults>('results:list', { sessionId, efforts: true });
    const checked = await tl.locator('fieldset input[type=checkbox]:checked').evaluateAll((els) => els.map((e) => e.parentElement!.textContent!.trim()));
    expect(checked.length).toBe(3);
    const sprints = withEfforts.players.filter((p) => checked.includes(p.playerName)).reduce((n, p) => n + (p.efforts?.sprints.length ?? 0), 0);
    expect(sprints).toBeGreaterThan(0);
    expect(await tl.locator('circle.p1-effort-mark[data-kind=sprint]').count()).toBe(sprints);
    // Ten minutes: every 1 s value drawn, and the caption says so.
    expect(await tl.locator('figcaption').textContent()).toContain('each point: 1 s;');
    await shot('timeline-h', 'results-timeline');
    // Zoom to a period: only its area stays.
    await tl.getByRole('group', { name: 'Zoom to' }).getByRole('button', { name: 'Game' }).click();
    await expect.poll(() => tl.locator('rect.p1-period-area').count()).toBe(1);
    await shot('periods-compared-h', 'results-periods-compared');
    await shot('summary-h', 'results-summary');
  });

  it('sorts and filters the team table; the headline view needs no sideways scroll at 1366 px', async () => {
    const table = page.locator('table.results-table');
    const names = () => table.locator('tbody th[scope=row]').evaluateAll((ths) => ths.map((th) => th.firstChild?.textContent ?? ''));
    await table.locator('thead th[data-key=distance_m] [role=button]').click();
    const byDistance = [...results.players].sort((a, b) => b.metrics.distance_m! - a.metrics.distance_m!).map((p) => p.playerName);
    expect(await names()).toEqual(byDistance);
    await table.locator('thead th[data-key=distance_m] [role=button]').click();
    expect(await names()).toEqual([...byDistance].reverse());
    const first = results.players[0].playerName;
    await page.fill('input[name=team-filter]', first.split(' ')[0]);
    expect(await names()).toEqual(results.players.filter((p) => p.playerName.includes(first.split(' ')[0])).map((p) => p.playerName));
    await page.fill('input[name=team-filter]', '');
    const box = await table.evaluate((t) => ({ table: t.scrollWidth, box: t.closest('.table-scroll')!.clientWidth, page: document.documentElement.scrollWidth, win: window.innerWidth }));
    expect(box.win).toBe(1366);
    expect(box.table).toBeLessThanOrEqual(box.box);
    expect(box.page).toBeLessThanOrEqual(box.win);
    await shot('team-h', 'results-team-table');
  });

  it('exports the PDF, the report, the CSV and the metadata into a typed folder', async () => {
    await page.getByText('Export…').click();
    await page.fill('input[name=export-folder]', out);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved into' }).waitFor({ timeout: 60_000 });
    const files = readdirSync(out).sort();
    expect(files).toEqual(['Results E2E 2026-03-14.csv', 'Results E2E 2026-03-14.html', 'Results E2E 2026-03-14.pdf', 'player1data_session_metadata.csv']);
    expect(readFileSync(join(out, 'Results E2E 2026-03-14.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: join(SHOTS, 'results-export.png') });
  }, 90_000);
});
