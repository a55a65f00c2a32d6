/**
 * Player Feedback in Chromium (1366 × 768) through the loopback bridge against the real core:
 * every player of the sample session answers in kiosk mode (one by keyboard), the page is
 * reloaded half-way and nothing is lost, the session is processed, and the report's Player
 * Feedback table, its flags and the Player page's charts are checked. Screenshots in test-results/e2e.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import type { SessionFeedback } from '../../src/shared/domain/survey.ts';
import type { Session } from '../../src/shared/domain/session.ts';
import { launchBrowser, openReport, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const START = SAMPLE_OPTIONS.startMs; // 2026-03-14 10:00 UTC
const MIN = 60_000;

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT)(
  `Player Feedback in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : ''}`,
  () => {
    let host: DevHost;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let context: BrowserContext;
    let page: Page;
    let session: Session;
    const errors: string[] = [];
    const call = coreCall(() => host.core);
    const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      host = await startDevHost({ dataDir: makeTempDir() });
      const s = await call<{ id: string }>('sessions:create', { name: 'Feedback E2E', startMs: START, endMs: START + 10 * MIN });
      await call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
      session = await call<Session>('sessions:get', { id: s.id });
      // Alex's seven earlier days of wellness (sleep 3,3,4,3,4,3,4): a baseline, imported as a file would be.
      const sleeps = [3, 3, 4, 3, 4, 3, 4];
      const csv = ['Player,Date,Fatigue,Sleep,Soreness,Stress,Mood', ...sleeps.map((v, i) => `Alex Okafor,2026-03-${String(7 + i).padStart(2, '0')},3,${v},3,3,3`)].join('\n');
      const pv = await call<{ guess: unknown }>('surveys:previewImport', { fileName: 'history.csv', text: csv });
      await call('surveys:import', { fileName: 'history.csv', text: csv, mapping: pv.guess });
      browser = await launchBrowser({ timezoneId: 'UTC' });
      context = browser.context;
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    });
    afterAll(async () => {
      await browser?.close();
      await host?.close();
    });

    const feedback = () => call<SessionFeedback>('surveys:session', { sessionId: session.id });
    const question = (n: number) => page.locator('.kiosk-who', { hasText: `question ${n} of 6` }).waitFor();
    const pick = async (v: number) => page.locator('.kiosk-scale button').filter({ hasText: new RegExp(`^${v}(\\D|$)`) }).click();

    async function answerByTapping(name: string, rpe: number, wellness: number[]) {
      await page.locator('.kiosk-grid button', { hasText: name }).click();
      await question(1);
      // The previous player's answers are never shown: nothing is selected.
      expect(await page.locator('.kiosk-scale button[aria-pressed=true]').count()).toBe(0);
      await pick(rpe);
      for (let i = 0; i < wellness.length; i++) {
        await question(i + 2);
        expect(await page.locator('.kiosk-scale button[aria-pressed=true]').count()).toBe(0);
        await pick(wellness[i]);
      }
      await page.getByText(`Thank you, ${name}!`).waitFor();
      await page.getByRole('button', { name: 'Back to the players' }).click();
      await page.locator('.kiosk-grid button.done', { hasText: name }).waitFor();
    }

    it('every player answers in kiosk mode; a reload half-way loses nothing', async () => {
      await page.goto(`${host.bridge.pageUrl}#/feedback/${session.id}`);
      await page.getByRole('button', { name: 'Start kiosk mode (players answer)' }).click();
      await page.locator('.kiosk-grid').waitFor();
      // A real kiosk: the whole window, no navigation to results, roster or settings.
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(false);
      expect(await page.getByRole('table', { name: 'Answers, one row per player' }).count()).toBe(0);
      const box = await page.locator('.kiosk-full').boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: 1366, height: 768 });
      await shot(page, '40-kiosk-grid');
      const names = session.participants.map((p) => p.playerName);
      expect(names).toHaveLength(5);
      // McLean shows 5 (best) first, with its anchor words.
      await page.locator('.kiosk-grid button', { hasText: 'Alex Okafor' }).click();
      await question(1);
      expect(await page.locator('.kiosk-scale button').first().innerText()).toMatch(/^0\s*Rest/);
      await shot(page, '41-kiosk-rpe');
      await page.locator('.kiosk-scale button').filter({ hasText: /^7(\D|$)/ }).click();
      await question(2);
      await shot(page, '42-kiosk-wellness');
      for (const [i, v] of [3, 2, 3, 3, 3].entries()) {
        await question(i + 2);
        await pick(v);
      }
      await page.getByText('Thank you, Alex Okafor!').waitFor();
      await page.getByRole('button', { name: 'Back to the players' }).click();
      await answerByTapping(names[1], 5, [4, 4, 4, 4, 4]);

      // Reload in the middle of the next player's questions: what was shown as saved is there.
      await page.locator('.kiosk-grid button', { hasText: names[2] }).click();
      await question(1);
      await pick(6);
      await page.locator('.kiosk-nav .saved').waitFor();
      await page.reload();
      await page.locator('.kiosk-grid').waitFor();
      // A reload is no way out of the kiosk.
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      const mid = await feedback();
      expect(mid.players.filter((p) => p.complete.rpe && p.complete.wellness).map((p) => p.playerName).sort()).toEqual([names[0], names[1]].sort());
      expect(mid.players.find((p) => p.playerName === names[2])!.rpe).toBe(6);
      await page.locator('.kiosk-grid button', { hasText: names[0] }).locator('.state', { hasText: 'answered' }).waitFor();
      await page.locator('.kiosk-grid button', { hasText: names[2] }).locator('.state', { hasText: 'partly answered' }).waitFor();

      // By keyboard: digits answer, the grid is reached with Tab and Enter.
      await page.locator('.kiosk-grid button', { hasText: names[2] }).focus();
      await page.keyboard.press('Enter');
      await question(1);
      for (const [i, k] of ['6', '4', '4', '4', '4', '4'].entries()) {
        await question(i + 1);
        await page.keyboard.press(k);
      }
      await page.getByText(`Thank you, ${names[2]}!`).waitFor();
      await page.keyboard.press('Enter');
      await answerByTapping(names[3], 4, [5, 5, 5, 5, 5]);
      await answerByTapping(names[4], 8, [2, 3, 2, 3, 2]);
      await shot(page, '43-kiosk-all-answered');

      // Leaving is never one tap: Exit asks first, "Stay" keeps the kiosk; Escape asks too.
      await page.getByRole('button', { name: 'Exit kiosk' }).click();
      await page.getByRole('alertdialog').getByText('Leave kiosk mode?').waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      await shot(page, '43b-kiosk-exit-confirm');
      await page.getByRole('button', { name: 'Stay in kiosk' }).click();
      await page.locator('.kiosk-grid').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('alertdialog').waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Yes, leave kiosk mode' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(await page.locator('.kiosk-full').count()).toBe(0);
      await page.locator('.completion', { hasText: 'Complete 100 %' }).waitFor();

      const fb = await feedback();
      expect(fb.completion).toEqual({ players: 5, rpe: 5, wellness: 5, pct: 100 });
      const alex = fb.players.find((p) => p.playerName === 'Alex Okafor')!;
      expect(alex).toMatchObject({ rpe: 7, durationMin: 10, srpeAu: 70 });
      expect(alex.wellness?.items).toEqual({ fatigue: 3, sleep: 2, soreness: 3, stress: 3, mood: 3 });
      expect(alex.flags.map((f) => f.text)).toContain('Sleep 2 — 2.7 SD below their last 28 days (3.4)');
      expect(fb.players.find((p) => p.playerName === names[2])).toMatchObject({ rpe: 6, wellness: { total: 20 } });
    });

    it('the fast grid shows the answers; process; the report has the Player Feedback table and its flags', async () => {
      const grid = page.getByRole('table', { name: 'Answers, one row per player' });
      await grid.waitFor();
      expect(await grid.getByRole('textbox', { name: 'Alex Okafor: RPE (0–10)' }).inputValue()).toBe('7');
      await shot(page, '44-fast-grid');

      await page.goto(`${host.bridge.pageUrl}#/sessions/${session.id}`);
      await page.getByRole('button', { name: 'Process Report' }).click();
      await page.getByRole('button', { name: 'View Report' }).waitFor({ timeout: 120_000 });
      const report = await openReport(context, page);
      const table = report.locator('#feedback-table');
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBe(5);
      const alexRow = table.locator('tbody tr', { hasText: 'Alex Okafor' });
      const cells = await alexRow.locator('td').allInnerTexts();
      expect(cells.slice(0, 4)).toEqual(['Alex Okafor', '7', '10 (session)', '70']);
      expect(cells.slice(4, 10)).toEqual(['3', '2', '3', '3', '3', '14']);
      expect(await alexRow.locator('.flag.red').allInnerTexts()).toContain('● Sleep 2 — 2.7 SD below their last 28 days (3.4)');
      expect(await report.locator('#feedback-completion').innerText()).toContain('Completion 100 %');
      await report.locator('#srpe-chart svg circle').first().waitFor();
      expect(await report.locator('#srpe-chart svg circle').count()).toBe(5);
      expect(await report.locator('#acwr-table tbody tr').count()).toBe(5);
      await report.locator('#player-feedback').scrollIntoViewIfNeeded();
      await report.screenshot({ path: join(SHOTS, '45-report-feedback.png'), fullPage: false });
      await report.locator('#player-feedback').screenshot({ path: join(SHOTS, '46-report-feedback-section.png') });
      await report.close();
    });

    it('the Player page opens from a name in the results and draws its charts', async () => {
      await page.locator('table.results-table').getByRole('link', { name: 'Alex Okafor' }).first().click();
      await page.getByRole('heading', { name: /Alex Okafor/, level: 1 }).waitFor();
      await page.locator('#player-load-chart .recharts-surface').first().waitFor();
      await page.locator('#player-acwr-chart .recharts-surface').first().waitFor();
      await page.locator('#player-wellness-chart .recharts-surface').first().waitFor();
      // Eight wellness answers (seven imported, today's): eight points on the wellness line.
      expect(await page.locator('#player-wellness-chart .recharts-line-dots circle').count()).toBe(8);
      expect(await page.getByRole('table', { name: 'Flags' }).innerText()).toContain('Sleep 2 — 2.7 SD below their last 28 days (3.4)');
      await shot(page, '47-player-page');
      expect(errors).toEqual([]);
    });

    it('the import mapping step: each wellness item column and the date format are chosen, and what is chosen is imported', async () => {
      await page.goto(`${host.bridge.pageUrl}#/feedback`);
      // Two sleep columns and an ambiguous date (9 March, written day first).
      const csv = ['Athlete,Day,RPE,Fatigue,Sleep,Sleep quality,Soreness,Stress,Mood', 'Robin Novak,09/03/2026,6,3,1,4,3,2,5'].join('\n');
      await page.getByLabel('Survey file').setInputFiles({ name: 'other-tool.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const map = page.getByRole('table', { name: 'Column mapping' });
      await map.waitFor();
      await map.getByLabel('Wellness scale').selectOption('mclean-wellness@1');
      expect(await map.getByLabel('Wellness item Sleep').inputValue()).toBe('Sleep');
      await map.getByLabel('Wellness item Sleep').selectOption('Sleep quality');
      await map.getByLabel('Wellness item Mood').selectOption('');
      await map.getByLabel('Date format').selectOption('dmy');
      await shot(page, '48-import-mapping');
      await page.getByRole('button', { name: 'Import' }).click();
      const done = page.locator('.notice', { hasText: 'other-tool.csv' }).first();
      await done.waitFor();
      expect(await done.innerText()).toMatch(/other-tool\.csv: 2 new answer\(s\)[^]*RPE 1, wellness 1/);
      const robin = (await call<{ id: string; name: string }[]>('players:list', {})).find((p) => p.name === 'Robin Novak')!;
      const ov = await call<{ wellness: { date: string; values: Record<string, number> }[] }>('load:player', { playerId: robin.id, to: '2026-03-14' });
      // 9 March (day first), sleep from "Sleep quality" (4, not 1), no mood.
      expect(ov.wellness.find((w) => w.date === '2026-03-09')?.values).toEqual({ fatigue: 3, sleep: 4, soreness: 3, stress: 2 });
    });
  },
);
