/**
 * The session page's controls for who wears what, through the contract as the page calls them:
 * a unit added to or removed from a player (sessions:addUnit / sessions:removeUnit), the choice of
 * sources forgetting a removed unit, and each result saying the window and periods it was computed
 * for (results:list), which stay as computed when the session's window or periods are edited
 * afterwards (the result is then flagged stale for that reason).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, startTestCore, type TestCore } from '../support/core.ts';
import { P1_T0, writeP1 } from '../support/p1-file.ts';

describe('units worn in a session, and what results were computed for', () => {
  let t: TestCore;
  let sessionId = '';
  let ann = '';
  let bea = '';
  const unitId = async (deviceId: string) => (await t.call('units:list')).find((u) => u.deviceId === deviceId)!.id;
  const worn = async () =>
    Object.fromEntries((await t.call('sessions:get', { id: sessionId })).participants.map((p) => [p.playerName, p.units!.map((u) => u.deviceId)]));
  const staleOf = async () => Object.fromEntries((await t.call('results:list', { sessionId })).players.map((p) => [p.playerName, p.stale]));

  beforeAll(async () => {
    t = startTestCore();
    const dir = join(makeTempDir(), 'kit');
    mkdirSync(dir);
    for (const id of ['P1-0001', 'P1-0002', 'P1-0003']) writeP1(join(dir, `${id}.p1`), id);
    ann = (await t.call('players:create', { name: 'Ann', position: 'FB' })).id;
    bea = (await t.call('players:create', { name: 'Bea', position: 'ST' })).id;
    sessionId = (await t.call('sessions:create', { name: 'Units', startMs: P1_T0, endMs: P1_T0 + 10_000 })).id;
    const scan = await t.call('imports:scan', { sessionId, paths: [dir] });
    const file = (id: string) => scan.files.find((f) => f.unitId === id)!.fileId;
    await t.call('imports:commit', {
      sessionId,
      scanId: scan.scanId,
      files: [
        { fileId: file('P1-0001'), deviceId: 'P1-0001', player: { playerId: ann } },
        { fileId: file('P1-0002'), deviceId: 'P1-0002', player: { playerId: bea } },
        { fileId: file('P1-0003'), deviceId: 'P1-0003', player: { playerId: bea } },
      ],
    });
    await t.call('periods:create', { sessionId, name: 'Drill A', startMs: P1_T0, endMs: P1_T0 + 3000 });
  });
  afterAll(() => t.close());

  it('each result records the window and periods it was computed for; editing them afterwards keeps those and flags the result', async () => {
    expect(await worn()).toEqual({ Ann: ['P1-0001'], Bea: ['P1-0002', 'P1-0003'] });
    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const res = await t.call('results:list', { sessionId });
    expect(res.players).toHaveLength(2);
    const drill = (await t.call('periods:list', { sessionId }))[0];
    for (const p of res.players) {
      expect(p.stale).toEqual([]);
      expect(p.window).toEqual({ startMs: P1_T0, endMs: P1_T0 + 10_000 });
      expect(p.periods).toEqual([{ id: drill.id, name: 'Drill A', startMs: P1_T0, endMs: P1_T0 + 3000 }]);
    }

    await t.call('periods:update', { id: drill.id, name: 'Drill B', startMs: P1_T0 + 1000, endMs: P1_T0 + 3000 });
    await t.call('sessions:update', { id: sessionId, endMs: P1_T0 + 8000 });
    const after = await t.call('results:list', { sessionId });
    for (const p of after.players) {
      expect(p.stale).toEqual(['periods', 'window']);
      // What it was computed for, not what the session says now.
      expect(p.window).toEqual({ startMs: P1_T0, endMs: P1_T0 + 10_000 });
      expect(p.periods.map((x) => [x.name, x.startMs])).toEqual([['Drill A', P1_T0]]);
    }
    // Back as they were: current again, nothing recomputed.
    await t.call('periods:update', { id: drill.id, name: 'Drill A', startMs: P1_T0, endMs: P1_T0 + 3000 });
    await t.call('sessions:update', { id: sessionId, endMs: P1_T0 + 10_000 });
    expect(await staleOf()).toEqual({ Ann: [], Bea: [] });
  });

  it('a unit removed from a player leaves their units and their choice of sources; their result is flagged (other data)', async () => {
    const u3 = await unitId('P1-0003');
    await t.call('sessions:setSources', { id: sessionId, playerId: bea, sources: { gnss: u3 } });
    expect(await staleOf()).toEqual({ Ann: [], Bea: ['sources'] });
    const s = await t.call('sessions:removeUnit', { id: sessionId, playerId: bea, unitId: u3 });
    const b = s.participants.find((p) => p.playerId === bea)!;
    expect(b.units!.map((u) => u.deviceId)).toEqual(['P1-0002']);
    expect(b.sources).toEqual({});
    // Her result came from both units' files: it no longer matches her data, and the choice went with the unit.
    expect(await staleOf()).toEqual({ Ann: [], Bea: ['data'] });
    // Her only unit cannot go: the player would have none.
    expect(await t.raw('sessions:removeUnit', { id: sessionId, playerId: bea, unitId: await unitId('P1-0002') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'P1-0002 is the only unit Bea wears in "Units": remove the player from the session instead' },
    });
  });

  it('a unit added to a player joins their units (its files with it); a unit someone else wears is refused by name', async () => {
    const u3 = await unitId('P1-0003');
    const s = await t.call('sessions:addUnit', { id: sessionId, playerId: ann, unitId: u3 });
    const a = s.participants.find((p) => p.playerId === ann)!;
    expect(a.units!.map((u) => u.deviceId)).toEqual(['P1-0001', 'P1-0003']);
    expect(a.files.map((f) => f.sourceName).sort()).toEqual(['kit/P1-0001.p1', 'kit/P1-0003.p1']);
    expect(await staleOf()).toEqual({ Ann: ['data'], Bea: ['data'] });
    // Adding it again changes nothing.
    expect((await t.call('sessions:addUnit', { id: sessionId, playerId: ann, unitId: u3 })).participants.find((p) => p.playerId === ann)!.units).toHaveLength(2);
    expect(await t.raw('sessions:addUnit', { id: sessionId, playerId: ann, unitId: await unitId('P1-0002') })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'P1-0002 is worn by Bea in "Units": remove it from them first' },
    });
    const other = (await t.call('players:create', { name: 'Cal', position: '' })).id;
    expect(await t.raw('sessions:addUnit', { id: sessionId, playerId: other, unitId: u3 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Cal does not take part in "Units"' },
    });
    expect(await worn()).toEqual({ Ann: ['P1-0001', 'P1-0003'], Bea: ['P1-0002'] });
  });
});
