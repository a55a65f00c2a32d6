/**
 * The roster pull end to end (docs/sync.md, "Roster pull"): a real core on a SQLite file pulls
 * GET /v1/roster from the real central server on a real PostgreSQL. What the laptop lacks is
 * added; a record it has is never changed, its differences are listed; a second pull adds nothing;
 * a unit known here under another id is matched by its device id, not duplicated; a revoked token
 * stops syncing and asks for a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core.ts';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken, revokeToken } from '../../src/server/tokens.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);

describe.skipIf(!hasPg)('roster pull from the central server', () => {
  let pgc: TestPostgres;
  let server: RunningServer;
  let t: TestCore;
  let token: { id: string; token: string };

  async function serverRoster(team: string, players: [string, string, string][], units: [string, string, string | null][]): Promise<void> {
    const teamId = (await server.pool.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [team])).rows[0]!.id;
    for (const [id, name, position] of players) {
      await server.pool.query('INSERT INTO roster_players (team_id, player_id, name, position) VALUES ($1, $2, $3, $4)', [teamId, id, name, position]);
    }
    for (const [id, device, player] of units) {
      await server.pool.query('INSERT INTO roster_units (team_id, unit_id, device_id, player_id) VALUES ($1, $2, $3, $4)', [teamId, id, device, player]);
    }
  }

  beforeAll(async () => {
    pgc = await startPostgres();
    server = await startServer({ databaseUrl: pgc.createDatabase('roster_test'), port: 0, pollMs: 30, log: () => {} });
    token = await createToken(server.pool, 'First team');
    await createToken(server.pool, 'Reserves');
    t = startTestCore({ sync: { sender: { timeoutMs: 5000, pollMs: 10_000 } } });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
    pgc?.stop();
  });

  it('asks for a server first', async () => {
    await expect(t.call('sync:pullRoster')).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/no central server is set/) });
  });

  it('adds the players and units the laptop lacks, keeps a local edit and lists it; a second pull changes nothing', async () => {
    // The laptop already has one player (an id the server knows, reported by an older bundle) and one unit under its own id.
    const mine = await t.call('players:create', { name: 'Jo Bloggs', position: 'Full back' });
    const myUnit = await t.call('units:create', { deviceId: 'GPS-0007', label: 'spare', defaultPlayerId: mine.id });
    await serverRoster(
      'First team',
      [
        ['srv-ana', 'Ana Silva', 'Midfielder'],
        ['srv-ben', 'Ben Okafor', 'Striker'],
        [mine.id, 'Joe Bloggs', 'Centre back'],
      ],
      [
        ['srv-u1', 'GPS-0001', 'srv-ana'],
        ['srv-u2', 'GPS-0002', null],
        ['srv-u7', 'gps-0007', 'srv-ben'],
      ],
    );
    // Another team's roster is never pulled.
    await serverRoster('Reserves', [['res-1', 'Reserve Player', 'Goalkeeper']], [['res-u1', 'GPS-9001', 'res-1']]);
    await t.call('sync:saveSettings', { serverUrl: server.url, caFile: null, token: token.token });

    const first = await t.call('sync:pullRoster');
    expect(first.playersAdded.map((p) => p.name).sort()).toEqual(['Ana Silva', 'Ben Okafor']);
    expect(first.unitsAdded.map((u) => u.deviceId).sort()).toEqual(['GPS-0001', 'GPS-0002']);
    expect(first.differences).toEqual([
      { kind: 'player', id: mine.id, label: 'Jo Bloggs', field: 'name', local: 'Jo Bloggs', server: 'Joe Bloggs' },
      { kind: 'player', id: mine.id, label: 'Jo Bloggs', field: 'position', local: 'Full back', server: 'Centre back' },
      { kind: 'unit', id: myUnit.id, label: 'GPS-0007', field: 'worn by', local: 'Jo Bloggs', server: 'Ben Okafor' },
    ]);

    const players = await t.call('players:list');
    expect(players.map((p) => `${p.name}/${p.position}`).sort()).toEqual(['Ana Silva/Midfielder', 'Ben Okafor/Striker', 'Jo Bloggs/Full back']);
    expect(players.find((p) => p.name === 'Ana Silva')!.id).toBe('srv-ana');
    const units = await t.call('units:list');
    expect(units).toHaveLength(3);
    const byDevice = new Map(units.map((u) => [u.deviceId.toUpperCase(), u]));
    expect(byDevice.get('GPS-0001')!.defaultPlayerId).toBe('srv-ana');
    expect(byDevice.get('GPS-0002')!.defaultPlayerId).toBeNull();
    // The laptop's own unit keeps its id and its wearer.
    expect(byDevice.get('GPS-0007')).toMatchObject({ id: myUnit.id, label: 'spare', defaultPlayerId: mine.id });

    // A local edit of a pulled player: kept, and listed at the next pull.
    const ana = players.find((p) => p.name === 'Ana Silva')!;
    await t.call('players:update', { id: ana.id, name: 'Ana Silva-Costa', position: 'Winger' });
    const second = await t.call('sync:pullRoster');
    expect(second.playersAdded).toEqual([]);
    expect(second.unitsAdded).toEqual([]);
    expect(second.differences).toContainEqual({ kind: 'player', id: 'srv-ana', label: 'Ana Silva-Costa', field: 'name', local: 'Ana Silva-Costa', server: 'Ana Silva' });
    expect(second.differences).toContainEqual({ kind: 'player', id: 'srv-ana', label: 'Ana Silva-Costa', field: 'position', local: 'Winger', server: 'Midfielder' });
    expect(second.differences).toHaveLength(5);

    const third = await t.call('sync:pullRoster');
    expect(third).toEqual(second);
    expect((await t.call('players:list')).map((p) => `${p.name}/${p.position}`).sort()).toEqual(['Ana Silva-Costa/Winger', 'Ben Okafor/Striker', 'Jo Bloggs/Full back']);
    expect(await t.call('units:list')).toHaveLength(3);
  });

  it('a revoked token stops syncing and asks for a new one; nothing changes', async () => {
    const before = await t.call('players:list');
    await revokeToken(server.pool, token.id);
    await expect(t.call('sync:pullRoster')).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/refused the token/) });
    expect((await t.call('sync:status')).needsToken).toBe(true);
    expect(await t.call('players:list')).toEqual(before);
  });
});
