/**
 * The timeline marks every effort behind the counts (issue 15): sprints, accelerations and
 * decelerations, in the report and on the app's session page (the same component), at 1366 × 768
 * in Chromium, on the sample session with two periods. Each count on the page is worked out from
 * the stored results (results:list with their effort lists, and the metrics they count), not from
 * the page: a mark per effort of the players drawn, of each kind, at the team table's threshold
 * (3 m/s²) and at another; hiding a kind removes its marks; zooming to a period keeps the efforts
 * that start in it, as the period's counts do; a mark's tooltip names its effort. The marks and
 * the legend print; the PDF says which efforts are marked. The Team total row's duration (the
 * players' time summed) reads in hours and minutes, or minutes and seconds under an hour, the
 * same in the report, its PDF and the session page. Screenshots in test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { SessionResults } from '../../src/shared/api/results.contract.ts';
import type { EffortRecord } from '../../src/shared/domain/player-result.ts';
import { reportToPdf } from '../../src/main/core/exports/pdf-chromium.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { processedSampleWithPeriods } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results');
const BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html')) && existsSync(join(REPO_ROOT, 'out', 'report-viewer', 'report-viewer.js'));
const HAS_POPPLER = spawnSync('pdftotext', ['-v']).status === 0;
type Kind = 'sprint' | 'accel' | 'decel';
const KINDS: Kind[] = ['sprint', 'accel', 'decel'];

type Player = SessionResults['players'][number];

/** A player's stored efforts of a kind; accelerations and decelerations of threshold band `band` (0: 2 m/s², 1: 3 m/s²). */
function stored(p: Player, kind: Kind, band: number): EffortRecord[] {
  const ef = p.efforts!;
  return kind === 'sprint' ? ef.sprints : kind === 'accel' ? ef.accels[band].efforts : ef.decels[band].efforts;
}
/** The metric that counts them (band 1 is the team table's accel_efforts_2 / decel_efforts_2). */
const countKey = (kind: Kind, band: number) => (kind === 'sprint' ? 'sprint_efforts' : `${kind}_efforts_${band + 1}`);

/** A clock time as a coach reads it in the zone, from Intl itself. */
const clock = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);

/**
 * A total of seconds as the Team total row should read it, worked here: to the minute, in hours and
 * minutes from an hour on; to the second, in minutes and seconds under it.
 */
function totalText(seconds: number): string {
  const min = Math.round(seconds / 60);
  if (min >= 60) return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

describe.skipIf(!HAS_CHROMIUM || !BUILT)(`timeline efforts${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let sessionId = '';
  let results: SessionResults;
  let reportPath = '';
  const out = makeTempDir('p1-timeline-efforts-');
  const call = coreCall(() => host.core);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    sessionId = await processedSampleWithPeriods(call, (id) => host.core.jobs.whenIdle(id), 'Efforts E2E');
    results = await call<SessionResults>('results:list', { sessionId, efforts: true });
    reportPath = (await call<{ path: string }>('reports:get', { sessionId })).path;
    browser = await launchBrowser({ timezoneId: 'UTC' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(out, { recursive: true, force: true });
  });

  /** The players the timeline draws (its checked boxes), as stored. */
  async function drawn(tl: Locator): Promise<Player[]> {
    const names = await tl.locator('fieldset input[type=checkbox]:checked').evaluateAll((els) => els.map((e) => e.parentElement!.textContent!.trim()));
    return names.map((n) => results.players.find((p) => p.playerName === n)!);
  }
  const marks = (tl: Locator, kind: Kind, playerId?: string) => tl.locator(`svg.p1-chart .p1-effort-mark[data-kind=${kind}]${playerId ? `[data-player="${playerId}"]` : ''}`);

  /** Every drawn player's marks of each kind are its stored efforts (the same start times) and as many as its metrics count. */
  async function expectMarks(tl: Locator, band: number, scope?: { startMs: number; endMs: number }) {
    const players = await drawn(tl);
    expect(players.length).toBeGreaterThan(0);
    for (const kind of KINDS) {
      let total = 0;
      for (const p of players) {
        const want = stored(p, kind, band).filter((e) => !scope || (e.startMs >= scope.startMs && e.startMs < scope.endMs));
        const starts = await marks(tl, kind, p.playerId).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-start'))));
        expect(starts.sort((a, b) => a - b), `${kind} ${p.playerName}`).toEqual(want.map((e) => e.startMs).sort((a, b) => a - b));
        total += want.length;
      }
      expect(await marks(tl, kind).count(), kind).toBe(total);
      // The legend says how many are marked.
      expect(await tl.locator(`.p1-effort-legend button[data-kind=${kind}] .n`).innerText()).toBe(`(${total})`);
    }
  }

  /** Moves the pointer onto a mark and returns the tooltip's text. */
  async function hoverMark(page: Page, tl: Locator, kind: Kind, p: Player, e: EffortRecord): Promise<string> {
    const m = tl.locator(`svg.p1-chart .p1-effort-mark[data-kind=${kind}][data-player="${p.playerId}"][data-start="${e.startMs}"]`);
    await m.scrollIntoViewIfNeeded();
    const box = (await m.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = tl.locator('.p1-chart-tip');
    await tip.waitFor();
    return tip.innerText();
  }

  /** An effort of a kind among the drawn players whose rounded values cannot sit on a rounding tie. */
  function pick(players: Player[], kind: Kind): { p: Player; e: EffortRecord } {
    for (const p of players) {
      for (const e of stored(p, kind, 1)) {
        const v = kind === 'sprint' ? e.maxSpeedMs * 36 : Math.abs(e.peakAccelMs2!) * 100;
        if (Math.abs((v % 1) - 0.5) > 0.05) return { p, e };
      }
    }
    throw new Error(`no ${kind} effort among the players drawn`);
  }

  /** Checks a mark's tooltip against the stored effort: kind, player, start in the zone, duration, peak with its unit. */
  async function expectTips(page: Page, tl: Locator, timeZone: string) {
    const players = await drawn(tl);
    const kmh = results.display.speed === 'km/h';
    for (const kind of KINDS) {
      const { p, e } = pick(players, kind);
      const text = await hoverMark(page, tl, kind, p, e);
      const label = kind === 'sprint' ? 'Sprint' : kind === 'accel' ? 'Acceleration ≥ 3 m/s²' : 'Deceleration ≤ −3 m/s²';
      expect(text.split('\n')[0]).toBe(label);
      expect(text).toContain(p.playerName);
      expect(text).toContain(`Start ${clock(e.startMs, timeZone)} · ${e.durationS.toFixed(1)} s`);
      if (kind === 'sprint') expect(text).toContain(`Top speed ${(kmh ? e.maxSpeedMs * 3.6 : e.maxSpeedMs).toFixed(kmh ? 1 : 2)} ${results.display.speed}`);
      else expect(text).toContain(`Peak ${kind === 'accel' ? 'acceleration' : 'deceleration'} ${e.peakAccelMs2!.toFixed(2)} m/s²`);
      // The peak is an acceleration of the effort: past its threshold, in its direction.
      if (kind === 'accel') expect(e.peakAccelMs2!).toBeGreaterThanOrEqual(3);
      if (kind === 'decel') expect(e.peakAccelMs2!).toBeLessThanOrEqual(-3);
    }
    await page.mouse.move(0, 0);
  }

  it('stores what the marks are checked against: a list per count, and something of each kind to mark', () => {
    for (const p of results.players) {
      for (const kind of KINDS) for (const band of [0, 1]) expect(stored(p, kind, band), `${p.playerName} ${kind}`).toHaveLength(p.metrics[countKey(kind, band)]!);
      for (const b of p.efforts!.accels) for (const e of b.efforts) expect(e.peakAccelMs2!).toBeLessThanOrEqual(p.metrics.max_accel_ms2! + 1e-3);
      for (const b of p.efforts!.decels) for (const e of b.efforts) expect(e.peakAccelMs2!).toBeGreaterThanOrEqual(p.metrics.max_decel_ms2! - 1e-3);
    }
    const two = results.players.slice(0, 2);
    for (const kind of KINDS) expect(two.reduce((n, p) => n + stored(p, kind, 1).length, 0), kind).toBeGreaterThan(0);
  });

  it('in the report: a mark per effort of each kind, shown or hidden by kind, at each threshold, per period, with tooltips', async () => {
    const page = await browser.context.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(reportPath).href);
      await page.locator('html[data-ready="1"]').waitFor({ state: 'attached' });
      const model = JSON.parse(readFileSync(reportPath, 'utf8').match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as { timeZone: string };
      const tl = page.locator('#timeline-slot figure.p1-timeline');
      await tl.locator('.p1-effort-mark').first().waitFor();
      // At first the team table's threshold (3 m/s²): the marks are the efforts its columns count.
      expect(await tl.locator('.p1-effort-band button[aria-pressed=true]').innerText()).toBe('3 m/s²');
      await expectMarks(tl, 1);
      await expectTips(page, tl, model.timeZone);

      // Hiding a kind removes its marks and leaves the others; showing it brings them back.
      const before = await Promise.all(KINDS.map((k) => marks(tl, k).count()));
      for (const [i, kind] of KINDS.entries()) {
        const button = tl.locator(`.p1-effort-legend button[data-kind=${kind}]`);
        await button.click();
        expect(await button.getAttribute('aria-pressed')).toBe('false');
        expect(await marks(tl, kind).count()).toBe(0);
        for (const [j, other] of KINDS.entries()) if (j !== i) expect(await marks(tl, other).count()).toBe(before[j]);
        await button.click();
        expect(await marks(tl, kind).count()).toBe(before[i]);
      }

      // At 2 m/s² the marks are the efforts of accel_efforts_1 / decel_efforts_1.
      await tl.locator('.p1-effort-band').getByRole('button', { name: '2 m/s²' }).click();
      await expectMarks(tl, 0);
      await tl.locator('.p1-effort-band').getByRole('button', { name: '3 m/s²' }).click();

      // Zoomed to a period: the efforts that start in it, as many as the period's counts.
      const game = results.periods.find((p) => p.name === 'Game')!;
      await tl.getByRole('group', { name: 'Zoom to' }).getByRole('button', { name: 'Game' }).click();
      await expectMarks(tl, 1, game);
      for (const p of await drawn(tl)) {
        const row = game.rows.find((r) => r.playerId === p.playerId)!;
        for (const kind of KINDS) expect(await marks(tl, kind, p.playerId).count(), `${kind} ${p.playerName} in Game`).toBe(row.metrics[countKey(kind, 1)]);
      }
      await tl.getByRole('group', { name: 'Zoom to' }).getByRole('button', { name: 'Whole session' }).click();

      // A third player drawn: its efforts are marked too.
      const third = results.players[2];
      await tl.getByRole('checkbox', { name: third.playerName }).check();
      await expectMarks(tl, 1);
      await tl.getByRole('checkbox', { name: third.playerName }).uncheck();

      // The marks print, with the legend of the kinds shown (a hidden kind and the threshold buttons do not).
      await tl.locator('.p1-effort-legend button[data-kind=sprint]').click();
      await page.emulateMedia({ media: 'print' });
      for (const kind of ['accel', 'decel'] as const) expect(await marks(tl, kind).count()).toBe(before[KINDS.indexOf(kind)]);
      expect(await tl.locator('.p1-effort-legend button[data-kind=accel]').isVisible()).toBe(true);
      expect(await tl.locator('.p1-effort-legend button[data-kind=sprint]').isVisible()).toBe(false);
      expect(await tl.locator('.p1-effort-band').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
      await tl.locator('.p1-effort-legend button[data-kind=sprint]').click();

      // The screenshot: all three kinds, the tooltip on an acceleration.
      const players = await drawn(tl);
      const { p, e } = pick(players, 'accel');
      await hoverMark(page, tl, 'accel', p, e);
      await tl.screenshot({ path: join(SHOTS, 'timeline-efforts-report.png') });
      await page.mouse.move(0, 0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.skipIf(!HAS_POPPLER)('the PDF prints the legend of the efforts marked, and the Team total in hours and minutes', async () => {
    const pdf = join(out, 'report.pdf');
    await reportToPdf(reportPath, pdf);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout.replace(/\s+/g, ' ');
    // The export prints the defaults: the first two players drawn, every kind at 3 m/s².
    const two = results.players.slice(0, 2);
    const n = (kind: Kind) => two.reduce((a, p) => a + p.metrics[countKey(kind, 1)]!, 0);
    expect(text).toContain('Efforts marked:');
    expect(text).toContain(`Sprints (${n('sprint')})`);
    expect(text).toContain(`Accelerations ≥ 3 m/s² (${n('accel')})`);
    expect(text).toContain(`Decelerations ≤ −3 m/s² (${n('decel')})`);
    const total = totalText(results.players.reduce((a, p) => a + p.metrics.duration_s!, 0));
    expect(text).toContain(`team total ${total}`);
    // The team table's Team total row (its first column is the time), as laid out on the page.
    const layout = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
    const row = layout.split('\n').find((l) => /^\s*Team total\s/.test(l))!;
    expect(row.trim().replace(/\s+/g, ' ')).toMatch(new RegExp(`^Team total ${total} `));
  }, 60_000);

  it('the Team total row reads the players\' time summed in hours and minutes (or minutes and seconds), as the header does', async () => {
    const sum = results.players.reduce((a, p) => a + p.metrics.duration_s!, 0);
    // Five players over ten minutes: ~50 min, under an hour, so to the second.
    expect(sum).toBeGreaterThan(45 * 60);
    expect(sum).toBeLessThan(3600);
    const want = totalText(sum);
    const page = await browser.context.newPage();
    try {
      await page.goto(pathToFileURL(reportPath).href);
      await page.locator('html[data-ready="1"]').waitFor({ state: 'attached' });
      const cell = page.locator('#team-table tfoot tr[data-row=team-total] td[data-key=duration_s]');
      expect(await cell.innerText()).toBe(want);
      expect(await page.locator('#report-when').innerText()).toContain(`team total ${want}`);
      // A player's duration stays a match clock (mm:ss).
      const first = results.players[0];
      const s = Math.round(first.metrics.duration_s!);
      expect(await page.locator(`#team-table tbody tr[data-player="${first.playerId}"] td[data-key=duration_s]`).innerText()).toBe(`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
      await page.locator('#team-table tfoot').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'team-total-report.png') });
    } finally {
      await page.close();
    }
  });

  it('on the session page: the same marks, legend and tooltips; the same Team total', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
      await page.locator('table.results-table').waitFor();
      const tl = page.locator('figure.p1-timeline');
      await tl.locator('.p1-effort-mark').first().waitFor();
      await expectMarks(tl, 1);
      await expectTips(page, tl, 'UTC');
      const button = tl.locator('.p1-effort-legend button[data-kind=decel]');
      await button.click();
      expect(await marks(tl, 'decel').count()).toBe(0);
      await button.click();
      const { p, e } = pick(await drawn(tl), 'decel');
      await page.evaluate(() => document.getElementById('timeline-h')!.scrollIntoView());
      await hoverMark(page, tl, 'decel', p, e);
      await page.screenshot({ path: join(SHOTS, 'timeline-efforts-app.png') });
      await page.mouse.move(0, 0);
      const want = totalText(results.players.reduce((a, q) => a + q.metrics.duration_s!, 0));
      const cell = page.locator('table.results-table tfoot tr[data-row=team-total] td[data-key=duration_s]');
      expect(await cell.innerText()).toBe(want);
      await cell.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'team-total-app.png') });
    } finally {
      await page.close();
    }
  });
});
