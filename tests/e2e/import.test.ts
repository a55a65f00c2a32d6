/**
 * Browser end-to-end import: drop a mixed set of files on the session page (a pod's P1 file and
 * real TCX / GPX / FIT / NMEA files, one of them damaged), see what each holds, accept the damaged
 * FIT after reading its error, assign the watch's unknown unit to a new player, import, process:
 * the report lists that player. Then a Player1 folder chosen with "Choose folder…" (uploaded, as
 * a browser has no paths) keeps its meta.csv names. Screenshots in test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { appPage, launchBrowser, openReport, recordBridge, reportTeamNames, HAS_CHROMIUM, CHROMIUM_SKIP_REASON, type BridgeLog } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR } from '../support/sample.ts';
import { writeP1 } from '../support/p1-file.ts';
import { HAS_SHARED_DATA, REPO_ROOT, SHARED_DATA_SKIP_REASON, sharedData } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const SKIP = !HAS_CHROMIUM ? CHROMIUM_SKIP_REASON : !RENDERER_BUILT ? 'run npm run build first' : null;

/** test.tcx runs 2012-12-26 21:29:53Z – 22:03:04Z (positioned trackpoints); the session wraps it. */
const START = Date.UTC(2012, 11, 26, 21, 25);
const END = Date.UTC(2012, 11, 26, 22, 10);

describe.skipIf(SKIP !== null)(`import any files in Chromium${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  let sessionId: string;
  const dir = makeTempDir();

  const call = coreCall(() => host.core);
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    // The team's own pod, already in the roster with its usual wearer.
    const pat = await call<{ id: string }>('players:create', { name: 'Pat Pod', position: 'CM' });
    await call('units:create', { deviceId: 'P1-0042', label: 'Pod 42', defaultPlayerId: pat.id });
    sessionId = (await call<{ id: string }>('sessions:create', { name: 'Mixed kit', startMs: START, endMs: END })).id;
    writeP1(join(dir, 'pod42.p1'), 'P1-0042', Date.UTC(2012, 11, 26, 21, 30));
    browser = await launchBrowser({ timezoneId: 'Europe/London' });
    context = browser.context;
    page = await appPage(context);
    bridge = recordBridge(page);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  /** What the page asks of the core over the bridge, and what it answers. */
  let bridge: BridgeLog;
  /** The answers to the page's jobs:prepare calls, in order: how many files each took on. */
  const prepared = () =>
    bridge
      .sent()
      .filter((m) => m.method === 'jobs:prepare')
      .map((m) => bridge.answer(m.id))
      .filter((a) => a !== undefined)
      .map((a) => (a.result.value as { files: number } | undefined)?.files);
  const row = (name: string) => page.locator(`table[aria-label="Files found"] tr[data-file="${name}"]`);
  const details = (name: string) => page.locator(`table[aria-label="Files found"] tr[data-details-for="${name}"]`);

  describe.skipIf(!HAS_SHARED_DATA)(`a mixed set of real files${HAS_SHARED_DATA ? '' : ` (skipped: ${SHARED_DATA_SKIP_REASON})`}`, () => {
    it('drops a mixed set and shows what each file holds, with the damaged one named at its byte', async () => {
      await page.goto(`${host.bridge.pageUrl}#/sessions/${sessionId}`);
      await page.getByRole('heading', { name: /Mixed kit/, level: 1 }).waitFor();
      const files = [
        [join(dir, 'pod42.p1'), 'pod42.p1'],
        [sharedData('tcx-tcxparser', 'test.tcx'), 'test.tcx'],
        [sharedData('gpx-gpxpy', 'track-with-empty-segment.gpx'), 'track-with-empty-segment.gpx'],
        [sharedData('fit-fitparse', 'garmin-fenix-5-run.fit'), 'garmin-fenix-5-run.fit'],
        [sharedData('nmea-gpsd', 'bu353s4.log'), 'bu353s4.log'],
        [sharedData('fit-fitparse', 'activity-filecrc.fit'), 'activity-filecrc.fit'],
      ].map(([path, name]) => ({ name, b64: readFileSync(path).toString('base64') }));
      // What a drag from the file manager delivers: a DataTransfer of Files (no paths in a browser).
      await page.evaluate((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
        const zone = document.querySelector('[data-testid=drop-zone]')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, files);
      await page.getByRole('button', { name: 'Import', exact: true }).waitFor({ timeout: 30_000 });
      await shot('import-01-found');

      const formats = await page.locator('table[aria-label="Files found"] tr[data-file]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-file'), r.getAttribute('data-format')]));
      expect(Object.fromEntries(formats)).toEqual({
        'pod42.p1': 'p1',
        'test.tcx': 'tcx',
        'track-with-empty-segment.gpx': 'gpx',
        'garmin-fenix-5-run.fit': 'fit',
        'bu353s4.log': 'nmea',
        'activity-filecrc.fit': 'fit',
      });
      // Local time (London = UTC in December): the TCX's first and last positioned trackpoints.
      const tcx = await row('test.tcx').innerText();
      expect(tcx).toContain('Wed, 26 Dec 2012, 21:29 – 22:03:04');
      expect(tcx).toContain('3854007508');
      expect(tcx).toContain('33 min 11 s (74%)'); // 1991 s of the 45-minute window
      expect(tcx).toContain('GNSS 383 @ 0.17 Hz');
      expect(await row('pod42.p1').innerText()).toMatch(/GNSS 50 @ 10 Hz[\s\S]*IMU 500 @ 100 Hz/);
      expect(await row('bu353s4.log').innerText()).toContain('Outside the session window');
      // The damaged file: shown, named with its error and byte, and it cannot be ticked.
      expect(await row('activity-filecrc.fit').innerText()).toContain('Cannot be read');
      expect(await details('activity-filecrc.fit').innerText()).toMatch(/FIT_CRC \(byte 769\)/);
      expect(await page.getByRole('checkbox', { name: 'Import activity-filecrc.fit' }).isDisabled()).toBe(true);
      // Defaults: the files that overlap the session are ticked, the rest are not.
      const ticked = async (name: string) => page.getByRole('checkbox', { name: `Import ${name}` }).isChecked();
      expect([await ticked('pod42.p1'), await ticked('test.tcx'), await ticked('bu353s4.log'), await ticked('garmin-fenix-5-run.fit')]).toEqual([true, true, false, false]);
    });

    it('reads the damaged FIT only when asked, and keeps the damage as a warning', async () => {
      await details('activity-filecrc.fit').getByRole('button', { name: 'Read anyway (ignore checksum)' }).click();
      await details('activity-filecrc.fit').getByText('Checksum ignored').waitFor();
      expect(await row('activity-filecrc.fit').innerText()).toContain('1 warning');
      expect(await page.getByRole('checkbox', { name: 'Import activity-filecrc.fit' }).isDisabled()).toBe(false);
    });

    it('assigns the unknown watch to a new player, imports, and the report lists that player', async () => {
      // The known pod goes to its usual wearer; the watch's unit is unknown and needs a player.
      expect(await row('pod42.p1').getByRole('combobox', { name: 'Player for unit P1-0042' }).inputValue()).not.toBe('');
      expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('list', { name: 'Before importing' }).innerText()).toContain('unit 3854007508 needs a player');
      await page.getByRole('combobox', { name: 'Player for unit 3854007508' }).selectOption({ label: 'New player…' });
      await page.getByRole('textbox', { name: "New player's name for unit 3854007508" }).fill('Tess Watch');
      await page.getByRole('textbox', { name: "New player's position for unit 3854007508" }).fill('FW');
      await shot('import-02-assigned');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const imported = page.getByRole('table', { name: 'Imported units' });
      await imported.waitFor();
      const text = await imported.innerText();
      expect(text).toMatch(/P1-0042\s+Pat Pod/);
      expect(text).toMatch(/3854007508\s*new\s+Tess Watch\s*new/);
      await expect.poll(() => page.getByRole('table', { name: 'Participants' }).locator('tbody tr').count(), { timeout: 15_000 }).toBe(2);
      // The files that landed are checked while the page is open (jobs:prepare asked again): both.
      await expect.poll(() => prepared().at(-1)).toBe(2);
      await shot('import-03-imported');

      await page.getByRole('button', { name: 'Process Report' }).click();
      await page.getByRole('button', { name: 'View Report' }).waitFor({ timeout: 60_000 });
      const report = await openReport(context, page);
      const names = await reportTeamNames(report);
      expect(names.some((n) => n.includes('Tess Watch') && n.includes('3854007508'))).toBe(true);
      expect(names.some((n) => n.includes('Pat Pod') && n.includes('P1-0042'))).toBe(true);
      await report.screenshot({ path: join(SHOTS, 'import-04-report.png'), fullPage: true });
      await report.close();
    });

  });

  it('"Choose folder…" in a browser uploads a Player1 folder; its meta.csv names the players', async () => {
    const s = await call<{ id: string }>('sessions:create', { name: 'Folder upload', startMs: Date.UTC(2026, 2, 14, 10), endMs: Date.UTC(2026, 2, 14, 10, 10) });
    await page.goto(`${host.bridge.pageUrl}#/sessions/${s.id}`);
    await page.getByRole('heading', { name: /Folder upload/, level: 1 }).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose folder…' }).click()]);
    await chooser.setFiles(SAMPLE_DIR);
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor({ timeout: 60_000 });
    const meta = readFileSync(join(SAMPLE_DIR, 'meta.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(await page.locator('table[aria-label="Files found"] tr[data-file]').count()).toBe(meta.length * 2);
    for (const [dev, name] of meta) {
      expect(await page.getByRole('textbox', { name: `New player's name for unit ${dev}` }).inputValue()).toBe(name);
    }
    await shot('import-05-folder-found');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('table', { name: 'Imported units' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Participants' }).locator('tbody tr').count(), { timeout: 15_000 }).toBe(meta.length);
  });
});
