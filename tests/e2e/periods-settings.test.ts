/**
 * Browser end-to-end for periods and settings: the built renderer in Chromium through the loopback
 * bridge against the real core, with the laptop in New York (UTC−4 on 14 March 2026) so local
 * times and stored UTC differ. Two periods covering the halves of the sample window; processing;
 * per-period tables whose additive metrics add up to the whole session; display units switched to
 * km/h and yards (one value checked against its SI value converted by hand); a threshold changed
 * → the stale notice; processing again → it goes; the report's period tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { SessionResults } from '../../src/shared/api/results.contract.ts';
import type { Period } from '../../src/shared/domain/period.ts';
import { launchBrowser, openReport, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { scrolledEdges } from './table-scroll.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { formatTime } from '../../src/shared/domain/format.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const START = SAMPLE_OPTIONS.startMs; // 2026-03-14 10:00:00 UTC = 06:00:00 in New York (EDT)
const MIN = 60_000;

/** "1,234.5" → 1234.5; a duration "10:05" (mm:ss) → 605 s; a total "49 min 59 s" → 2999 s, "1 h 05 min" → 3900 s; "–" → null. */
const num = (t: string): number | null => {
  const s = t.trim();
  if (s === '–') return null;
  const total = /^(?:(\d+) h )?(\d+) min(?: (\d{2}) s)?$/.exec(s);
  if (total) return Number(total[1] ?? 0) * 3600 + Number(total[2]) * 60 + Number(total[3] ?? 0);
  const clock = /^(\d+):(\d{2})$/.exec(s);
  return clock ? Number(clock[1]) * 60 + Number(clock[2]) : Number(s.replace(/,/g, ''));
};

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(
  `periods and settings in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`,
  () => {
    let host: DevHost;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let context: BrowserContext;
    let page: Page;
    let sessionId = '';
    const errors: string[] = [];

    const call = coreCall(() => host.core);
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

    /** The cells of one column of the visible results table, by player id, plus the footer rows. */
    async function column(key: string): Promise<{ players: Map<string, number | null>; rows: Map<string, number | null> }> {
      const table = page.locator('table.results-table');
      const players = new Map<string, number | null>();
      for (const tr of await table.locator('tbody tr[data-player]').all()) {
        players.set((await tr.getAttribute('data-player'))!, num(await tr.locator(`td[data-key="${key}"]`).innerText()));
      }
      const rows = new Map<string, number | null>();
      for (const tr of await table.locator('tfoot tr[data-row]').all()) {
        rows.set((await tr.getAttribute('data-row'))!, num(await tr.locator(`td[data-key="${key}"]`).innerText()));
      }
      return { players, rows };
    }

    /** Opens a player's efforts (their table is built when opened). */
    async function openEfforts(playerId: string) {
      const d = page.locator(`.efforts-list details[data-player="${playerId}"]`);
      if (!(await d.evaluate((el) => (el as HTMLDetailsElement).open))) await d.locator('summary').click();
      await d.locator('tbody tr').first().waitFor();
    }

    /** How many of a player's listed efforts (the Efforts section, opened) are of this kind. */
    async function listed(playerId: string, kind: string): Promise<number> {
      await openEfforts(playerId);
      return page
        .locator(`.efforts-list details[data-player="${playerId}"] tbody tr`)
        .evaluateAll((trs, k) => trs.filter((tr) => tr.querySelector('td')?.textContent === k).length, kind);
    }

    async function showScope(name: string) {
      await page.getByRole('group', { name: 'Results for' }).getByRole('button', { name, exact: true }).click();
      const title = name === 'Whole session' ? 'Results: Whole session' : `Results: ${name} (`;
      await page.locator(`table.results-table[aria-label^="${title}"]`).waitFor();
    }

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      host = await startDevHost({ dataDir: makeTempDir() });
      // The session and its data come through the core (the import UI has its own test, app-flow).
      const s = await call<{ id: string }>('sessions:create', { name: 'Periods E2E', startMs: START, endMs: START + 10 * MIN });
      sessionId = s.id;
      await call('sessions:importFolder', { id: sessionId, folder: SAMPLE_DIR });
      browser = await launchBrowser({ timezoneId: 'America/New_York' });
      context = browser.context;
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    });
    afterAll(async () => {
      await browser?.close();
      await host?.close();
    });

    it('adds two periods in local time; the core validates them in place', async () => {
      await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
      await page.getByRole('heading', { name: 'Periods', level: 2 }).waitFor();
      const form = page.getByRole('form', { name: 'Add period' });

      // Starts at the session start by default; 06:00 New York = 10:00 UTC.
      expect(await form.locator('input[name=period-start]').inputValue()).toBe('06:00:00');
      await form.locator('input[name=period-name]').fill('First half');
      await form.locator('input[name=period-end]').fill('06:05:00');
      await form.getByRole('button', { name: 'Add period' }).click();
      await page.getByRole('table', { name: 'Periods' }).getByRole('cell', { name: 'First half', exact: true }).waitFor();

      // The next period starts where the last ended and runs to the session end.
      expect(await form.locator('input[name=period-start]').inputValue()).toBe('06:05:00');
      expect(await form.locator('input[name=period-end]').inputValue()).toBe('06:10:00');
      await form.locator('input[name=period-name]').fill('Second half');
      await form.getByRole('button', { name: 'Add period' }).click();
      await page.getByRole('table', { name: 'Periods' }).getByRole('cell', { name: 'Second half', exact: true }).waitFor();

      // Stored in UTC: the halves of the session window.
      const stored = await call<Period[]>('periods:list', { sessionId });
      expect(stored.map((p) => [p.name, p.startMs, p.endMs, p.playerIds])).toEqual([
        ['First half', START, START + 5 * MIN, null],
        ['Second half', START + 5 * MIN, START + 10 * MIN, null],
      ]);

      // An end before the start: the contract's message, next to the field.
      await form.locator('input[name=period-name]').fill('Backwards');
      await form.locator('input[name=period-start]').fill('06:04:00');
      await form.locator('input[name=period-end]').fill('06:02:00');
      await form.getByRole('button', { name: 'Add period' }).click();
      await form.locator('.field-error', { hasText: 'the period must end after it starts' }).waitFor();
      // Past the session end (06:10): the core's message, beside the field that is outside.
      await form.locator('input[name=period-name]').fill('Too late');
      await form.locator('input[name=period-start]').fill('06:08:00');
      await form.locator('input[name=period-end]').fill('06:15:00');
      await form.getByRole('button', { name: 'Add period' }).click();
      const endError = form.locator('.field-error', { hasText: 'ends after the session "Periods E2E" ends' });
      await endError.waitFor();
      expect(await form.locator('input[name=period-end]').getAttribute('aria-invalid')).toBe('true');
      expect(await form.locator('input[name=period-start]').getAttribute('aria-invalid')).toBeNull();
      await shot('10-periods-validation');
      await form.getByRole('button', { name: 'Clear' }).click();
      expect(await call<Period[]>('periods:list', { sessionId })).toHaveLength(2);

      // A period for chosen players only; edited, then deleted (two steps, nothing lost by one slip).
      const sessionNow = await call<{ participants: { playerId: string; playerName: string }[] }>('sessions:get', { id: sessionId });
      const chosen = sessionNow.participants[2];
      await form.locator('input[name=period-name]').fill('Set piece');
      await form.locator('input[name=period-start]').fill('06:02:00');
      await form.locator('input[name=period-end]').fill('06:04:00');
      await form.getByLabel('Chosen players').check();
      await form.getByRole('button', { name: 'Add period' }).click();
      await form.locator('.field-error', { hasText: 'choose at least one player' }).waitFor();
      await form.getByRole('group', { name: 'Players in this period' }).getByLabel(chosen.playerName).check();
      await form.getByRole('button', { name: 'Add period' }).click();
      const periodsTable = page.getByRole('table', { name: 'Periods' });
      await periodsTable.getByRole('cell', { name: 'Set piece', exact: true }).waitFor();
      expect(await periodsTable.locator('tr', { hasText: 'Set piece' }).innerText()).toContain(chosen.playerName);
      let set = (await call<Period[]>('periods:list', { sessionId })).find((p) => p.name === 'Set piece')!;
      expect([set.startMs, set.endMs, set.playerIds]).toEqual([START + 2 * MIN, START + 4 * MIN, [chosen.playerId]]);

      await page.getByRole('button', { name: 'Edit Set piece' }).click();
      const editForm = page.getByRole('form', { name: 'Edit period' });
      expect(await editForm.locator('input[name=period-start]').inputValue()).toBe('06:02:00');
      await editForm.locator('input[name=period-name]').fill('Set pieces');
      await editForm.getByRole('button', { name: 'Save period' }).click();
      await periodsTable.getByRole('cell', { name: 'Set pieces', exact: true }).waitFor();
      set = (await call<Period[]>('periods:list', { sessionId })).find((p) => p.id === set.id)!;
      expect(set.name).toBe('Set pieces');

      await page.getByRole('button', { name: 'Delete Set pieces' }).click();
      await page.getByRole('button', { name: 'Delete "Set pieces"' }).click();
      await page.getByText('Deleted "Set pieces".').waitFor();
      expect((await call<Period[]>('periods:list', { sessionId })).map((p) => p.name)).toEqual(['First half', 'Second half']);
    });

    it('processes; the periods\' additive metrics add up to the whole session', async () => {
      await page.getByRole('button', { name: 'Process Report' }).click();
      await page.getByRole('button', { name: 'View Report' }).waitFor({ timeout: 60_000 });
      await page.locator('table.results-table').waitFor();
      expect(await page.locator('.stale-notice').count()).toBe(0);

      const keys = ['distance_m', 'duration_s', 'hsr_distance_m', 'sprint_efforts', 'accel_efforts_2', 'player_load'];
      await showScope('Whole session');
      const whole = new Map(await Promise.all(keys.map(async (k) => [k, await column(k)] as const)));
      // The efforts listed under the table are the ones counted in it, for the session and for a period.
      for (const [id, n] of whole.get('accel_efforts_2')!.players) expect(await listed(id, 'Acceleration ≥ 3 m/s²'), id).toBe(n);
      for (const [id, n] of whole.get('sprint_efforts')!.players) expect(await listed(id, 'Sprint'), id).toBe(n);
      await showScope('First half');
      const first = new Map(await Promise.all(keys.map(async (k) => [k, await column(k)] as const)));
      for (const [id, n] of first.get('accel_efforts_2')!.players) expect(await listed(id, 'Acceleration ≥ 3 m/s²'), id).toBe(n);
      const someone = [...first.get('accel_efforts_2')!.players.keys()][0];
      await openEfforts(someone);
      await shot('11-results-first-half');
      await showScope('Second half');
      const second = new Map(await Promise.all(keys.map(async (k) => [k, await column(k)] as const)));

      expect([...whole.get('distance_m')!.players.keys()]).toHaveLength(5);
      for (const k of keys) {
        // Shown with 0 decimals (PlayerLoad 1): three rounded values differ from exact sums by at most 1 (0.1) of the last digit.
        const tol = k === 'player_load' ? 0.1 + 1e-9 : 1;
        for (const [id, w] of whole.get(k)!.players) {
          const a = first.get(k)!.players.get(id)!;
          const b = second.get(k)!.players.get(id)!;
          expect(w, `${k} ${id}`).not.toBeNull();
          expect(Math.abs(a! + b! - w!), `${k} ${id}: ${a} + ${b} vs ${w}`).toBeLessThanOrEqual(tol);
        }
        const wt = whole.get(k)!.rows.get('team-total')!;
        const st = first.get(k)!.rows.get('team-total')! + second.get(k)!.rows.get('team-total')!;
        expect(Math.abs(st - wt!), `team total ${k}`).toBeLessThanOrEqual(tol);
      }
      // Both halves hold real running.
      for (const v of first.get('distance_m')!.players.values()) expect(v!).toBeGreaterThan(100);
      for (const v of second.get('distance_m')!.players.values()) expect(v!).toBeGreaterThan(100);
      await showScope('Whole session');
      await shot('12-results-whole-session');
      // In a 1024 px window the table scrolls sideways in its box, and each row keeps its player in view.
      await page.setViewportSize({ width: 1024, height: 768 });
      const edges = await scrolledEdges(page, 'table.results-table');
      await page.setViewportSize({ width: 1366, height: 768 });
      expect(edges.scrolled).toBeGreaterThan(0);
      expect(edges.rowHeader).toBeCloseTo(0, 0);
      expect(edges.firstData).toBeLessThan(0);
      // Each unit's gaps under the data quality, at the laptop's clock (New York): the sample's
      // poor-satellite stretches, stored in UTC.
      const res = await call<SessionResults>('results:list', { sessionId });
      const gapsList = page.locator('details.gaps-list');
      await gapsList.locator('summary').click();
      for (const p of res.players) {
        const first = p.quality!.gnss!.gapList![0];
        const item = await gapsList.locator(`li[data-player="${p.playerId}"]`).innerText();
        expect(item).toContain(`${p.playerName} (${p.deviceId}): ${p.quality!.gnss!.gaps} gap`);
        expect(item).toContain(`${formatTime(first.startMs, 'America/New_York')} (${first.durationS.toFixed(1)} s)`);
        expect(formatTime(first.startMs, 'America/New_York').slice(0, 2)).toBe('06'); // 10:0x UTC
      }
    });

    it('shows km/h and yards after a display-unit change, without marking results stale', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await page.getByText('Results keep the settings they were computed with').waitFor();
      await page.getByRole('group', { name: 'Speed' }).getByLabel('km/h').check();
      await page.getByRole('group', { name: 'Distance' }).getByLabel('yards (yd)').check();
      await expect.poll(async () => (await call<{ settings: { display: unknown } }>('settings:get', {})).settings.display).toEqual({ speed: 'km/h', distance: 'yd' });
      await shot('13-settings');

      await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
      const table = page.locator('table.results-table[aria-label="Results: Whole session"]');
      await table.waitFor();
      // Short headers with the display unit underneath (the headline table fits a laptop).
      expect(await table.locator('thead th[data-key=distance_m]').innerText()).toBe('Distance\nyd');
      expect(await table.locator('thead th[data-key=max_speed_ms]').innerText()).toBe('Top speed\nkm/h');
      const res = await call<SessionResults>('results:list', { sessionId });
      const p = res.players[1];
      // By hand: metres / 0.9144 = yards (0 decimals); m/s × 3.6 = km/h (1 decimal).
      const yd = Math.round(p.metrics.distance_m! / 0.9144);
      const kmh = Math.round(p.metrics.max_speed_ms! * 36) / 10;
      const row = table.locator(`tbody tr[data-player="${p.playerId}"]`);
      expect(num(await row.locator('td[data-key=distance_m]').innerText())).toBe(yd);
      // Under the top speed, the time it happened, in the laptop's zone as every time in the app (this
      // browser's: New York, UTC−4 on 14 March 2026: a sample at 10:02 UTC reads 06:02).
      const [speedText, whenText] = (await row.locator('td[data-key=max_speed_ms]').innerText()).split('\n');
      expect(num(speedText)).toBeCloseTo(kmh, 9);
      expect(whenText).toBe(formatTime(p.moments.max_speed_ms.startMs, 'America/New_York'));
      expect(yd).not.toBe(Math.round(p.metrics.distance_m!));
      expect(await page.locator('.stale-notice').count()).toBe(0);
      await shot('14-results-yards-kmh');
    });

    it('a threshold change shows the stale notice; processing again clears it', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
      const hdop = page.getByLabel('Max HDOP');
      expect(await hdop.inputValue()).toBe('2');
      // The groups are folded: open the quality gate's.
      await page.locator('details[data-group=quality] > summary').click();
      await hdop.fill('1.5');
      await page.getByText('● Unsaved changes').waitFor();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved. Existing results keep the settings they were computed with').waitFor();
      expect((await call<{ settings: { quality: { maxHdop: number } } }>('settings:get', {})).settings.quality.maxHdop).toBe(1.5);

      await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
      const notice = page.locator('.process-panel .stale-notice');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('Computed with older settings — Process Report again to update.');
      await shot('15-stale-notice');

      // The badge already says COMPLETED before the click: wait for this run's own end.
      const finished = new Promise<void>((resolve) => {
        const off = host.core.ctx.events.on('sessions:changed', (p) => {
          if (p.sessionId === sessionId && (p.status === 'COMPLETED' || p.status === 'FAILED')) {
            off();
            resolve();
          }
        });
      });
      await page.getByRole('button', { name: 'Process Report again' }).click();
      await finished;
      await page.locator('.process-panel [data-status=COMPLETED]').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'View Report' }).waitFor();
      await expect.poll(() => notice.count()).toBe(0);
      expect((await call<SessionResults>('results:list', { sessionId })).players.every((x) => x.stale.length === 0)).toBe(true);
    });

    it('the report shows the period tables in the display units, and its chart picker works', async () => {
      const res = await call<SessionResults>('results:list', { sessionId });
      const report = await openReport(context, page);
      await report.locator('html[data-viewer=ready]').waitFor();
      expect(await report.locator('#display-units').innerText()).toContain('Speeds in km/h, distances in yards');
      for (const per of res.periods) {
        const t = report.locator(`#period-${per.id}`);
        await expect.poll(() => t.locator('tbody tr').count(), { timeout: 15_000 }).toBe(5);
        expect(await t.locator('thead th[data-key=distance_m]').innerText()).toBe('Distance (yd)');
        // The same value as the app computed, converted by hand.
        const row = per.rows[0];
        expect(num(await t.locator(`tbody tr[data-player="${row.playerId}"] td[data-key=distance_m]`).innerText())).toBe(Math.round(row.metrics.distance_m! / 0.9144));
      }
      expect(await report.locator('h3', { hasText: 'First half' }).count()).toBe(1);
      expect(await report.locator('h3', { hasText: 'Second half' }).count()).toBe(1);
      expect(await report.locator('#stale-notice').count()).toBe(0);
      expect(await report.locator('#quality-table tbody tr').count()).toBe(5);
      expect(await report.locator('tr[data-setting="quality.maxHdop"]').innerText()).toContain('1.5 (changed)');

      const chart = report.locator('.team-bar-chart figcaption');
      await chart.waitFor();
      expect(await chart.innerText()).toContain('Distance (yd)');
      await report.getByRole('group', { name: 'Chart metric' }).getByRole('button', { name: 'Max speed', exact: true }).click();
      await expect.poll(() => chart.innerText()).toContain('Max speed (km/h)');
      await report.getByRole('group', { name: 'Chart for' }).getByRole('button', { name: 'Second half' }).click();
      expect(await report.locator('#report-viewer rect.p1-bar').count()).toBe(5);
      await report.screenshot({ path: join(SHOTS, '16-report-periods.png'), fullPage: true });
      await report.close();
      expect(errors).toEqual([]);
    });

    it('stored settings another version wrote: the groups it cannot read are named, the rest keep their values', async () => {
      // The stored document as now, with its heart-rate zones out of order (refused by this version).
      const db = host.core.ctx.db;
      const doc = JSON.parse((db.prepare(`SELECT value_json FROM settings WHERE key = 'engine'`).get() as { value_json: string }).value_json);
      db.prepare(`UPDATE settings SET value_json = ? WHERE key = 'engine'`).run(JSON.stringify({ ...doc, hr: { ...doc.hr, zonesPct: [50, 70, 60, 80, 90] } }));
      await page.goto(`${host.bridge.pageUrl}#/settings`);
      const notice = page.getByRole('alert').filter({ hasText: 'Some stored settings could not be read' });
      await notice.waitFor();
      expect(await notice.innerText()).toContain('The stored "Heart rate" settings could not be read by this version of Player1');
      // The quality gate kept the team's 1.5; the unreadable group shows its defaults.
      expect(await page.getByLabel('Max HDOP').inputValue()).toBe('1.5');
      expect(await page.getByLabel('HRmax', { exact: true }).inputValue()).toBe('200');
      await shot('17-settings-unreadable');
      // A document that is not even JSON: every group on its defaults, said once.
      db.prepare(`UPDATE settings SET value_json = ? WHERE key = 'engine'`).run('{"quality": {"maxHdop": 1.5');
      await page.reload();
      await notice.waitFor();
      expect(await notice.innerText()).toContain('The stored settings could not be read by this version of Player1 (written by another version, or damaged), so every group shows the defaults');
      expect(await page.getByLabel('Max HDOP').inputValue()).toBe('2');
      db.prepare(`UPDATE settings SET value_json = ? WHERE key = 'engine'`).run(JSON.stringify(doc));
      expect(errors).toEqual([]);
    });
  },
);
