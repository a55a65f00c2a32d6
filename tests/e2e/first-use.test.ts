/**
 * Browser end-to-end for what a first-time user tripped over (issue 16), in Chromium at 1366 × 768
 * through the loopback bridge against the real core: a session window that ends before it starts,
 * the Devices page's session and assignment, the sessions list's staleness, type, filters, rename
 * and delete, damaged FIT files without a serial, messages in the user's words beside their
 * field, the roster's editing, archiving, squads and namesakes, the sidebar and the session page's
 * landing, Settings checked as typed, and the erase dialog. Screenshots in test-results/e2e/first-use-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { Session, SessionSummary } from '../../src/shared/domain/session.ts';
import type { DevicesOverview } from '../../src/shared/api/devices.contract.ts';
import type { Player, Unit } from '../../src/shared/domain/roster.ts';
import { appPage, launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { HAS_SHARED_DATA, REPO_ROOT, SHARED_DATA_SKIP_REASON, sharedData } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const SKIP = !HAS_CHROMIUM ? CHROMIUM_SKIP_REASON : !RENDERER_BUILT ? 'run npm run build first' : null;
const DAY = 86_400_000;
/** Schema and runtime words that must never reach a person. */
const SCHEMA_TEXT = /invalid input for|Too small|Too big|expected (number|string)|Invalid '\[|bad file descriptor|E[A-Z]{3,}:/;

describe.skipIf(SKIP !== null)(`first use, issue 16, in Chromium${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;

  async function call<T>(method: string, input: unknown = {}): Promise<T> {
    const r = await host.core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  }
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `first-use-${name}.png`), fullPage: true });
  /** Opens a page afresh (a new load, so no filter or form state carries over). */
  const go = async (hash: string, heading: string | RegExp) => {
    await page.goto('about:blank');
    await page.goto(`${host.bridge.pageUrl}#/${hash}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const bodyText = () => page.locator('body').innerText();
  /** Waits (bounded) until the session's run has completed. */
  const completed = async (id: string) => {
    for (let i = 0; i < 180; i++) {
      const s = await call<Session>('sessions:get', { id });
      if (s.processingStatus === 'COMPLETED') return;
      if (s.processingStatus === 'FAILED') throw new Error(`processing failed: ${s.error?.message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('processing did not end in 90 s');
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    browser = await launchBrowser({ timezoneId: 'Europe/London' });
    context = browser.context;
    page = await appPage(context);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('1. an end before the start is refused beside Ends; a window past midnight is asked for and shown "+1 day"', async () => {
    await go('sessions', 'Sessions');
    await page.fill('input[name=session-name]', 'Late kick-off');
    await page.fill('input[name=session-date]', '2026-03-14');
    await page.fill('input[name=session-start]', '11:00');
    await page.fill('input[name=session-end]', '10:00');
    // Said beside the field as it is typed, and Create does nothing.
    const endError = page.locator('label.window-end .field-error');
    await endError.waitFor({ timeout: 5000 });
    expect(await endError.innerText()).toMatch(/not after the start[\s\S]*Ends the next day/);
    await page.getByRole('button', { name: 'Create session' }).click();
    await shot('01-end-before-start');
    expect(await call<SessionSummary[]>('sessions:list')).toHaveLength(0);

    // Past midnight, said explicitly: saved as 23:00 → 01:00 the next day and shown "+1 day".
    await page.fill('input[name=session-start]', '23:00');
    await page.fill('input[name=session-end]', '01:00');
    await page.check('input[name=session-next-day]');
    expect(await endError.count()).toBe(0);
    await page.locator('label.window-end .next-day', { hasText: '+1 day' }).waitFor();
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: /Late kick-off/, level: 1 }).waitFor();
    const [s] = await call<SessionSummary[]>('sessions:list');
    expect(s.endMs - s.startMs).toBe(2 * 3600_000);
    expect(s.startMs).toBe(Date.UTC(2026, 2, 14, 23, 0)); // London = UTC in March before the 29th
    expect(await page.locator('p.muted').first().innerText()).toMatch(/23:00 – 01:00 \(\+1 day\)/);
    // The details form keeps it said: ticked, with its tag.
    expect(await page.isChecked('input[name=details-next-day]')).toBe(true);
    await shot('01-past-midnight');
    // The same list shows it too.
    await go('sessions', 'Sessions');
    // The list's rows load after its header: wait for this session's row before reading it.
    const listed = page.getByRole('table', { name: 'Sessions' }).locator('tr', { hasText: 'Late kick-off' });
    expect(await listed.innerText()).toContain('(+1 day)');
    await call('sessions:delete', { id: s.id });
  });

  it('6. a refused input is said beside its field in the user\'s words, never as schema text', async () => {
    // A session name of spaces passes the browser but not the core: its words go beside Name.
    await go('sessions', 'Sessions');
    await page.fill('input[name=session-name]', '   ');
    await page.fill('input[name=session-date]', '2026-03-14');
    await page.fill('input[name=session-start]', '10:00');
    await page.fill('input[name=session-end]', '11:00');
    await page.getByRole('button', { name: 'Create session' }).click();
    const nameError = page.getByRole('form', { name: 'New session' }).locator('label', { hasText: 'Name' }).locator('.field-error');
    await nameError.waitFor({ timeout: 5000 });
    expect(await nameError.innerText()).toMatch(/type a name for the session/i);
    expect(await bodyText()).not.toMatch(SCHEMA_TEXT);
    await shot('06-session-name');

    // A player with no name: said beside Name on the roster.
    await go('roster', 'Roster');
    await page.getByRole('form', { name: 'Add player' }).getByRole('button', { name: 'Add player' }).click();
    const playerName = page.getByRole('form', { name: 'Add player' }).locator('label', { hasText: 'Name' }).locator('.field-error');
    await playerName.waitFor({ timeout: 5000 });
    expect(await playerName.innerText()).toMatch(/name/i);
    // A unit id the roster cannot take: said as typed, beside the field.
    await page.fill('input[name=unit-device-id]', '../etc');
    const unitError = page.getByRole('form', { name: 'Add unit' }).locator('.field-error');
    await unitError.waitFor({ timeout: 5000 });
    expect(await unitError.innerText()).toMatch(/letters, digits/);
    expect(await bodyText()).not.toMatch(SCHEMA_TEXT);
    await shot('06-roster-errors');
    await page.fill('input[name=unit-device-id]', '');

    // The API keeps its code and details for programs.
    const r = await host.core.dispatch('players:create', { name: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.details).toEqual([expect.objectContaining({ path: 'name', code: 'too_small' })]);
      expect(r.error.message).not.toMatch(SCHEMA_TEXT);
    }
  });

  it('13. Settings: grouped and folded, checked as typed beside the field, sources that cite the paper', async () => {
    await go('settings', 'Settings');
    await shot('13-settings');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(2600);
    const group = page.locator('details[data-group=quality]');
    await group.locator('summary').click();
    const input = page.getByLabel('Max HDOP', { exact: true });
    await input.fill('-1');
    // No Save clicked: the problem is there as soon as it is typed.
    const err = page.locator('tr[data-setting="quality.maxHdop"] .field-error');
    await err.waitFor({ timeout: 5000 });
    expect(await err.innerText()).toMatch(/Must be more than 0/);
    expect(await bodyText()).not.toMatch(SCHEMA_TEXT);
    await input.fill('2');
    await expect.poll(() => err.count()).toBe(0);
    await shot('13-settings-typed');
    // Every source names a paper or vendor document (author/maker and year), or says it is our own default.
    await page.evaluate(() => document.querySelectorAll('details.settings-group').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const sources = await page.locator('td.source').allInnerTexts();
    expect(sources.length).toBeGreaterThan(20);
    for (const s of sources) {
      expect(s).not.toMatch(/METRICS\.md|\.py\b|\.cpp\b|\.ts\b/);
      expect(s, s).toMatch(/\(\d{4}\)|Pitchside default/);
    }
    await page.getByRole('button', { name: 'Discard changes' }).click();
  });

  describe('devices', () => {
    let past: Session;
    let older: Session;
    const row = (unit: string) => page.locator(`tr[data-unit="${unit}"]`);

    it('3. the session picker takes the latest session that has started (not a future one), and remembers the one used', async () => {
      const now = Date.now();
      older = await call<Session>('sessions:create', { name: 'Older session', startMs: now - 3 * DAY, endMs: now - 3 * DAY + 3600_000 });
      past = await call<Session>('sessions:create', { name: 'This morning', startMs: now - 2 * 3600_000, endMs: now - 3600_000 });
      await call<Session>('sessions:create', { name: 'Next match', type: 'match', startMs: now + 5 * DAY, endMs: now + 5 * DAY + 2 * 3600_000 });
      await call('devices:demo', { action: 'start', sessionId: past.id, units: 2, faulty: 0 });
      await go('devices', 'Devices');
      for (const u of ['DEMO-01', 'DEMO-02']) await row(u).waitFor({ timeout: 15_000 });
      expect(await page.locator('select[name=device-session] option:checked').innerText()).toContain('This morning');
      expect(await page.locator('.download-target').innerText()).toMatch(/Downloads go into\s+This morning/);
      // No unit has a player: Download all would bring data into no report, so it waits, saying why.
      const all = page.getByRole('button', { name: /^Download all/ });
      expect(await all.isDisabled()).toBe(true);
      expect(await page.locator('#download-why').innerText()).toMatch(/Assign each unit to a player first/);
      await shot('03-devices-default');
      // The one picked is kept across pages.
      await page.selectOption('select[name=device-session]', older.id);
      await page.getByRole('link', { name: 'Roster' }).click();
      await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Devices' }).click();
      await row('DEMO-01').waitFor();
      expect(await page.locator('select[name=device-session] option:checked').innerText()).toContain('Older session');
      await page.selectOption('select[name=device-session]', past.id);
    });

    it('2. once a unit is assigned its row stops saying it is not, also after a reload', async () => {
      await call('devices:download', { sessionId: past.id, deviceIds: [await deviceKey('DEMO-01')] });
      await expect.poll(async () => (await call<DevicesOverview>('devices:list')).downloads.find((d) => d.unitId === 'DEMO-01')?.state, { timeout: 30_000 }).toBe('done');
      await page.reload();
      await row('DEMO-01').waitFor();
      await row('DEMO-01').getByText('not assigned to a player').waitFor();
      await shot('02-downloaded-unassigned');
      await page.selectOption('select[name=assign-DEMO-01]', { label: 'New player…' });
      await page.fill('input[name=assign-name-DEMO-01]', 'Robin Early');
      await row('DEMO-01').getByRole('button', { name: 'Assign', exact: true }).click();
      await row('DEMO-01').locator('.player-name', { hasText: 'Robin Early' }).waitFor();
      await expect.poll(() => row('DEMO-01').innerText()).not.toContain('not assigned');
      expect(await row('DEMO-01').innerText()).toContain('→ Robin Early');
      await page.reload();
      await row('DEMO-01').waitFor();
      await row('DEMO-01').locator('.dl-done').waitFor();
      expect(await row('DEMO-01').innerText()).not.toContain('not assigned');
      // One unit has a player now: Download all takes it, and says the other is left out.
      expect(await page.getByRole('button', { name: 'Download all (1 unit)' }).isDisabled()).toBe(false);
      expect(await page.locator('#download-why').innerText()).toMatch(/1 unit is not assigned/);
      await shot('02-assigned');
      const s = await call<Session>('sessions:get', { id: past.id });
      expect(s.participants.map((p) => p.playerName)).toEqual(['Robin Early']);
    });

    it('14. the erase dialog opens beside its row, with nothing ticked', async () => {
      await row('DEMO-01').getByRole('button', { name: 'Erase recordings from DEMO-01' }).click();
      const dialog = page.getByRole('dialog', { name: 'Erase recordings from DEMO-01?' });
      await dialog.getByRole('table').waitFor({ timeout: 15_000 });
      // The row right under DEMO-01's holds it.
      expect(await row('DEMO-01').locator('xpath=following-sibling::tr[1]').getByRole('dialog').count()).toBe(1);
      const boxes = dialog.getByRole('checkbox');
      expect(await boxes.count()).toBeGreaterThan(0);
      for (const b of await boxes.all()) expect(await b.isChecked()).toBe(false);
      expect(await dialog.getByRole('button', { name: /^Erase 0 recordings/ }).isDisabled()).toBe(true);
      await shot('14-erase-beside-row');
      await dialog.getByRole('button', { name: 'Keep them' }).click();
      await call('devices:demo', { action: 'stop' });
    });

    async function deviceKey(unit: string): Promise<string> {
      const o = await call<DevicesOverview>('devices:list');
      return o.devices.find((d) => d.unitId === unit)!.deviceId;
    }
  });

  describe('the season', () => {
    let sample: Session;

    beforeAll(async () => {
      // The sample session, processed; then matches and trainings around it.
      sample = await call<Session>('sessions:create', { name: 'Sample training', type: 'training', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 10 * 60_000 });
      await call('sessions:importFolder', { id: sample.id, folder: SAMPLE_DIR });
      await call('jobs:start', { sessionId: sample.id });
      await completed(sample.id);
      const at = (days: number, name: string, type: string) =>
        call('sessions:create', { name, type, startMs: SAMPLE_OPTIONS.startMs + days * DAY, endMs: SAMPLE_OPTIONS.startMs + days * DAY + 3600_000 });
      await at(2, 'Cup match', 'match');
      await at(3, 'Recovery jog', 'recovery');
      await at(-5, 'Old friendly', 'friendly');
      // A long list, as a season has.
      for (let i = 0; i < 24; i++) await at(-40 - i, `Pre-season day ${i + 1}`, 'training');
    }, 120_000);

    it('4. "Report ready" only while the results are current; the list shows type, MD±n and players', async () => {
      await go('sessions', 'Sessions');
      const sampleRow = page.locator(`tr[data-session="${sample.id}"]`);
      expect(await sampleRow.locator('[data-status]').innerText()).toContain('Report ready');
      expect(await sampleRow.innerText()).toMatch(/Training\s*MD−2/);
      const players = (await call<Session>('sessions:get', { id: sample.id })).participants.length;
      expect(await sampleRow.locator('td').nth(3).innerText()).toBe(String(players));
      expect(await page.locator('tr', { hasText: 'Recovery jog' }).innerText()).toMatch(/Recovery\s*MD\+1/);
      expect(await page.locator('tr', { hasText: 'Cup match' }).innerText()).toMatch(/Match\s*MD\b/);
      // A threshold changed: the list says the report is out of date, as the session page does.
      const settings = await call<{ settings: { quality: { maxHdop: number } } }>('settings:get');
      await call('settings:update', { settings: { ...settings.settings, quality: { ...settings.settings.quality, maxHdop: 3 } } });
      await sampleRow.locator('[data-status]', { hasText: 'Report out of date' }).waitFor({ timeout: 5000 });
      expect(await sampleRow.locator('[data-status]').getAttribute('title')).toMatch(/older settings/);
      await shot('04-stale-in-list');
      await page.goto(`${host.bridge.pageUrl}#/sessions/${sample.id}`);
      await page.locator('h1 [data-status]', { hasText: 'Report out of date' }).waitFor();
      // The Report panel says the same beside its notice, not "Report ready".
      const panelBadge = page.locator('.process-panel [data-status]');
      await page.locator('.process-panel .stale-notice').waitFor();
      expect(await panelBadge.innerText()).toContain('Report out of date');
      expect(await panelBadge.getAttribute('data-stale')).toBe('settings');
      await shot('04-stale-session-page');
      await call('settings:reset');
      await panelBadge.filter({ hasText: 'Report ready' }).waitFor({ timeout: 5000 });
    });

    it('9. sessions filtered by type, match day, date and name; renamed in place; deleted after saying what goes', async () => {
      await go('sessions', 'Sessions');
      const rows = () => page.locator('table[aria-label=Sessions] tbody tr[data-session]');
      // The list is loaded after the heading shows (the pool may still be checking the last session's files).
      await rows().first().waitFor();
      const total = await rows().count();
      expect(total).toBe((await call<SessionSummary[]>('sessions:list')).length);
      await page.selectOption('select[name=filter-type]', 'match');
      const matches = await rows().allInnerTexts();
      expect(matches).toEqual(expect.arrayContaining([expect.stringContaining('Cup match')]));
      for (const m of matches) expect(m).toMatch(/\tMatch/);
      expect(matches.length).toBe((await call<SessionSummary[]>('sessions:list')).filter((x) => x.type === 'match').length);
      await page.selectOption('select[name=filter-type]', 'md:MD−2');
      expect(await rows().allInnerTexts()).toEqual([expect.stringContaining('Sample training')]);
      await page.selectOption('select[name=filter-type]', '');
      await page.fill('input[name=filter-name]', 'pre-season day 1');
      expect(await rows().count()).toBe(11); // "day 1", "day 10" … "day 19"
      await page.fill('input[name=filter-name]', '');
      await page.fill('input[name=filter-from]', '2026-03-13');
      await page.fill('input[name=filter-to]', '2026-03-17');
      expect((await rows().allInnerTexts()).map((t) => t.split('\t')[0].trim()).sort()).toEqual(['Cup match', 'Recovery jog', 'Sample training']);
      await shot('09-filtered');
      await page.getByRole('button', { name: 'Show all' }).click();
      expect(await rows().count()).toBe(total);

      // Rename in place.
      await page.getByRole('button', { name: 'Rename Recovery jog' }).click();
      await page.fill('input[aria-label="New name for Recovery jog"]', 'Recovery pool');
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'Recovery pool', exact: true }).waitFor();

      // Delete: the confirmation says what goes with it; nothing goes before the click.
      await page.getByRole('button', { name: 'Delete Sample training' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Delete Sample training?' });
      const s = await call<Session>('sessions:get', { id: sample.id });
      await confirm.locator('.impact').waitFor();
      const text = await confirm.innerText();
      expect(text).toContain(`${s.participants.length} players taking part`);
      expect(text).toContain(`${s.participants.reduce((n, p) => n + p.files.length, 0)} data files linked to it`);
      expect(text).toContain(`${s.participants.length} player results`);
      expect(text).toContain('its report');
      await shot('09-delete-confirm');
      expect(existsSync(s.reportPath!)).toBe(true);
      await confirm.getByRole('button', { name: 'Delete “Sample training”' }).click();
      await expect.poll(() => rows().count()).toBe(total - 1);
      expect((await host.core.dispatch('sessions:get', { id: sample.id })).ok).toBe(false);
      expect(existsSync(dirname(s.reportPath!))).toBe(false);
    });

    it('11. the sidebar stays in view on a long page; a session with results opens on them', async () => {
      const again = await call<Session>('sessions:create', { name: 'Processed again', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 10 * 60_000 });
      await call('sessions:importFolder', { id: again.id, folder: SAMPLE_DIR });
      await call('jobs:start', { sessionId: again.id });
      await expect.poll(async () => (await call<Session>('sessions:get', { id: again.id })).processingStatus, { timeout: 90_000 }).toBe('COMPLETED');
      await go('sessions', 'Sessions');
      // Scrolled down the long list, the navigation is still there.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices', exact: true }).boundingBox();
      expect(nav!.y).toBeGreaterThanOrEqual(0);
      expect(nav!.y + nav!.height).toBeLessThanOrEqual(768);
      await shot('11-long-list');
      // From far down the list, the session opens on its results, not mid-page on the import controls.
      await page.getByRole('link', { name: 'Processed again', exact: true }).click();
      const results = page.getByRole('heading', { name: 'Results', level: 2 });
      await results.waitFor({ timeout: 15_000 });
      await page.waitForTimeout(300);
      const box = await results.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeLessThan(768 - 100);
      const importBox = await page.getByRole('heading', { name: 'Import data', level: 2 }).boundingBox();
      expect(importBox!.y).toBeGreaterThan(box!.y);
      await page.screenshot({ path: join(SHOTS, 'first-use-11-session-opens-on-results.png') });
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const nav2 = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions', exact: true }).boundingBox();
      expect(nav2!.y).toBeGreaterThanOrEqual(0);
      expect(nav2!.y).toBeLessThan(768);
    });
  });

  describe('the roster', () => {
    it('10. players and units are edited in place; namesakes are told apart; a player who left is archived, kept in history and out of pickers; squads filter', async () => {
      const a = await call<Player>('players:create', { name: 'Max Roberts', position: 'FB', shirtNumber: 4, squad: 'First team' });
      const b = await call<Player>('players:create', { name: 'Max Roberts', position: 'ST', shirtNumber: 9, squad: 'First team' });
      const c = await call<Player>('players:create', { name: 'Jamie Young', position: 'CM', squad: 'U23' });
      await call('units:create', { deviceId: 'P1-0100', label: 'Pod', defaultPlayerId: c.id });
      await go('roster', 'Roster');
      const players = page.getByRole('table', { name: 'Players' });
      await players.getByRole('rowheader', { name: 'Max Roberts (FB · #4)' }).waitFor();
      await players.getByRole('rowheader', { name: 'Max Roberts (ST · #9)' }).waitFor();
      // Edit in place: a shirt number that is not one is said as typed; then saved.
      await page.getByRole('button', { name: 'Edit Max Roberts (ST · #9)' }).click();
      await page.fill('input[name=edit-shirt]', 'nine');
      await page.getByRole('form', { name: 'Edit Max Roberts' }).locator('.field-error', { hasText: 'whole number' }).waitFor();
      await page.fill('input[name=edit-shirt]', '10');
      await page.fill('input[name=edit-birth]', '2001-05-02');
      await page.getByRole('form', { name: 'Edit Max Roberts' }).getByRole('button', { name: 'Save' }).click();
      await players.getByRole('rowheader', { name: 'Max Roberts (ST · #10 · born 2001-05-02)' }).waitFor();
      expect((await call<Player[]>('players:list')).find((p) => p.id === b.id)).toMatchObject({ shirtNumber: 10, birthDate: '2001-05-02' });
      // Squads filter the list.
      await page.selectOption('select[name=filter-squad]', 'U23');
      expect(await players.locator('tbody tr').count()).toBe(1);
      await page.selectOption('select[name=filter-squad]', '');
      await shot('10-roster');
      // A unit edited in place: label and wearer.
      await page.getByRole('button', { name: 'Edit unit P1-0100' }).click();
      await page.fill('input[name=edit-unit-label]', 'Pod 100');
      await page.selectOption('select[name=edit-unit-wearer]', { label: 'Max Roberts (FB · #4)' });
      await page.getByRole('form', { name: 'Edit unit P1-0100' }).getByRole('button', { name: 'Save' }).click();
      await page.getByRole('table', { name: 'Units' }).getByRole('cell', { name: 'Pod 100' }).waitFor();
      expect((await call<Unit[]>('units:list')).find((u) => u.deviceId === 'P1-0100')).toMatchObject({ label: 'Pod 100', defaultPlayerId: a.id });
      // Jamie took part in a session, then left: archived, kept in the session, gone from pickers.
      const u2 = await call<Unit>('units:create', { deviceId: 'P1-0101', label: '', defaultPlayerId: c.id });
      const s = await call<Session>('sessions:create', { name: 'With Jamie', startMs: Date.UTC(2026, 0, 5, 10), endMs: Date.UTC(2026, 0, 5, 11), participants: [{ playerId: c.id, unitId: u2.id }] });
      await page.getByRole('button', { name: 'Delete Jamie Young' }).click();
      await page.getByRole('alert').filter({ hasText: 'Archive the player instead' }).waitFor();
      await page.getByRole('button', { name: 'Archive Jamie Young' }).click();
      await expect.poll(() => players.getByRole('rowheader', { name: 'Jamie Young' }).count()).toBe(0);
      await page.check('input[name=show-left]');
      await players.getByRole('rowheader', { name: /Jamie Young\s*left/ }).waitFor();
      await shot('10-archived');
      expect((await call<Session>('sessions:get', { id: s.id })).participants.map((p) => p.playerName)).toEqual(['Jamie Young']);
      await page.goto(`${host.bridge.pageUrl}#/sessions/${s.id}`);
      await page.getByRole('heading', { name: /With Jamie/, level: 1 }).waitFor();
      expect(await page.getByRole('table', { name: 'Participants' }).innerText()).toContain('Jamie Young');
      // The picker is filled once the roster has loaded (after the heading shows).
      const picker = page.getByRole('form', { name: 'Add participant' }).locator('select').first();
      await picker.locator('option', { hasText: 'Max Roberts (FB · #4)' }).waitFor({ state: 'attached' });
      const offered = await picker.locator('option').allInnerTexts();
      expect(offered).not.toContain('Jamie Young');
      expect(offered).toEqual(expect.arrayContaining(['Max Roberts (FB · #4)', 'Max Roberts (ST · #10 · born 2001-05-02)']));
    });
  });

  describe.skipIf(!HAS_SHARED_DATA)(`damaged FIT files${HAS_SHARED_DATA ? '' : ` (skipped: ${SHARED_DATA_SKIP_REASON})`}`, () => {
    it('5 and 7. two damaged FIT files without a serial are two units, and their message points to Read anyway', async () => {
      const s = await call<Session>('sessions:create', { name: 'Damaged watches', startMs: Date.UTC(2012, 0, 1), endMs: Date.UTC(2012, 0, 1, 12) });
      await page.goto(`${host.bridge.pageUrl}#/sessions/${s.id}`);
      await page.getByRole('heading', { name: /Damaged watches/, level: 1 }).waitFor();
      const files = ['activity-filecrc.fit', 'activity-unexpected-eof.fit'].map((name) => ({ name, b64: readFileSync(sharedData('fit-fitparse', name)).toString('base64') }));
      await page.evaluate((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
        const zone = document.querySelector('[data-testid=drop-zone]')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, files);
      const details = (name: string) => page.locator(`table[aria-label="Files found"] tr[data-details-for="${name}"]`);
      for (const f of files) {
        const d = details(f.name);
        await d.waitFor({ timeout: 30_000 });
        const text = await d.innerText();
        // 7: the app's own way, not a command-line option.
        expect(text).not.toMatch(/--ignore-checksums|inspect /);
        expect(text).toMatch(/Read anyway/);
        await d.getByRole('button', { name: 'Read anyway (ignore checksum)' }).click();
        await d.getByText('Checksum ignored').waitFor({ timeout: 30_000 });
      }
      await shot('05-damaged-fit');
      // 5: two units, neither the "no serial" value.
      const pickers = await page.getByRole('combobox', { name: /^Player for unit / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      expect(pickers).toHaveLength(2);
      expect(new Set(pickers).size).toBe(2);
      for (const p of pickers) expect(p).not.toContain('2147483647');
      expect(await bodyText()).not.toContain('2147483647');
    });
  });
});
