/**
 * Browser end-to-end: the built renderer in Debian's Chromium, talking to the real core through
 * the loopback bridge (the same contract the preload exposes). Roster → session → import the
 * sample folder (typed path → findings → Import) → Process Report → progress → View Report → the
 * report lists every player. Then a corrupt unit: shown before import; damaged after import, the
 * run FAILS naming it, and Process Report is offered again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { appPage, launchBrowser, openReport, reportTeamNames, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(`app flow in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  const meta = readFileSync(join(SAMPLE_DIR, 'meta.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

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

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('builds a roster', async () => {
    await page.goto(host.bridge.pageUrl);
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
    await shot('01-sessions-empty');
    await page.getByRole('link', { name: 'Roster' }).click();
    await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
    // One player and their unit known before import; the import must reuse them, not duplicate.
    const [dev, name, pos] = meta[0];
    await page.fill('input[name=player-name]', name);
    await page.fill('input[name=player-position]', pos);
    await page.getByRole('button', { name: 'Add player' }).click();
    await page.getByRole('table', { name: 'Players' }).getByRole('rowheader', { name, exact: true }).waitFor();
    await page.fill('input[name=unit-device-id]', dev);
    await page.fill('input[name=unit-label]', 'Pod 1');
    await page.selectOption('select[name=unit-wearer]', { label: name });
    await page.getByRole('button', { name: 'Add unit' }).click();
    await page.getByRole('table', { name: 'Units' }).getByRole('rowheader', { name: dev, exact: true }).waitFor();
    await shot('02-roster');
  });

  it('creates a session, imports the sample folder, processes it and opens the report', async () => {
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.fill('input[name=session-name]', 'E2E training');
    await page.fill('input[name=session-date]', '2026-03-14');
    await page.fill('input[name=session-start]', '10:00');
    await page.fill('input[name=session-end]', '10:10');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: /E2E training/, level: 1 }).waitFor();
    // Shown in the laptop's zone (London = UTC on 14 March 2026).
    await expect(page.getByText('Sat, 14 Mar 2026, 10:00 – 10:10')).toBeTruthy();

    // The window's responsiveness (issue 19): every task longer than 50 ms on its main thread
    // during the import and the processing, printed as figures (wall time: on a loaded machine it
    // includes waiting for a core), never asserted.
    await page.evaluate(() => {
      const w = window as unknown as { __long: { worst: number; count: number } };
      w.__long = { worst: 0, count: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__long.count++;
          w.__long.worst = Math.max(w.__long.worst, e.duration);
        }
      }).observe({ type: 'longtask' });
    });
    const longTasks = async (during: string) => {
      const l = await page.evaluate(() => {
        const w = window as unknown as { __long: { worst: number; count: number } };
        const was = { ...w.__long };
        w.__long = { worst: 0, count: 0 };
        return was;
      });
      console.log(`[long tasks] ${during}: ${l.count} task(s) over 50 ms on the window's main thread, the longest ${l.worst.toFixed(0)} ms`);
    };

    await page.fill('input[name=import-path]', SAMPLE_DIR);
    await page.getByRole('button', { name: 'Scan path' }).click();
    // Every unit's gps.csv and imu.csv, read before anything is imported.
    const found = page.getByRole('table', { name: 'Files found' });
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
    expect(await found.locator('tbody tr[data-file]').count()).toBe(meta.length * 2);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const imported = page.getByRole('table', { name: 'Imported units' });
    await imported.waitFor();
    await expect.poll(() => imported.locator('tbody tr').count(), { timeout: 15_000 }).toBe(meta.length);
    await expect.poll(() => page.getByRole('table', { name: 'Participants' }).locator('tbody tr').count(), { timeout: 15_000 }).toBe(meta.length);
    await shot('03-session-imported');
    await longTasks('import (scan, findings, Import)');

    // Record every status and progress value the page shows, however briefly.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: { status: string[]; progress: Record<string, number> } };
      w.__seen = { status: [], progress: {} };
      const record = () => {
        const badge = document.querySelector('.process-panel [data-status]');
        const st = badge?.getAttribute('data-status');
        if (st && w.__seen.status.at(-1) !== st) w.__seen.status.push(st);
        document.querySelectorAll('.progress-table tr[data-device]').forEach((tr) => {
          const v = Number(tr.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0);
          const dev = tr.getAttribute('data-device')!;
          w.__seen.progress[dev] = Math.max(w.__seen.progress[dev] ?? 0, v);
        });
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
      record();
    });
    await page.getByRole('button', { name: 'Process Report' }).click();
    await page.getByRole('button', { name: 'View Report' }).waitFor({ timeout: 60_000 });
    await longTasks('Process Report (progress to results)');
    const seen = await page.evaluate(() => (window as unknown as { __seen: { status: string[]; progress: Record<string, number> } }).__seen);
    expect(seen.status[0]).toBe('PENDING');
    expect(seen.status.at(-1)).toBe('COMPLETED');
    expect(seen.status.some((s) => s === 'QUEUED' || s === 'PROCESSING')).toBe(true);
    for (const [dev] of meta) expect(seen.progress[dev]).toBe(100);
    await page.getByRole('table', { name: 'Results' }).waitFor();
    await page.locator('.team-bar-chart svg.p1-chart').first().waitFor();
    await shot('04-session-completed');
    // Where each unit's distance came from: a row per unit whose parts add up to its distance.
    const split = page.getByRole('table', { name: 'Distance measured, interpolated and estimated per unit' });
    await split.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '04b-distance-split.png') });
    const splitRows = await split.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
    expect(splitRows).toHaveLength(meta.length);
    const metres = (t: string) => Number(t.replace(/[^\d.]/g, '').replace(/\.$/, '') || NaN);
    for (const cells of splitRows) {
      // Unit, sampling ("10 Hz"), distance, measured, interpolated, estimated ("1 234 m (56 s)"), odometer.
      expect(cells[1]).toBe('10 Hz');
      const parts = [3, 4, 5].map((i) => metres(cells[i].split(' m')[0]));
      expect(Math.abs(parts[0] + parts[1] + parts[2] - metres(cells[2]))).toBeLessThanOrEqual(2);
    }

    const report = await openReport(context, page);
    const names = await reportTeamNames(report);
    expect(names).toHaveLength(meta.length);
    for (const [dev, name] of meta) expect(names.some((n) => n.includes(name) && n.includes(dev))).toBe(true);
    await report.locator('html[data-viewer=ready]').waitFor();
    await report.locator('svg.p1-chart').first().waitFor();
    await report.screenshot({ path: join(SHOTS, '05-report.png'), fullPage: true });
    await report.close();

    // The roster grew by the 4 new players only.
    await page.getByRole('link', { name: 'Roster' }).click();
    await page.getByRole('table', { name: 'Players' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Players' }).locator('tbody tr').count(), { timeout: 15_000 }).toBe(meta.length);
  });

  it('shows a corrupt file before import; a stored copy damaged after import fails the run, named, and Process Report is offered again', async () => {
    const bad = makeTempDir();
    cpSync(SAMPLE_DIR, bad, { recursive: true });
    const p = join(bad, 'P1-1003', 'gps.csv');
    const good = readFileSync(p, 'utf8');
    const lines = good.split('\n');
    lines[4] = 'garbage';
    writeFileSync(p, lines.join('\n'));

    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.fill('input[name=session-name]', 'Corrupt unit');
    await page.fill('input[name=session-date]', '2026-03-14');
    await page.fill('input[name=session-start]', '10:00');
    await page.fill('input[name=session-end]', '10:10');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: /Corrupt unit/, level: 1 }).waitFor();
    await page.fill('input[name=import-path]', bad);
    await page.getByRole('button', { name: 'Scan path' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
    // The scan already says which file and line is wrong, and that file cannot be ticked.
    const name = `${basename(bad)}/P1-1003/gps.csv`;
    const row = page.locator(`tr[data-file="${name}"]`);
    expect(await row.innerText()).toContain('Cannot be read');
    expect(await page.locator(`tr[data-details-for="${name}"]`).innerText()).toMatch(/P1-1003\/gps\.csv line 5: column 'time': "garbage" is not a number/);
    expect(await page.getByRole('checkbox', { name: `Import ${name}` }).isDisabled()).toBe(true);
    await shot('06-corrupt-file-found');

    // Import the good copy instead, then damage what the raw store holds (a disk fault).
    writeFileSync(p, good);
    await page.getByRole('button', { name: 'Scan path' }).click();
    await page.locator(`tr[data-file="${name}"]`).getByText('No problems').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('table', { name: 'Imported units' }).waitFor();
    const session = host.core.ctx.repos.sessions.list().find((x) => x.name === 'Corrupt unit')!;
    const stored = host.core.ctx.repos.sessions.get(session.id)!.participants.find((x) => x.deviceId === 'P1-1003')!.files.find((f) => f.sourceName === name)!;
    chmodSync(stored.path, 0o644);
    writeFileSync(stored.path, lines.join('\n'));

    await page.getByRole('button', { name: 'Process Report' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Unit P1-1003' });
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.innerText();
    const player = meta.find((m) => m[0] === 'P1-1003')![1];
    expect(text).toContain(`Unit P1-1003 (${player}) failed`);
    // The copy is no longer what was imported: caught before it is read, named, with both sizes.
    const now = lines.join('\n');
    expect(text).toContain(
      `the app's stored copy of ${name} has changed since it was imported (${Buffer.byteLength(good)} bytes when imported, ${Buffer.byteLength(now)} now): it was damaged on disk; import the unit's file again`,
    );
    await page.getByRole('button', { name: 'Process Report again' }).waitFor();
    expect(await page.locator('.process-panel [data-status]').getAttribute('data-status')).toBe('FAILED');
    await shot('07-session-failed');
  });
});
