/**
 * Browser end-to-end for the Devices page: the built renderer in Debian's Chromium, the real core
 * behind the loopback bridge, demo units on real pseudo-terminals (in-process links without
 * socat). Simulated units appear; each is assigned on the spot; one click downloads them all
 * with a progress bar per unit; the unit with a loose cable fails naming itself, comes back and
 * its Retry resumes; the landed files (sha256 = the emulator's source bytes) show on the session
 * page; Process Report completes and the report lists the players; erase asks first; stopping
 * the demo makes the units disappear.
 */
import { recordingBytes } from '../support/sim-recording.ts';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { Session } from '../../src/shared/domain/session.ts';
import { appPage, launchBrowser, openReport, reportTeamNames, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { textContrast } from './contrast.ts';
import { makeTempDir } from '../support/core.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const T0 = Date.UTC(2026, 2, 14, 10, 0);
const UNITS = ['DEMO-01', 'DEMO-02', 'DEMO-03', 'DEMO-04'];
const PLAYERS = ['Alex Okafor', 'Sam Silva', 'Jordan Novak', 'Casey Murphy'];
const FAULTY = 'DEMO-03';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Seen {
  /** Per unit: highest progress shown, and whether a value strictly between 0 and 100 was shown. */
  max: Record<string, number>;
  partial: Record<string, boolean>;
  /** Per unit: the bytes/rate/time-left line while it ran. */
  figures: Record<string, string>;
  failures: string[];
  away: Record<string, boolean>;
}

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(`Devices page in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`, () => {
  let host: DevHost;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  let session: Session;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startDevHost({ dataDir: makeTempDir() });
    const r = await host.core.dispatch('sessions:create', { name: 'Demo training', startMs: T0, endMs: T0 + 10 * 60_000 });
    if (!r.ok) throw new Error(r.error.message);
    session = r.value as Session;
    browser = await launchBrowser({ timezoneId: 'Europe/London' });
    context = browser.context;
    page = await appPage(context);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const row = (unit: string) => page.locator(`tr[data-unit="${unit}"]`);
  const seen = () => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

  it('shows simulated units appearing, with their details', async () => {
    await page.goto(`${host.bridge.pageUrl}#/devices`);
    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
    await page.getByText('No units connected').waitFor();
    expect(await page.locator('select[name=device-session] option:checked').innerText()).toContain('Demo training');
    await page.getByRole('button', { name: 'Start demo units' }).click();
    for (const u of UNITS) await row(u).waitFor();
    const first = await row('DEMO-01').innerText();
    expect(first).toContain('simulated');
    expect(first).toContain('1.4.2'); // firmware
    expect(first).toContain('92 %'); // battery
    // Clock offset measured at handshake, shown to 0.1 s with its uncertainty (half the round
    // trip): the simulated units run 3.0 s behind and 0.7 s ahead.
    const offsetOf = (text: string) => {
      const m = /([−+])(\d+\.\d) s \(unit (?:behind|ahead)\)\s*± (\d+) ms/.exec(text);
      expect(m, text).not.toBeNull();
      return { s: (m![1] === '−' ? -1 : 1) * Number(m![2]), uncertaintyS: Number(m![3]) / 1000 };
    };
    for (const [text, expected] of [[first, -3.0], [await row('DEMO-04').innerText(), 0.7]] as const) {
      const o = offsetOf(text);
      expect(Math.abs(o.s - expected)).toBeLessThanOrEqual(o.uncertaintyS + 0.05 + 1e-9); // + display rounding
    }
    await page.getByRole('status').or(page.locator('.notice-info')).filter({ hasText: `${FAULTY} has a loose cable` }).waitFor();
    await shot('devices-01-demo-units');
  });

  it('assigns each unit to a player on the spot', async () => {
    for (const [i, u] of UNITS.entries()) {
      await page.selectOption(`select[name=assign-${u}]`, { label: 'New player…' });
      await page.fill(`input[name=assign-name-${u}]`, PLAYERS[i]);
      await row(u).getByRole('button', { name: 'Assign', exact: true }).click();
      await row(u).locator('.player-name', { hasText: PLAYERS[i] }).waitFor();
    }
    // Changing a player can be abandoned, and the keyboard stays in the row throughout.
    const change = row('DEMO-01').getByRole('button', { name: 'Change the player of DEMO-01' });
    const focused = (l: ReturnType<Page['locator']>) => l.evaluate((el) => el === document.activeElement);
    await change.click();
    expect(await focused(page.locator('select[name=assign-DEMO-01]'))).toBe(true);
    await row('DEMO-01').getByRole('button', { name: `Keep ${PLAYERS[0]}` }).click();
    await change.waitFor();
    expect(await focused(change)).toBe(true);
    // A unit already assigned shows its player; the roster knows them now.
    const units = await host.core.dispatch('units:list', {});
    expect(units.ok && (units.value as { deviceId: string }[]).map((x) => x.deviceId).sort()).toEqual(UNITS);
  });

  it('downloads all units in parallel with a progress bar each; the failing unit names itself and is retried to success', async () => {
    await page.evaluate((units) => {
      const w = window as unknown as { __seen: Seen };
      w.__seen = { max: {}, partial: {}, figures: {}, failures: [], away: {} };
      const record = () => {
        for (const u of units) {
          const tr = document.querySelector(`tr[data-unit="${u}"]`);
          const bar = tr?.querySelector('[role=progressbar]');
          if (bar) {
            const v = Number(bar.getAttribute('aria-valuenow'));
            w.__seen.max[u] = Math.max(w.__seen.max[u] ?? 0, v);
            if (v > 0 && v < 100) w.__seen.partial[u] = true;
            const fig = tr?.querySelector('.dl-figures')?.textContent ?? '';
            if (/\/s/.test(fig)) w.__seen.figures[u] = fig;
          }
          const fail = tr?.querySelector('[data-state=failed] .failure-message')?.textContent;
          if (fail && !w.__seen.failures.includes(fail)) w.__seen.failures.push(fail);
        }
        document.querySelectorAll('.notice-error').forEach((n) => {
          const m = /^(\S+) is not connected/.exec(n.querySelector('.notice-title')?.textContent ?? '');
          if (m) w.__seen.away[m[1]] = true;
        });
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      record();
    }, UNITS);

    await page.getByRole('button', { name: 'Download all (4 units)' }).click();
    await row('DEMO-01').locator('[data-state=running] [role=progressbar]').waitFor();
    await page.waitForFunction(() => Object.keys((window as unknown as { __seen: Seen }).__seen.figures).length > 0);
    await shot('devices-02-downloading');

    for (const u of UNITS.filter((x) => x !== FAULTY)) await row(u).locator('[data-state=done]').waitFor();
    // The loose cable: the unit drops out (its failure names it), leaves the table, and comes back.
    await page.waitForFunction((u) => (window as unknown as { __seen: Seen }).__seen.away[u] === true, FAULTY);
    await shot('devices-03-unit-failed');
    const retry = row(FAULTY).getByRole('button', { name: `Retry ${FAULTY}` });
    await retry.waitFor();
    const s1 = await seen();
    expect(s1.failures.some((f) => f.startsWith(`${FAULTY}: link lost`))).toBe(true);
    expect(await row(FAULTY).locator('[data-state=failed]').innerText()).toMatch(/verified and kept: the next try resumes there/);
    await retry.click();
    await row(FAULTY).locator('[data-state=done]').waitFor();
    expect(await row(FAULTY).innerText()).toContain('resumed where it stopped');
    await shot('devices-04-all-downloaded');

    const s = await seen();
    for (const u of UNITS) {
      expect(s.max[u], u).toBe(100);
      expect(s.partial[u], `${u} showed progress between 0 and 100`).toBe(true);
    }
    expect(Object.values(s.figures).some((f) => /of .* · .*\/s · /.test(f))).toBe(true);
    expect(s.failures.filter((f) => !f.startsWith(FAULTY))).toEqual([]);

    // What landed is byte-identical to what the simulated units hold.
    const demo = (await host.core.ctx.devices!.get()).runtime.demoUnits!;
    const got = await host.core.dispatch('sessions:get', { id: session.id });
    if (!got.ok) throw new Error(got.error.message);
    const parts = (got.value as Session).participants;
    for (const [i, u] of UNITS.entries()) {
      const p = parts.find((x) => x.deviceId === u)!;
      expect(p.playerName).toBe(PLAYERS[i]);
      expect(p.files).toHaveLength(1);
      const expected = sha256(recordingBytes(demo.specs[i].recordings.find((r) => r.id === 2)!));
      expect(p.files[0].sha256).toBe(expected);
      expect(sha256(readFileSync(p.files[0].path))).toBe(expected);
    }
  });

  it('shows the landed files on the session page, and Process Report lists the players', async () => {
    await page.getByRole('link', { name: 'Demo training', exact: true }).click();
    await page.getByRole('heading', { name: /Demo training/, level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Participants' });
    for (const [i, u] of UNITS.entries()) {
      const r = table.locator('tr', { hasText: PLAYERS[i] });
      expect(await r.innerText()).toContain(`${u}/rec-2.p1`);
    }
    await shot('devices-05-session-files');

    await page.getByRole('button', { name: 'Process Report' }).click();
    await page.getByRole('button', { name: 'View Report' }).waitFor({ timeout: 60_000 });
    const report = await openReport(context, page);
    const names = await reportTeamNames(report);
    expect(names).toHaveLength(UNITS.length);
    for (const [i, u] of UNITS.entries()) expect(names.some((n) => n.includes(PLAYERS[i]) && n.includes(u))).toBe(true);
    await report.screenshot({ path: join(SHOTS, 'devices-06-report.png'), fullPage: true });
    await report.close();
  });

  it('erases only after confirmation, and only what is stored', async () => {
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    await row('DEMO-01').waitFor();
    const eraseButton = row('DEMO-01').getByRole('button', { name: 'Erase recordings from DEMO-01' });
    const hasFocus = () => eraseButton.evaluate((el) => el === document.activeElement);
    const dialog = page.getByRole('dialog', { name: 'Erase recordings from DEMO-01?' });
    // Escape keeps everything and gives the keyboard back where it was.
    await eraseButton.click();
    await dialog.getByRole('table', { name: 'Recordings on DEMO-01' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await hasFocus()).toBe(true);
    await eraseButton.click();
    await dialog.getByRole('table', { name: 'Recordings on DEMO-01' }).waitFor();
    // Yesterday's recording was never downloaded: it cannot be picked.
    expect(await dialog.getByRole('checkbox', { name: 'Erase recording 1' }).isDisabled()).toBe(true);
    // Nothing is ticked for the user: the recording to erase is picked by hand.
    expect(await dialog.getByRole('checkbox', { name: 'Erase recording 2' }).isChecked()).toBe(false);
    await dialog.getByRole('checkbox', { name: 'Erase recording 2' }).check();
    await shot('devices-07-erase-confirm');
    // The destructive button reads clearly (its text was once red on red).
    expect(await textContrast(dialog.getByRole('button', { name: 'Erase 1 recording from DEMO-01' }))).toBeGreaterThanOrEqual(4.5);
    const demo = (await host.core.ctx.devices!.get()).runtime.demoUnits!;
    expect(demo.specs[0].recordings.map((r) => r.id)).toEqual([1, 2]); // nothing erased before the click
    await dialog.getByRole('button', { name: 'Erase 1 recording from DEMO-01' }).click();
    await page.getByText('DEMO-01: erased 1 recording.').waitFor();
    expect(await hasFocus()).toBe(true);
    expect(demo.specs[0].recordings.map((r) => r.id)).toEqual([1]);
  });

  it('units disappear when the demo stops', async () => {
    await page.getByRole('button', { name: 'Stop demo units' }).click();
    await page.getByText('No units connected').waitFor();
    expect(await page.locator('tr[data-unit]').count()).toBe(0);
    await shot('devices-08-stopped');
  });
});
