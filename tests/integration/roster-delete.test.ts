/**
 * A player or unit with history cannot be deleted, and the refusal says why: results outlive a
 * player's removal from a session, and a unit's files may be linked without a wearer. Both
 * reference the roster row, so deleting it must be refused as a CONFLICT naming the player or
 * unit, not fail inside SQLite as an INTERNAL "FOREIGN KEY constraint failed".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core.ts';

const START = Date.UTC(2026, 2, 14, 10);
let t: TestCore;
afterEach(() => t.close());

async function sessionOfTwo() {
  const a = await t.call('players:create', { name: 'Ann', position: 'CM' });
  const b = await t.call('players:create', { name: 'Bea', position: 'FW' });
  const ua = await t.call('units:create', { deviceId: 'U-A' });
  const ub = await t.call('units:create', { deviceId: 'U-B' });
  const s = await t.call('sessions:create', {
    name: 'history',
    startMs: START,
    endMs: START + 3600_000,
    participants: [
      { playerId: a.id, unitId: ua.id },
      { playerId: b.id, unitId: ub.id },
    ],
  });
  return { a, b, ua, ub, s };
}

describe('deleting players and units with history', () => {
  it('refuses a player (and their unit) whose results remain after leaving the session', async () => {
    t = startTestCore();
    const { a, b, ua, ub, s } = await sessionOfTwo();
    t.core.ctx.repos.results.save({
      sessionId: s.id, playerId: b.id, unitId: ub.id, metrics: {}, moments: {}, problems: [], algorithmVersion: 'test', settings: {},
      settingsKey: null, computedAt: START, window: null, dataKey: null, periods: [], quality: null, warnings: [], seriesPacked: null, efforts: null,
    });
    await t.call('sessions:setParticipants', { id: s.id, participants: [{ playerId: a.id, unitId: ua.id }] });

    const player = await t.raw('players:delete', { id: b.id });
    expect(player).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^Bea .*1 session/) } });
    const unit = await t.raw('units:delete', { id: ub.id });
    expect(unit).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/U-B .*1 session/) } });
    expect((await t.call('players:list')).map((p) => p.name)).toEqual(['Ann', 'Bea']);
  });

  it('refuses a unit whose files are linked to a session it has no wearer in', async () => {
    t = startTestCore();
    const { s } = await sessionOfTwo();
    const spare = await t.call('units:create', { deviceId: 'U-SPARE' });
    t.core.ctx.repos.sessions.attachFile(s.id, { unitId: spare.id, format: 'p1', size: 1, sourceName: 'spare.p1', externalPath: '/nowhere/spare.p1' }, START);

    const r = await t.raw('units:delete', { id: spare.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/U-SPARE .*1 session/) } });
  });

  it('still deletes a player and a unit without history', async () => {
    t = startTestCore();
    const p = await t.call('players:create', { name: 'Cal', position: '' });
    const u = await t.call('units:create', { deviceId: 'U-C', defaultPlayerId: p.id });
    expect(await t.call('units:delete', { id: u.id })).toEqual({ deleted: true });
    expect(await t.call('players:delete', { id: p.id })).toEqual({ deleted: true });
  });
});
