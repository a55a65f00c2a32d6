/**
 * Sync in the browser: the built renderer in Chromium through the loopback bridge, a real core,
 * a real central server on a real PostgreSQL. The user enters the server and token on the Sync
 * page; the navigation's status goes from "1 waiting" to "up to date" once the server has stored
 * the session; then a server that refuses the bundle (413) puts it in the failed list with the
 * server's reason, and the navigation says so; the roster pull adds the server's players and,
 * after a player and a unit were deleted on the laptop, says in the user's words what it did not
 * add back and whether the server has the deletion yet. Screenshots at 1366 × 768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { launchBrowser, HAS_CHROMIUM, CHROMIUM_SKIP_REASON } from '../support/browser.ts';
import { makeTempDir, coreCall } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken } from '../../src/server/tokens.ts';
import { formatDateTime } from '../../src/shared/domain/format.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const RENDERER_BUILT = existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
const HAS_PG = findPostgresBin() !== null;
const START = SAMPLE_OPTIONS.startMs;

describe.skipIf(!HAS_CHROMIUM || !RENDERER_BUILT || !HAS_PG)(
  `sync in Chromium${!HAS_CHROMIUM ? ` (skipped: ${CHROMIUM_SKIP_REASON})` : !RENDERER_BUILT ? ' (skipped: run npm run build first)' : !HAS_PG ? ` (skipped: ${POSTGRES_MISSING})` : ''}`,
  () => {
    let pgc: TestPostgres;
    let db: string;
    let intake: RunningServer;
    let applier: RunningServer | null = null;
    let host: DevHost;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let page: Page;
    let token: string;
    const errors: string[] = [];

    const call = coreCall(() => host.core);
    async function processed(name: string): Promise<string> {
      const s = await call<{ id: string }>('sessions:create', { name, startMs: START, endMs: START + 10 * 60_000 });
      await call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
      await call('jobs:start', { sessionId: s.id });
      await host.core.jobs.whenIdle(s.id);
      return s.id;
    }
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
    const indicator = () => page.getByTestId('sync-indicator');

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      pgc = await startPostgres();
      db = pgc.createDatabase('sync_e2e');
      // This server stores bundles but does not apply them: the laptop's item stays "waiting".
      intake = await startServer({ databaseUrl: db, port: 0, process: false, log: () => {} });
      token = (await createToken(intake.pool, 'First team')).token;
      host = await startDevHost({ dataDir: makeTempDir(), syncSender: { backoff: { baseMs: 20, capMs: 200 }, pollMs: 100, timeoutMs: 10_000 } });
      await processed('MD-1 training');
      browser = await launchBrowser();
      page = await browser.context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    });
    afterAll(async () => {
      await browser?.close();
      await host?.close();
      await applier?.close();
      await intake?.close();
      pgc?.stop();
    });

    it('shows "not set up", then pending, then synced after the server stores it', async () => {
      await page.goto(`${host.bridge.pageUrl}#/sync`);
      await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
      await expect.poll(() => indicator().innerText()).toContain('Sync: not set up');

      await page.getByLabel('Server address').fill(intake.url);
      await page.getByLabel(/Laptop token/).fill(token);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      // Queued and sent, not yet applied by any server process: still waiting.
      await expect.poll(() => indicator().innerText(), { timeout: 15_000 }).toMatch(/Sync: 1 waiting/);
      await expect.poll(() => page.locator('[data-testid=sync-items] tr[data-state=accepted]').count(), { timeout: 15_000 }).toBe(1);
      await shot('sync-pending');

      // A server process that applies bundles joins (same database): the status turns synced.
      applier = await startServer({ databaseUrl: db, port: 0, pollMs: 50, log: () => {} });
      await expect.poll(() => indicator().innerText(), { timeout: 20_000 }).toMatch(/Sync: up to date/);
      await expect.poll(() => indicator().innerText()).toMatch(/Last synced/);
      await expect.poll(() => page.getByTestId('sync-pending').innerText()).toBe('0');
      await page.locator('[data-testid=sync-items] tr[data-state=synced]').first().waitFor();
      await shot('sync-synced');
      expect((await applier.pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n).toBe(1);
    });

    it('a refusal shows the server’s reason in the failed list and in the navigation', async () => {
      const strict = await startServer({ databaseUrl: db, port: 0, maxBodyBytes: 4096, log: () => {} });
      try {
        await page.getByLabel('Server address').fill(strict.url);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
        await processed('MD+1 recovery');
        const failed = page.getByTestId('sync-failed');
        await failed.waitFor({ timeout: 20_000 });
        const row = failed.locator('tbody tr').first();
        expect(await row.locator('td').first().innerText()).toBe('MD+1 recovery');
        expect(await row.locator('.sync-reason').innerText()).toBe('the body is larger than this server accepts (4096 bytes) (HTTP 413)');
        await expect.poll(() => indicator().innerText()).toMatch(/Sync: 1 failed/);
        await shot('sync-refused');
        expect(errors).toEqual([]);
      } finally {
        await strict.close();
      }
    });

    it('pulls the roster: the added player is shown, and a difference keeps the laptop’s value', async () => {
      const mine = await call<{ id: string }>('players:create', { name: 'Jo Bloggs', position: 'Full back' });
      const teamId = (await applier!.pool.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', ['First team'])).rows[0]!.id;
      await applier!.pool.query('INSERT INTO roster_players (team_id, player_id, name, position) VALUES ($1, $2, $3, $4), ($1, $5, $6, $7)', [
        teamId, 'srv-ana', 'Ana Silva', 'Midfielder', mine.id, 'Joe Bloggs', 'Full back',
      ]);
      await applier!.pool.query('INSERT INTO roster_units (team_id, unit_id, device_id, player_id) VALUES ($1, $2, $3, $4)', [teamId, 'srv-u1', 'GPS-0101', 'srv-ana']);
      await page.getByLabel('Server address').fill(applier!.url);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      await page.getByRole('button', { name: 'Pull roster from the server' }).click();
      const result = page.getByTestId('roster-pull-result');
      await result.waitFor({ timeout: 15_000 });
      expect(await result.getByRole('status').innerText()).toBe('Added 1 player and 1 unit.');
      expect(await page.getByTestId('roster-players-added').innerText()).toBe('Players added: Ana Silva');
      expect(await page.getByTestId('roster-units-added').innerText()).toBe('Units added: GPS-0101');
      const rows = page.locator('[data-testid=roster-differences] tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('td').allInnerTexts()).toEqual(['Player Jo Bloggs: name', 'Jo Bloggs', 'Joe Bloggs']);
      expect(await result.innerText()).toContain("This laptop's values were kept (local edits are never overwritten)");
      await shot('sync-roster-pull');
      // The laptop kept its name; the server's new player is on the roster.
      const players = await call<{ id: string; name: string }[]>('players:list', {});
      expect(players.find((p) => p.id === mine.id)!.name).toBe('Jo Bloggs');
      expect(players.some((p) => p.id === 'srv-ana' && p.name === 'Ana Silva')).toBe(true);
      expect(errors).toEqual([]);
    });

    it('a player and a unit deleted on the laptop are not added back, and the page says why', async () => {
      // The sender paused: the deletions wait in the outbox, the server still lists both records.
      await host.core.sync.sender.stop();
      const teamId = (await applier!.pool.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', ['First team'])).rows[0]!.id;
      // Another laptop registered the same device under its own unit id.
      await applier!.pool.query('INSERT INTO roster_units (team_id, unit_id, device_id, player_id) VALUES ($1, $2, $3, NULL)', [teamId, 'srv-u1b', 'gps-0101']);
      await call('units:delete', { id: 'srv-u1' });
      await call('players:delete', { id: 'srv-ana' });
      const at = (kind: string, id: string) =>
        formatDateTime((host.core.ctx.db.prepare('SELECT deleted_at FROM roster_tombstones WHERE kind = ? AND id = ?').get(kind, id) as { deleted_at: number }).deleted_at);

      await page.getByRole('button', { name: 'Pull roster from the server' }).click();
      const skipped = page.getByTestId('roster-skipped');
      await skipped.waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('roster-pull-result').getByRole('status').innerText()).toBe('Nothing new on the server: no player or unit added.');
      expect(await skipped.locator('p').innerText()).toBe('Not added back: 1 player and 2 units you deleted on this laptop. To have one again, add it on the Roster page.');
      const notYet = 'The deletion has not reached the server yet; it goes with the next sync.';
      expect((await skipped.locator('li').allInnerTexts()).sort()).toEqual([
        `Player Ana Silva: you deleted this player on this laptop on ${at('player', 'srv-ana')}. ${notYet}`,
        `Unit GPS-0101: you deleted this unit on this laptop on ${at('unit', 'srv-u1')}. ${notYet}`,
        `Unit gps-0101: the server lists this device under another unit id; you deleted unit GPS-0101 on this laptop on ${at('unit', 'srv-u1')}, so it was not added.`,
      ]);
      await skipped.scrollIntoViewIfNeeded();
      await shot('sync-roster-skipped');

      // Sending again: the server stops listing the deleted player and unit; the other laptop's unit
      // with that device id is still listed there, and still not added here.
      host.core.sync.sender.start();
      await expect
        .poll(() => (host.core.ctx.db.prepare('SELECT count(*) AS n FROM roster_tombstones WHERE synced_at IS NOT NULL').get() as { n: number }).n, { timeout: 15_000 })
        .toBe(2);
      await page.getByRole('button', { name: 'Pull roster from the server' }).click();
      await expect.poll(() => skipped.locator('li').allInnerTexts(), { timeout: 15_000 }).toEqual([
        `Unit gps-0101: the server lists this device under another unit id; you deleted unit GPS-0101 on this laptop on ${at('unit', 'srv-u1')}, so it was not added.`,
      ]);
      expect(await skipped.locator('p').innerText()).toBe('Not added back: 1 unit you deleted on this laptop. To have one again, add it on the Roster page.');
      await skipped.scrollIntoViewIfNeeded();
      await shot('sync-roster-skipped-synced');
      const players = await call<{ id: string }[]>('players:list', {});
      expect(players.some((p) => p.id === 'srv-ana')).toBe(false);
      expect((await call<{ deviceId: string }[]>('units:list', {})).filter((u) => u.deviceId.toUpperCase() === 'GPS-0101')).toEqual([]);
      expect(errors).toEqual([]);
    });
  },
);
