/**
 * The session page's results as a coach uses them, in Chromium at 1366 × 768 through the bridge,
 * on the sample session with two periods: the timeline draws one line per chosen player with the
 * periods shaded; sorting and filtering change the team table; the headline table needs no
 * sideways scroll (issue 16 item 12); Export… saves the PDF, report, CSV and metadata into a
 * typed folder, then "Open folder" opens exactly that folder and "Choose folder…" fills the folder
 * from the host's picker (the dev host given an opener and a picker that record their calls, as
 * Electron's main gives shell.openPath and its dialog). Screenshots of each section land in
 * test-results/e2e.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { SessionResults } from '../../src/shared/api/results.contract.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_OPTIONS, processedSampleWithPeriods } from '../support/sample.ts';
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
  const picked = makeTempDir('p1-picked-');
  // The host's abilities a browser lacks, as Electron's main gives them (shell.openPath, the folder
  // dialog): an opener that records what it is asked to open, a picker that answers in turn.
  const opened: string[] = [];
  const pickerAnswers: (string | null)[] = [];
  const pickerTitles: string[] = [];
  const call = coreCall(() => host.core);
  const shot = async (id: string, name: string) => {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.evaluate((i) => document.getElementById(i)!.scrollIntoView(), id);
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({
      dataDir: makeTempDir(),
      host: {
        openPath: async (p) => void opened.push(p),
        pickFolder: async (title) => (pickerTitles.push(title), pickerAnswers.shift() ?? null),
      },
    });
    sessionId = await processedSampleWithPeriods(call, (id) => host.core.jobs.whenIdle(id), 'Results E2E');
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
    rmSync(picked, { recursive: true, force: true });
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
    const game = { from: START + 4 * MIN, to: START + 10 * MIN };
    expect(await tl.locator('figcaption').textContent()).toMatch(/^Speed \(km\/h\) over time, Game; each point: 1 s;/);
    // The time axis: a tick on each whole minute of the period (UTC here), none outside it.
    const minutes: string[] = [];
    for (let t = game.from; t <= game.to; t += MIN) minutes.push(new Date(t).toISOString().slice(11, 16));
    expect(await tl.locator('svg.p1-chart g.p1-axis-x text').allTextContents()).toEqual(minutes);
    // Every line holds only the period's seconds (one point per stored 1 s value in it, the first
    // at the plot's left edge) and stays inside the plot's clip box; so do the sprint dots.
    const clip = await tl.locator('svg.p1-chart clipPath rect').evaluate((r) => ({ x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')) }));
    const stored = await call<SessionResults>('results:list', { sessionId, series: true, efforts: true });
    for (const path of await tl.locator('path.p1-player-line').all()) {
      const id = (await path.getAttribute('data-player'))!;
      const s = stored.players.find((p) => p.playerId === id)!.series!;
      const inGame = s.speedMs.filter((v, i) => v != null && s.startMs + i * s.stepS * 1000 >= game.from && s.startMs + i * s.stepS * 1000 < game.to).length;
      const xs = [...((await path.getAttribute('d')) ?? '').matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
      expect(inGame).toBeGreaterThan(300);
      expect(xs.length).toBe(inGame);
      expect(xs[0]).toBeCloseTo(clip.x, 0);
      for (const x of xs) {
        expect(x).toBeGreaterThanOrEqual(clip.x - 0.05);
        expect(x).toBeLessThanOrEqual(clip.x + clip.w + 0.05);
      }
    }
    const drawnNow = await tl.locator('path.p1-player-line').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-player')));
    const gameSprints = stored.players.filter((p) => drawnNow.includes(p.playerId)).flatMap((p) => p.efforts?.sprints ?? []).filter((e) => e.startMs >= game.from && e.startMs < game.to);
    const dotXs = await tl.locator('circle.p1-effort-mark[data-kind=sprint]').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cx'))));
    expect(dotXs.length).toBe(gameSprints.length);
    for (const x of dotXs) expect(x >= clip.x && x <= clip.x + clip.w).toBe(true);
    await shot('timeline-h', 'results-timeline-zoom-game');
    await shot('periods-compared-h', 'results-periods-compared');
    await shot('summary-h', 'results-summary');
  });

  it('draws heart rate (bpm) and PlayerLoad per minute (au/min) for the chosen players; a plotted PlayerLoad/min is the stored series converted', async () => {
    const tl = page.locator('figure.p1-timeline');
    await tl.getByRole('group', { name: 'Zoom to' }).getByRole('button', { name: 'Whole session' }).click();
    const modes = tl.getByRole('group', { name: 'Timeline shows' });
    const chosenIds = () => tl.locator('fieldset input[type=checkbox]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name.replace(/^timeline-/, '')).sort());
    const drawnIds = () => tl.locator('path.p1-player-line').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-player')!).sort());
    const axisUnit = () => tl.locator('svg.p1-chart g.p1-axis-y > text[transform]').textContent();
    const stored = await call<SessionResults>('results:list', { sessionId, series: true });
    const series = new Map(stored.players.map((p) => [p.playerId, p.series!]));
    const nameOf = new Map(stored.players.map((p) => [p.playerId, p.playerName]));
    expect(await axisUnit()).toBe('km/h');

    // Three players chosen (whatever the test before left chosen).
    for (const p of results.players) {
      const box = tl.getByRole('checkbox', { name: p.playerName });
      if (results.players.indexOf(p) < 3) await box.check();
      else await box.uncheck();
    }
    await modes.getByRole('button', { name: 'Heart rate' }).click();
    expect(await modes.getByRole('button', { name: 'Heart rate' }).getAttribute('aria-pressed')).toBe('true');
    const chosen = await chosenIds();
    expect(chosen).toEqual(results.players.slice(0, 3).map((p) => p.playerId).sort());
    // Every chosen player has a stored heart-rate series, so each gets a line.
    for (const id of chosen) expect(series.get(id)!.hrBpm!.some((v) => v != null)).toBe(true);
    await expect.poll(drawnIds).toEqual(chosen);
    expect(await axisUnit()).toBe('bpm');
    expect(await tl.locator('figcaption').textContent()).toMatch(/^Heart rate \(bpm\) over time; each point: 1 s; shaded: periods; marks: /);
    // The efforts stay marked on the heart-rate trace: a sprint mark per sprint of the players drawn.
    const withEfforts = await call<SessionResults>('results:list', { sessionId, efforts: true });
    const chosenSprints = withEfforts.players.filter((p) => chosen.includes(p.playerId)).reduce((n, p) => n + (p.efforts?.sprints.length ?? 0), 0);
    expect(chosenSprints).toBeGreaterThan(0);
    expect(await tl.locator('circle.p1-effort-mark[data-kind=sprint]').count()).toBe(chosenSprints);
    // The value axis reaches the highest heart rate drawn (from the stored series).
    const hrTop = Math.max(...chosen.flatMap((id) => series.get(id)!.hrBpm!.filter((v): v is number => v != null)));
    const yTicks = (await tl.locator('svg.p1-chart g.p1-axis-y text:not([transform])').allTextContents()).map(Number);
    expect(Math.max(...yTicks)).toBeGreaterThanOrEqual(hrTop);
    await shot('timeline-h', 'results-timeline-heart-rate');

    await modes.getByRole('button', { name: 'PlayerLoad' }).click();
    await expect.poll(axisUnit).toBe('au/min');
    expect(await drawnIds()).toEqual(chosen);
    expect(await tl.locator('figcaption').textContent()).toMatch(/^PlayerLoad per minute \(au\/min\) over time; each point: 1 s;/);
    // Hover the middle of the chart: the tip names the second it points at and each line's value
    // there; the stored PlayerLoad of that second (au per step), by hand: / step (s) × 60 s.
    const box = (await tl.locator('svg.p1-chart').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    const tip = tl.locator('.p1-chart-tip');
    await tip.waitFor();
    const tipText = (await tip.innerText()).split('\n');
    const [, hh, mm, ss] = tipText[0].match(/^(\d\d):(\d\d):(\d\d)$/)!.map(Number);
    const at = Date.UTC(2026, 2, 14, hh, mm, ss);
    let checked = 0;
    for (const id of chosen) {
      const s = series.get(id)!;
      const i = (at - s.startMs) / (s.stepS * 1000);
      expect(Number.isInteger(i)).toBe(true);
      const raw = s.playerLoad![i];
      const row = tipText.find((l) => l.startsWith(`${nameOf.get(id)}: `))!;
      if (raw == null) {
        expect(row).toBe(`${nameOf.get(id)}: no value`);
        continue;
      }
      const perMin = (raw / s.stepS) * 60;
      expect(row).toMatch(new RegExp(`^${nameOf.get(id)}: \\d+\\.\\d au/min$`));
      expect(Math.abs(Number(row.split(': ')[1].split(' ')[0]) - perMin)).toBeLessThanOrEqual(0.06);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    await shot('timeline-h', 'results-timeline-playerload');
    await page.mouse.move(0, 0);
    await modes.getByRole('button', { name: 'Speed' }).click();
    await expect.poll(axisUnit).toBe('km/h');
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
    // Under the table: which HRmax the zones and TRIMP were read against, in the report's words (the
    // same core function writes both). The sample's 5 players all have heart rate and none an HRmax of their own.
    const note = await page.locator('#hr-max-note').innerText();
    expect(note).toBe(results.hrMaxNote);
    expect(note).toContain("No player here has their own: all 5 use the team's 200 bpm");
  });

  it('exports the PDF, the report, the CSV and the metadata into a typed folder', async () => {
    await page.getByText('Export…').click();
    // Nothing saved yet: nothing to open.
    expect(await page.getByRole('button', { name: 'Open folder' }).count()).toBe(0);
    await page.fill('input[name=export-folder]', out);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved into' }).waitFor({ timeout: 60_000 });
    const files = readdirSync(out).sort();
    expect(files).toEqual(['Results E2E 2026-03-14.csv', 'Results E2E 2026-03-14.html', 'Results E2E 2026-03-14.pdf', 'player1data_session_metadata.csv']);
    expect(readFileSync(join(out, 'Results E2E 2026-03-14.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: join(SHOTS, 'results-export.png') });
  }, 90_000);

  it('offers to open the folder once saved, and "Open folder" opens exactly that folder', async () => {
    const panel = page.locator('details.export-panel');
    const open = panel.getByRole('button', { name: 'Open folder' });
    await open.waitFor();
    expect(opened).toEqual([]);
    await open.click();
    await expect.poll(() => opened.length).toBe(1);
    expect(opened).toEqual([out]);
    expect(await panel.getByRole('alert').count()).toBe(0);
  });

  it('"Choose folder…" fills the folder from the picker (a cancel leaves it), and the new folder is the one opened', async () => {
    const panel = page.locator('details.export-panel');
    const folder = panel.locator('input[name=export-folder]');
    pickerAnswers.push(null, picked);
    await panel.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => pickerTitles.length).toBe(1);
    expect(await folder.inputValue()).toBe(out);
    await panel.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => folder.inputValue()).toBe(picked);
    expect(pickerTitles).toEqual(['Save the exports into', 'Save the exports into']);
    await panel.locator('input[name=export-pdf]').uncheck();
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: `Saved into ${picked}:` }).waitFor({ timeout: 60_000 });
    expect(readdirSync(picked).sort()).toEqual(['Results E2E 2026-03-14.csv', 'Results E2E 2026-03-14.html', 'player1data_session_metadata.csv']);
    // A new folder: nothing replaced. Saved there again: each file says it replaced the one of that name.
    const status = panel.getByRole('status');
    expect(await status.innerText()).not.toContain('replaced');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await status.innerText()).split('replaced the file of that name that was there').length - 1, { timeout: 60_000 }).toBe(3);
    opened.length = 0;
    await panel.getByRole('button', { name: 'Open folder' }).click();
    await expect.poll(() => opened.length).toBe(1);
    expect(opened).toEqual([picked]);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'results-export-open-folder.png') });
  }, 90_000);
});
