/**
 * Roster tombstones on a real SQLite file (docs/sync.md, "Roster deletions"): deleting a player or
 * a unit records its tombstone in the same transaction; the roster pull's merge never adds a
 * tombstoned record back (a unit by its id or by its device id) and says what it skipped; a device
 * registered again ends the tombstone's hold on its device id; a player added again is a new record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startTestCore, type TestCore } from '../support/core.ts';
import { mergeRoster, type ServerRoster } from '../../src/main/core/sync/roster-pull.ts';

const T0 = Date.UTC(2026, 11, 7, 9, 30);
let now = T0;
let t: TestCore;
afterEach(() => t?.close());

const start = () => {
  now = T0;
  t = startTestCore({ clock: () => now });
};
const tombstones = () => t.core.ctx.db.prepare('SELECT kind, id, label, device_id, deleted_at, synced_at FROM roster_tombstones ORDER BY kind, id').all();
const merge = (roster: ServerRoster) => mergeRoster(t.core.ctx.db, roster, now);

describe('deleting records a tombstone in the same transaction', () => {
  it('a player: kind, id, name, no device id, when', async () => {
    start();
    const ana = await t.call('players:create', { name: 'Ana Silva', position: 'Midfielder' });
    now = T0 + 60_000;
    expect(await t.call('players:delete', { id: ana.id })).toEqual({ deleted: true });
    expect(tombstones()).toEqual([{ kind: 'player', id: ana.id, label: 'Ana Silva', device_id: null, deleted_at: T0 + 60_000, synced_at: null }]);
    expect(await t.call('players:list')).toEqual([]);
  });

  it('a unit: kind, id, device id as label and device id, when', async () => {
    start();
    const u = await t.call('units:create', { deviceId: 'GPS-0007', label: 'spare' });
    now = T0 + 5_000;
    expect(await t.call('units:delete', { id: u.id })).toEqual({ deleted: true });
    expect(tombstones()).toEqual([{ kind: 'unit', id: u.id, label: 'GPS-0007', device_id: 'GPS-0007', deleted_at: T0 + 5_000, synced_at: null }]);
  });

  it('nothing deleted, nothing recorded: a refused delete (history) and an unknown id leave no tombstone', async () => {
    start();
    const p = await t.call('players:create', { name: 'Ben Okafor', position: '' });
    const u = await t.call('units:create', { deviceId: 'GPS-0002' });
    await t.call('sessions:create', { name: 's', startMs: T0, endMs: T0 + 3600_000, participants: [{ playerId: p.id, unitId: u.id }] });
    expect(await t.raw('players:delete', { id: p.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.raw('units:delete', { id: u.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(t.core.ctx.repos.players.delete('no-such-player', now)).toBe(false);
    expect(tombstones()).toEqual([]);
  });

  it('the delete and its tombstone commit together: a failing tombstone write keeps the player', async () => {
    start();
    const p = await t.call('players:create', { name: 'Cal Reed', position: '' });
    t.core.ctx.db.exec("CREATE TRIGGER no_tombstones BEFORE INSERT ON roster_tombstones BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect((await t.raw('players:delete', { id: p.id })).ok).toBe(false);
    expect((await t.call('players:list')).map((x) => x.id)).toEqual([p.id]);
    expect(tombstones()).toEqual([]);
  });

  it('survives closing and reopening the data folder (it is in the SQLite file)', async () => {
    start();
    const p = await t.call('players:create', { name: 'Dee Ward', position: '' });
    await t.call('players:delete', { id: p.id });
    const file = join(t.dataDir, 'player1.sqlite');
    const dir = t.dataDir;
    await t.core.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT kind, id, label FROM roster_tombstones').all()).toEqual([{ kind: 'player', id: p.id, label: 'Dee Ward' }]);
    } finally {
      db.close();
    }
    t = startTestCore({ dataDir: dir, clock: () => now });
    expect(tombstones()).toHaveLength(1);
  });
});

describe('the roster pull does not add a deleted record back', () => {
  it('skips a deleted player by id, a deleted unit by id and another unit with the deleted device id; adds the rest', async () => {
    start();
    const ana = await t.call('players:create', { name: 'Ana Silva', position: 'Midfielder' });
    const u7 = await t.call('units:create', { deviceId: 'GPS-0007' });
    const u8 = await t.call('units:create', { deviceId: 'GPS-0008' });
    now = T0 + 1000;
    await t.call('players:delete', { id: ana.id });
    now = T0 + 2000;
    await t.call('units:delete', { id: u7.id });
    now = T0 + 3000;
    await t.call('units:delete', { id: u8.id });
    now = T0 + 10_000;

    const r = merge({
      players: [
        { player_id: ana.id, name: 'Ana Silva-Costa', position: 'Winger' },
        { player_id: 'srv-ben', name: 'Ben Okafor', position: 'Striker' },
      ],
      units: [
        // The deleted unit itself, worn by the deleted player on the server.
        { unit_id: u7.id, device_id: 'GPS-0007', player_id: ana.id },
        // Another id with the deleted unit's device id (another laptop registered it): the same unit.
        { unit_id: 'srv-u8', device_id: 'gps-0008', player_id: null },
        // A new unit worn by the deleted player: added, worn by nobody here.
        { unit_id: 'srv-u1', device_id: 'GPS-0001', player_id: ana.id },
      ],
    });
    expect(r.playersAdded).toEqual([{ id: 'srv-ben', name: 'Ben Okafor' }]);
    expect(r.unitsAdded).toEqual([{ id: 'srv-u1', deviceId: 'GPS-0001' }]);
    expect(r.differences).toEqual([]);
    expect(r.skipped).toEqual([
      { kind: 'player', id: ana.id, label: 'Ana Silva-Costa', reason: 'deleted-on-this-laptop', matchedBy: 'id', deletedLabel: 'Ana Silva', deletedAt: T0 + 1000, deletionSynced: false },
      { kind: 'unit', id: u7.id, label: 'GPS-0007', reason: 'deleted-on-this-laptop', matchedBy: 'id', deletedLabel: 'GPS-0007', deletedAt: T0 + 2000, deletionSynced: false },
      { kind: 'unit', id: 'srv-u8', label: 'gps-0008', reason: 'deleted-on-this-laptop', matchedBy: 'device', deletedLabel: 'GPS-0008', deletedAt: T0 + 3000, deletionSynced: false },
    ]);
    expect((await t.call('players:list')).map((p) => p.id)).toEqual(['srv-ben']);
    const units = await t.call('units:list');
    expect(units.map((u) => [u.id, u.deviceId, u.defaultPlayerId])).toEqual([['srv-u1', 'GPS-0001', null]]);
    // Pulling again skips the same and adds nothing.
    const again = merge({ players: [{ player_id: ana.id, name: 'Ana Silva', position: '' }], units: [{ unit_id: u7.id, device_id: 'GPS-0007' }] });
    expect([again.playersAdded, again.unitsAdded, again.skipped.map((s) => s.id)]).toEqual([[], [], [ana.id, u7.id]]);
    expect(await t.call('players:list')).toHaveLength(1);
  });
});

describe('re-creation', () => {
  it('a device registered again ends the hold on its device id, never on the deleted unit id', async () => {
    start();
    const old = await t.call('units:create', { deviceId: 'GPS-0007' });
    now = T0 + 1000;
    await t.call('units:delete', { id: old.id });
    now = T0 + 2000;
    // Registered again (any case: device ids match case-insensitively here).
    const again = await t.call('units:create', { deviceId: 'gps-0007', label: 'back from repair' });
    expect(again.id).not.toBe(old.id);
    expect(tombstones()).toEqual([{ kind: 'unit', id: old.id, label: 'GPS-0007', device_id: null, deleted_at: T0 + 1000, synced_at: null }]);

    const r = merge({
      players: [],
      units: [
        { unit_id: old.id, device_id: 'GPS-0007', player_id: null },
        { unit_id: 'srv-u7b', device_id: 'GPS-0007', player_id: null },
      ],
    });
    // Both are the laptop's new unit by their device id (the merge's rule): neither added, no duplicate, nothing skipped.
    expect(r.skipped).toEqual([]);
    expect(r.unitsAdded).toEqual([]);
    expect(r.differences).toEqual([]);
    expect((await t.call('units:list')).map((u) => u.id)).toEqual([again.id]);

    // Deleted again: a second tombstone holds the device id again.
    now = T0 + 3000;
    await t.call('units:delete', { id: again.id });
    const r2 = merge({ players: [], units: [{ unit_id: 'srv-u7b', device_id: 'GPS-0007', player_id: null }] });
    expect(r2.skipped).toEqual([
      { kind: 'unit', id: 'srv-u7b', label: 'GPS-0007', reason: 'deleted-on-this-laptop', matchedBy: 'device', deletedLabel: 'gps-0007', deletedAt: T0 + 3000, deletionSynced: false },
    ]);
    expect(await t.call('units:list')).toEqual([]);
  });

  it('a unit whose device id is edited to a deleted one ends that hold too; an edit that keeps the device id does not', async () => {
    start();
    const a = await t.call('units:create', { deviceId: 'GPS-0001' });
    const b = await t.call('units:create', { deviceId: 'GPS-0002' });
    await t.call('units:delete', { id: a.id });
    await t.call('units:update', { id: b.id, label: 'renamed' });
    expect(tombstones()).toMatchObject([{ id: a.id, device_id: 'GPS-0001' }]);
    await t.call('units:update', { id: b.id, deviceId: 'GPS-0001' });
    expect(tombstones()).toMatchObject([{ id: a.id, device_id: null }]);
  });

  it('a player added again is a new record: the deleted id stays held back, no duplicate arrives', async () => {
    start();
    const ana = await t.call('players:create', { name: 'Ana Silva', position: 'Midfielder' });
    await t.call('players:delete', { id: ana.id });
    const ana2 = await t.call('players:create', { name: 'Ana Silva', position: 'Midfielder' });
    expect(ana2.id).not.toBe(ana.id);
    expect(tombstones()).toMatchObject([{ kind: 'player', id: ana.id }]);
    const r = merge({ players: [{ player_id: ana.id, name: 'Ana Silva', position: 'Midfielder' }], units: [] });
    expect(r.playersAdded).toEqual([]);
    expect(r.skipped.map((s) => s.id)).toEqual([ana.id]);
    expect((await t.call('players:list')).map((p) => p.id)).toEqual([ana2.id]);
  });
});

describe('queueing the deletion for the server', () => {
  it('nothing is queued without a server; setting one queues each deletion once, frozen in the outbox', async () => {
    start();
    const p = await t.call('players:create', { name: 'Ana Silva', position: '' });
    const u = await t.call('units:create', { deviceId: 'GPS-0007' });
    now = T0 + 1000;
    await t.call('players:delete', { id: p.id });
    expect(await t.call('sync:list', {})).toEqual([]);
    await t.call('sync:saveSettings', { serverUrl: 'http://127.0.0.1:9', caFile: null, token: 'p1s_not-a-real-token' });
    now = T0 + 2000;
    await t.call('units:delete', { id: u.id }); // queued in its own transaction: a server is set now
    await t.call('sync:saveSettings', { serverUrl: 'http://127.0.0.1:9', caFile: null }); // queues nothing twice
    const items = await t.call('sync:list', {});
    expect(items.map((i) => [i.kind, i.sessionName, i.state])).toEqual([
      ['roster-deletion', 'Deleted unit GPS-0007', 'pending'],
      ['roster-deletion', 'Deleted player Ana Silva', 'pending'],
    ]);
    const rows = t.core.ctx.db.prepare("SELECT bundle_id, body FROM sync_outbox WHERE session_id LIKE 'roster-deletion:%' ORDER BY id").all() as { bundle_id: string; body: Buffer }[];
    expect(rows.map((r) => JSON.parse(r.body.toString('utf8')))).toEqual([
      { format: 'player1.roster-deletion/1', deletion_id: rows[0].bundle_id, kind: 'player', id: p.id, label: 'Ana Silva', device_id: null, deleted_at_ms: T0 + 1000 },
      { format: 'player1.roster-deletion/1', deletion_id: rows[1].bundle_id, kind: 'unit', id: u.id, label: 'GPS-0007', device_id: 'GPS-0007', deleted_at_ms: T0 + 2000 },
    ]);
  });
});
