/**
 * Browser end-to-end for who wears what on the session page, and what results were computed for:
 * the built renderer in Chromium through the loopback bridge against the real core. One player
 * wears a 10 Hz pod (GNSS, accelerometer, no heart rate) and a 1 Hz watch (GNSS and heart rate);
 * another wears one pod. The page lists both units under the player with their files and the
 * three kinds with "Automatic" (the rule stated); after Process Report it says which unit each kind
 * came from (GNSS from the pod, heart rate from the watch) and the window and period the results
 * were computed for. Choosing GNSS from the watch is stored and flags the result stale; a unit is
 * added beside the pod and removed again. The report says the window, the period and the units.
 * Screenshots at 1366 × 768: test-results/e2e/session-units-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { launchBrowser, openReport, recordBridge, HAS_CHROMIUM, CHROMIUM_SKIP_REASON, type BridgeLog } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { simulateUnit, DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';
import { writeGpsCsv, writeImuCsv } from '../../src/main/core/formats/player1-csv.writer.ts';
import type { Session } from '../../src/shared/domain/session.ts';
import type { ScanResult as ImportScanResult } from '../../src/shared/api/imports.contract.ts';
import type { Unit } from '../../src/shared/domain/roster.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const OPTS = { ...DEFAULT_SAMPLE, players: 2, minutes: 4 };
const MIN = 60_000;

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(
  `units worn and data sources on the session page in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`,
  () => {
    let host: DevHost;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let context: BrowserContext;
    let page: Page;
    let sessionId = '';
    let startMs = 0;
    const errors: string[] = [];

    const call = coreCall(() => host.core);
    const shot = (name: string, p: Page = page) => p.screenshot({ path: join(SHOTS, `session-units-${name}.png`), fullPage: false });
    /** What the page asks of the core over the bridge, and what it answers (recorded from the first test on). */
    let bridge: BridgeLog;
    const sent = () => bridge.sent();
    const maxRow = () => page.getByRole('table', { name: 'Participants' }).locator('tbody tr', { hasText: 'Max Roberts' });
    const select = (kind: string) => page.getByLabel(`${kind} for Max Roberts`, { exact: true });

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      const dir = makeTempDir('p1-e2e-units-');
      const max = simulateUnit(OPTS, 0, { deviceId: 'P1-2001', playerName: 'Max Roberts', position: 'FB' });
      const sam = simulateUnit(OPTS, 1, { deviceId: 'P1-2002', playerName: 'Sam Lee', position: 'CB' });
      mkdirSync(join(dir, 'pods', 'P1-2001'), { recursive: true });
      mkdirSync(join(dir, 'pods', 'P1-2002'), { recursive: true });
      writeFileSync(join(dir, 'pods', 'meta.csv'), 'device_id,player_name,position\nP1-2001,Max Roberts,FB\nP1-2002,Sam Lee,CB\n');
      // Max's pod has no strap paired (no heart rate); Sam's has one.
      writeGpsCsv(join(dir, 'pods', 'P1-2001', 'gps.csv'), max.gnss, null);
      writeImuCsv(join(dir, 'pods', 'P1-2001', 'imu.csv'), max.imu);
      writeGpsCsv(join(dir, 'pods', 'P1-2002', 'gps.csv'), sam.gnss, sam.hr);
      // Max's watch: every 10th fix (1 Hz), a little east of the pod's, with his heart rate.
      const rows = ['# device_id=WATCH-7', 'time,lat,lon,hr'];
      for (let i = 0; i < max.gnss.t.length; i += 10) rows.push(`${Math.round(max.gnss.t[i])},${max.gnss.lat[i].toFixed(7)},${(max.gnss.lon[i] + 0.00002).toFixed(7)},${Math.round(max.hr.bpm[i])}`);
      writeFileSync(join(dir, 'watch.csv'), `${rows.join('\n')}\n`);
      startMs = OPTS.startMs;

      host = await startDevHost({ dataDir: makeTempDir() });
      sessionId = (await call<Session>('sessions:create', { name: 'Two units E2E', startMs, endMs: startMs + OPTS.minutes * MIN })).id;
      const scan = await call<ImportScanResult>('imports:scan', { sessionId, paths: [join(dir, 'pods'), join(dir, 'watch.csv')] });
      const files = scan.files.filter((f) => f.format);
      await call('imports:commit', {
        sessionId,
        scanId: scan.scanId,
        files: files.map((f) => ({
          fileId: f.fileId,
          deviceId: f.unitId!,
          player: f.unitId === 'P1-2002' ? { newPlayer: { name: 'Sam Lee', position: 'CB' } } : { newPlayer: { name: 'Max Roberts', position: 'FB' } },
        })),
      });
      // A strap on the shelf, worn by nobody yet.
      await call('units:create', { deviceId: 'HRM-9', label: 'chest strap' });
      await call('periods:create', { sessionId, name: 'Drill A', startMs: startMs + MIN, endMs: startMs + 3 * MIN });

      browser = await launchBrowser({ timezoneId: 'UTC' });
      context = browser.context;
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    });
    afterAll(async () => {
      await browser?.close();
      await host?.close();
    });

    it('lists each unit a player wears, with its files, and each kind of data as Automatic with the rule', async () => {
      bridge = recordBridge(page);
      await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
      await page.getByRole('heading', { name: 'Players and units', level: 2 }).waitFor();
      // Opening the session has the core check its four files while idle (jobs:prepare), once.
      await expect.poll(() => sent().filter((m) => m.method === 'jobs:prepare').length).toBe(1);
      await page.waitForTimeout(500); // and no second one after it
      expect(sent().filter((m) => m.method === 'jobs:prepare')).toHaveLength(1);
      const asked = sent().find((m) => m.method === 'jobs:prepare')!;
      expect(asked.input).toEqual({ sessionId });
      await expect.poll(() => bridge.answer(asked.id)).toMatchObject({ result: { ok: true, value: { files: 4 } } });
      expect(await call('jobs:prepare', { sessionId })).toEqual({ files: 0 });
      const row = maxRow();
      expect(await row.locator('.worn-units li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-unit')))).toEqual(['P1-2001', 'WATCH-7']);
      const text = await row.innerText();
      expect(text).toContain('P1-2001/gps.csv');
      expect(text).toContain('P1-2001/imu.csv');
      expect(text).toContain('watch.csv');
      expect(await select('GNSS').locator('option:checked').innerText()).toBe('Automatic: the highest GNSS rate');
      expect(await select('Heart rate').locator('option:checked').innerText()).toBe('Automatic: a strap (heart rate only), else the highest rate');
      expect(await select('GNSS').locator('option').allInnerTexts()).toEqual(['Automatic: the highest GNSS rate', 'P1-2001', 'WATCH-7']);
      // One unit: nothing to choose.
      expect(await page.getByRole('table', { name: 'Participants' }).locator('tbody tr', { hasText: 'Sam Lee' }).innerText()).toContain('All from P1-2002');
      await page.getByRole('heading', { name: 'Players and units', level: 2 }).scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('participants-h')!.scrollIntoView());
      await shot('1-units-before');
    });

    it('after Process Report: GNSS and accelerometer from the pod, heart rate from the watch; the results say the window and period they cover', async () => {
      const prepares = () => sent().filter((m) => m.method === 'jobs:prepare').length;
      const before = prepares();
      await page.getByRole('button', { name: 'Process Report' }).click();
      await page.getByRole('button', { name: 'View Report' }).waitFor({ timeout: 90_000 });
      // The page asks again once the run has ended (nothing is taken on while one runs).
      await expect.poll(prepares).toBe(before + 1);
      await page.waitForTimeout(500);
      expect(prepares()).toBe(before + 1);
      await page.locator('#computed-for').waitFor();
      const used = maxRow().locator('.source-used');
      await expect.poll(() => used.count(), { timeout: 10_000 }).toBe(3);
      expect(await used.allInnerTexts()).toEqual([
        'Last processed from P1-2001 (the highest GNSS rate, 10 Hz)',
        'Last processed from P1-2001 (the only unit with accelerometer data)',
        'Last processed from WATCH-7 (the only unit with heart rate data)',
      ]);
      // Sat 14 Mar 2026, 10:00 – 10:04 (UTC in this browser); the period 10:01–10:03.
      // The report's header says it in the same words (one formatter: shared/domain/computed-for.ts).
      expect(await page.locator('#computed-for').innerText()).toBe('Computed for Sat, 14 Mar 2026 · 10:00–10:04; period: Drill A 10:01–10:03.');
      expect(await page.locator('.stale-notice').count()).toBe(0);
      // The team table names the units the numbers came from, not only the main one: both of Max's, Sam's one.
      const unitOf = async (who: string) => (await page.locator('table.results-table tr[data-player]', { hasText: who }).locator('th small').innerText()).trim();
      expect(await unitOf('Max Roberts')).toBe('FB · P1-2001 + WATCH-7');
      expect(await unitOf('Sam Lee')).toBe('CB · P1-2002');
      await page.evaluate(() => document.getElementById('results-h')!.scrollIntoView());
      await shot('2-results-computed-for');
    });

    it('arrowing through a source steps without saving; Enter saves the option shown, Escape goes back, leaving saves; a mouse pick saves at once', async () => {
      const s0 = await call<Session>('sessions:get', { id: sessionId });
      const watch = s0.participants.find((p) => p.playerName === 'Max Roberts')!.units!.find((u) => u.deviceId === 'WATCH-7')!;
      /** The GNSS unit stored for Max (undefined: automatic). */
      const stored = async () => (await call<Session>('sessions:get', { id: sessionId })).participants.find((p) => p.playerName === 'Max Roberts')!.sources?.gnss;
      const gnss = select('GNSS');
      const shown = () => gnss.locator('option:checked').innerText();
      const pending = maxRow().locator('.source-pending');
      const notice = page.locator('.stale-notice');

      // Two steps down (Automatic → P1-2001 → WATCH-7): shown, said not saved yet, nothing stored.
      await gnss.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await shown()).toBe('WATCH-7');
      await pending.waitFor();
      expect(await pending.innerText()).toBe('Not saved yet: Enter or leaving the list saves it, Escape goes back');
      await page.waitForTimeout(500); // a save sent at a step would have reached the core by now
      expect(await stored()).toBeUndefined();
      expect(await notice.count()).toBe(0);
      await page.evaluate(() => document.getElementById('participants-h')!.scrollIntoView());
      await shot('3a-arrowed-not-saved');

      // Enter: the watch is stored, and the result is out of date; nothing recomputes.
      await page.keyboard.press('Enter');
      await notice.waitFor({ timeout: 10_000 });
      expect(await pending.count()).toBe(0);
      expect(await notice.getAttribute('data-stale')).toBe('sources');
      expect(await notice.innerText()).toContain('1 of 2 results were computed with another choice of units');
      expect(await stored()).toBe(watch.unitId);
      expect((await call<Session>('sessions:get', { id: sessionId })).processingStatus).toBe('COMPLETED');
      // The last run's source is still said under the new choice.
      expect(await maxRow().locator('.source-used').first().innerText()).toBe('Last processed from P1-2001 (the highest GNSS rate, 10 Hz)');
      // The note is the GNSS choice's accessible description (its aria-label names it, so a label's text would not be read).
      const described = await maxRow().locator('select').first().evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? 'none');
      expect(described).toBe('Last processed from P1-2001 (the highest GNSS rate, 10 Hz)');
      await page.evaluate(() => document.getElementById('participants-h')!.scrollIntoView());
      await shot('3-gnss-from-watch');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('3b-stale-notice');

      // Up to Automatic and Escape: back to the watch, nothing stored.
      await gnss.focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect(await shown()).toMatch(/^Automatic/);
      await pending.waitFor();
      await page.keyboard.press('Escape');
      expect(await shown()).toBe('WATCH-7');
      expect(await pending.count()).toBe(0);
      await page.waitForTimeout(300);
      expect(await stored()).toBe(watch.unitId);

      // One step up and Tab away: leaving saves P1-2001 (chosen, so still another choice than the result's automatic one).
      await page.keyboard.press('ArrowUp');
      expect(await shown()).toBe('P1-2001');
      await page.keyboard.press('Tab');
      await expect.poll(stored, { timeout: 10_000 }).toBe(s0.participants.find((p) => p.playerName === 'Max Roberts')!.unitId);
      expect(await pending.count()).toBe(0);

      // A pick with the mouse is a confirmed choice: back to Automatic, stored at once, current again.
      await gnss.selectOption({ index: 0 });
      await notice.waitFor({ state: 'detached', timeout: 10_000 });
      expect(await stored()).toBeUndefined();
    });

    it('adds a strap beside Max\'s pod and removes it again', async () => {
      const form = page.getByRole('form', { name: 'Add a unit to a player' });
      await form.getByLabel('Player').selectOption({ label: 'Max Roberts' });
      await form.getByLabel('Also wears').selectOption({ label: 'HRM-9 — chest strap' });
      await form.getByRole('button', { name: 'Add unit' }).click();
      await maxRow().locator('li[data-unit="HRM-9"]').waitFor();
      expect(await maxRow().locator('li[data-unit="HRM-9"]').innerText()).toContain('No data imported');
      expect(await select('Heart rate').locator('option').allInnerTexts()).toEqual(['Automatic: a strap (heart rate only), else the highest rate', 'P1-2001', 'WATCH-7', 'HRM-9']);
      // Worn now: no longer offered.
      expect(await form.getByLabel('Also wears').locator('option').allInnerTexts()).not.toContain('HRM-9 — chest strap');
      const s = await call<Session>('sessions:get', { id: sessionId });
      expect(s.participants.find((p) => p.playerName === 'Max Roberts')!.units!.map((u) => u.deviceId)).toEqual(['P1-2001', 'WATCH-7', 'HRM-9']);
      await page.evaluate(() => document.getElementById('participants-h')!.scrollIntoView());
      await shot('4-strap-added');

      await page.getByRole('button', { name: 'Remove HRM-9 from Max Roberts' }).click();
      await maxRow().locator('li[data-unit="HRM-9"]').waitFor({ state: 'detached' });
      const after = await call<Session>('sessions:get', { id: sessionId });
      expect(after.participants.find((p) => p.playerName === 'Max Roberts')!.units!.map((u) => u.deviceId)).toEqual(['P1-2001', 'WATCH-7']);
      // Sam wears one unit: no Remove unit for it.
      expect(await page.getByRole('button', { name: 'Remove P1-2002 from Sam Lee' }).count()).toBe(0);
    });

    it('every target is big enough and no choice is cut off at 1366 px', async () => {
      // Remove unit is a button like the others: at least 44 × 44 px (WCAG 2.5.8 asks 24).
      const remove = await page.getByRole('button', { name: 'Remove WATCH-7 from Max Roberts' }).boundingBox();
      expect(remove!.height).toBeGreaterThanOrEqual(44);
      expect(remove!.width).toBeGreaterThanOrEqual(44);
      // Each source select is wide enough for every one of its options' text (measured in its own font),
      // besides its padding and the arrow.
      const cut = await maxRow()
        .locator('.sources select')
        .evaluateAll((sels) => {
          const ctx = document.createElement('canvas').getContext('2d')!;
          return sels.flatMap((el) => {
            const sel = el as HTMLSelectElement;
            const st = getComputedStyle(sel);
            ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
            const room = sel.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 20;
            return [...sel.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => `${sel.getAttribute('aria-label')}: ${o.text} (${Math.round(ctx.measureText(o.text).width)} > ${Math.round(room)} px)`);
          });
        });
      expect(cut).toEqual([]);
      // And the page does not scroll sideways for it.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });

    it('the report says the window and period its results cover, and which unit each kind came from', async () => {
      const appSays = await page.locator('#computed-for').innerText();
      const report = await openReport(context, page);
      await report.locator('#computed-for').waitFor();
      // The same words as the session page's (one formatter for both).
      expect(await report.locator('#computed-for').innerText()).toBe(appSays);
      expect(await report.locator('#computed-for').innerText()).toBe('Computed for Sat, 14 Mar 2026 · 10:00–10:04; period: Drill A 10:01–10:03.');
      const row = report.locator('#provenance-table tbody tr', { hasText: 'Max Roberts' });
      const cells = await row.locator('td').allInnerTexts();
      expect(cells.slice(2, 5)).toEqual([
        'Sat, 14 Mar 2026 · 10:00–10:04',
        'Drill A 10:01–10:03',
        'GNSS P1-2001 (the highest GNSS rate, 10 Hz)\nAccelerometer P1-2001 (the only unit with accelerometer data)\nHeart rate WATCH-7 (the only unit with heart rate data)',
      ]);
      expect((await report.locator('#provenance-table tbody tr', { hasText: 'Sam Lee' }).locator('td').allInnerTexts())[4]).toBe('P1-2002');
      // Its team table (drawn by the viewer) and its static tables name both of Max's units too.
      expect((await report.locator('#team-table tr[data-player]', { hasText: 'Max Roberts' }).locator('th small').innerText()).trim()).toBe('FB · P1-2001 + WATCH-7');
      expect(await report.locator('table[id^="section-"] tr', { hasText: 'Max Roberts' }).first().innerText()).toContain('P1-2001 + WATCH-7');
      await report.screenshot({ path: join(SHOTS, 'session-units-5-report-header.png') });
      await report.locator('#provenance-table').scrollIntoViewIfNeeded();
      await report.screenshot({ path: join(SHOTS, 'session-units-6-report-provenance.png') });
      await report.close();
      expect(errors).toEqual([]);
      const units = await call<Unit[]>('units:list', {});
      expect(units.map((u) => u.deviceId).sort()).toEqual(['HRM-9', 'P1-2001', 'P1-2002', 'WATCH-7']);
    });
  },
);
