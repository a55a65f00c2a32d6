/**
 * Browser end-to-end of Settings → Data folder, backup and restore: the built renderer in Chromium
 * through the loopback bridge against the real core (a real data folder with the sample session
 * processed). The page shows the data folder and its parts; a backup is saved to a typed path (no
 * dialogs in a browser); a damaged copy is refused in words with nothing replaced; the good one
 * is checked, shown against what it replaces, and restored: the app then shows the backed-up
 * sessions again. Screenshots at 1366 × 768: test-results/e2e/backup-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(
  `backup and restore in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`,
  () => {
    let host: DevHost;
    let dataDir: string;
    let out: string;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];

    const call = coreCall(() => host.core);
    const section = () => page.getByRole('region', { name: 'Data folder, backup and restore' });
    /** The section in view, at 1366 × 768, as the user sees it. */
    const shot = async (name: string, at: string | Locator) => {
      const el = typeof at === 'string' ? section().getByText(at, { exact: true }).first() : at;
      await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    };

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      dataDir = makeTempDir('p1-e2e-backup-');
      out = makeTempDir('p1-e2e-backup-out-');
      host = await startDevHost({ dataDir });
      const s = await call<{ id: string }>('sessions:create', { name: 'Backed-up training', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + SAMPLE_OPTIONS.minutes * 60_000 });
      await call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
      await call('jobs:start', { sessionId: s.id });
      await host.core.jobs.whenIdle(s.id);
      browser = await launchBrowser();
      context = browser.context;
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await host?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    });

    it('shows the data folder and what it holds', async () => {
      await page.goto(`${host.bridge.pageUrl}#/settings`);
      await section().waitFor();
      // Folded like the other settings groups: its title and the folder's path show; a click opens it.
      expect(await section().locator('summary').innerText()).toContain(dataDir);
      await section().locator('summary').click();
      expect(await section().getByTestId('data-dir').innerText()).toBe(dataDir);
      const parts = section().getByRole('table', { name: 'What the data folder holds' });
      // 5 units × GPS + IMU copied into the raw store; one report; the decoded cache not in backups.
      expect(await parts.locator('tr[data-part="raw"] td').nth(2).innerText()).toBe('10');
      expect(await parts.locator('tr[data-part="reports"] td').nth(2).innerText()).toBe('1');
      expect(await parts.locator('tr[data-part="decoded"] td').nth(3).innerText()).toBe('No');
      expect(await parts.locator('tr[data-part="player1.sqlite"] td').nth(3).innerText()).toBe('Yes');
      // A browser cannot open folders: it says so instead of offering a button that does nothing.
      await section().getByText('This window cannot open folders').waitFor();
      await shot('backup-1-data-folder', 'Data folder, backup and restore');
    });

    it('saves a backup to a typed folder', async () => {
      await section().locator('input[name=backup-path]').fill(out);
      await section().getByRole('button', { name: 'Save backup' }).click();
      const done = section().getByRole('status').filter({ hasText: 'Backup saved' });
      await done.waitFor({ timeout: 60_000 });
      const text = await done.innerText();
      expect(text).toMatch(/1 session, 5 players, 10 raw files, 1 report/);
      expect(text).toMatch(/Left out: the decoded cache/);
      const path = /(\/\S+\.tar\.gz)/.exec(text)![1];
      expect(path.startsWith(join(out, 'player1-backup-'))).toBe(true);
      expect(existsSync(path)).toBe(true);
      await shot('backup-2-saved', done);
    }, 90_000);

    it('refuses a cut copy in words, replacing nothing; restores the good one after showing what it replaces', async () => {
      const archive = readdirSync(out).find((n) => n.endsWith('.tar.gz'))!;
      const good = join(out, archive);
      // After the backup: another session the restore will replace.
      await call('sessions:create', { name: 'Made after the backup', startMs: Date.UTC(2026, 3, 2, 9), endMs: Date.UTC(2026, 3, 2, 10) });
      const bytes = readFileSync(good);
      const cut = join(out, 'cut-copy.tar.gz');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));

      await section().locator('input[name=restore-path]').fill(cut);
      await section().getByRole('button', { name: 'Check backup' }).click();
      const refused = section().getByRole('alert').filter({ hasText: 'Not restored' });
      await refused.waitFor({ timeout: 60_000 });
      expect(await refused.innerText()).toMatch(/cut-copy\.tar\.gz cannot be restored: the file is cut short.*Nothing was replaced/);
      expect((await call<{ name: string }[]>('sessions:list')).map((s) => s.name).sort()).toEqual(['Backed-up training', 'Made after the backup']);
      await shot('backup-3-refused', refused);

      await section().locator('input[name=restore-path]').fill(good);
      await section().getByRole('button', { name: 'Check backup' }).click();
      const confirm = section().getByRole('status').filter({ hasText: 'The backup is whole' });
      await confirm.waitFor({ timeout: 60_000 });
      const c = await confirm.innerText();
      expect(c).toMatch(/1 session, 5 players, 10 raw files, 1 report/);
      expect(c).toMatch(/replaces what this laptop holds now: 2 sessions, 5 players/);
      await shot('backup-4-confirm', confirm);
      // The question takes the focus, on its safe answer (Enter does not replace the data).
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Don't restore");
      await section().getByRole('button', { name: 'Replace my data with this backup' }).click();
      const restored = section().getByRole('status').filter({ hasText: 'Backup restored' });
      await restored.waitFor({ timeout: 60_000 });
      // The backup saved earlier described the data replaced now: its notice is gone.
      expect(await section().getByRole('status').filter({ hasText: 'Backup saved' }).count()).toBe(0);
      expect(await restored.innerText()).toMatch(/kept in .*before-restore-/);
      await section().getByRole('heading', { name: 'Data kept from earlier restores' }).waitFor();
      await shot('backup-5-restored', restored);
      const kept = /kept in (\S+before-restore-\S+)/.exec(await restored.innerText())![1];
      expect(existsSync(kept)).toBe(true);

      // The app answers from the restored data: the Sessions page lists the backed-up session only.
      await page.goto(`${host.bridge.pageUrl}#/sessions`);
      await page.getByText('Backed-up training').first().waitFor();
      expect(await page.getByText('Made after the backup').count()).toBe(0);
      expect(errors).toEqual([]);
    }, 120_000);

    it('deletes the data a restore set aside, after asking', async () => {
      await page.goto(`${host.bridge.pageUrl}#/settings`);
      await section().locator('summary').click();
      const list = section().locator('ul.previous-data li');
      await list.first().waitFor();
      const path = await list.first().locator('code').innerText();
      expect(existsSync(path)).toBe(true);
      await list.first().getByRole('button', { name: 'Delete…' }).click();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
      await list.first().getByText('Delete it for good?').waitFor();
      await shot('backup-6-delete-kept', list.first());
      await list.first().getByRole('button', { name: 'Delete', exact: true }).click();
      await section().getByRole('heading', { name: 'Data kept from earlier restores' }).waitFor({ state: 'detached' });
      expect(existsSync(path)).toBe(false);
      // Only what a restore set aside can be deleted this way.
      const r = await host.core.dispatch('backup:removePrevious', { path: dataDir });
      expect(r.ok).toBe(false);
      expect(existsSync(join(dataDir, 'player1.sqlite'))).toBe(true);
    }, 60_000);
  },
);
