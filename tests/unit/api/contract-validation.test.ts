import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.ts';
import { METHOD_NAMES, contract } from '../../../src/shared/api/contract.ts';

let t: TestCore;
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await t.close();
});

const T0 = Date.UTC(2026, 2, 14, 10, 0);

describe('contract validation at the boundary', () => {
  it('lists every contract method in channels.ts and nothing else', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  it('refuses an unknown method', async () => {
    expect(await t.raw('sessions:explode', {})).toEqual({ ok: false, error: { code: 'VALIDATION', message: "unknown method 'sessions:explode'" } });
  });

  it('refuses a session that ends before it starts, naming the field', async () => {
    const r = await t.raw('sessions:create', { name: 'x', startMs: T0, endMs: T0 - 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      // A sentence for a person; the field and zod's code for programs.
      expect(r.error.message).toBe('The session must end after it starts');
      expect(r.error.details).toEqual([{ path: 'endMs', code: 'custom', message: 'the session must end after it starts' }]);
    }
  });

  it('refuses missing, mistyped and unexpected fields', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['sessions:create', { startMs: T0, endMs: T0 + 1 }, /^Name is required$/],
      ['sessions:create', { name: 'x', startMs: 'ten', endMs: T0 }, /^Start must be a number$/],
      // A fraction of a millisecond is a number, not a whole one: the words say which (it read "must be a number").
      ['sessions:create', { name: 'x', startMs: T0, endMs: T0 + 0.5 }, /^End must be a whole number$/],
      ['sessions:create', { name: '   ', startMs: T0, endMs: T0 + 1 }, /^Type a name for the session$/],
      ['players:create', { name: 'Jo', shirtNumber: -1 }, /^A shirt number is 0 to 999$/],
      ['settings:update', { settings: { quality: { minSatellites: -1 } } }, /^Min satellites must be 0 or more$/],
      ['sessions:create', { name: 'x', startMs: T0, endMs: T0 + 25 * 3600_000 }, /at most 24 hours/],
      ['players:create', { name: 'Jo', position: 'CB', admin: true }, /not accepted here: admin/],
      ['units:create', { deviceId: '../../etc' }, /^Device id may use letters/],
      ['sessions:get', {}, /^Id is required$/],
      ['jobs:start', null, /^The input is missing its values$/],
    ];
    for (const [method, input, re] of cases) {
      const r = await t.raw(method, input);
      expect(r.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.message).toMatch(re);
        // Never zod's own words, never the method's name.
        expect(r.error.message).not.toMatch(/invalid input for|Too small|Too big|Invalid input|expected (number|string|object)/);
      }
    }
  });

  it("refuses a player's HRmax at or below their resting heart rate (theirs or the team's), at the player's field, and keeps the stored settings", async () => {
    // Team rest 60 (default). Player a: own HRmax 58 → below the team's rest. Player b: own rest 205
    // → above the team's HRmax 200 (default). Player c: own 185 / 55 → fine.
    const players = { a: { hrMaxBpm: 58 }, b: { hrRestBpm: 205 }, c: { hrMaxBpm: 185, hrRestBpm: 55 } };
    const r = await t.raw('settings:update', { settings: { players } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.details).toEqual([
        { path: 'settings.players.a.hrMaxBpm', code: 'custom', message: "HRmax 58 bpm must be above the resting heart rate 60 bpm (the team's)" },
        { path: 'settings.players.b.hrRestBpm', code: 'custom', message: "HRmax 200 bpm (the team's) must be above the resting heart rate 205 bpm" },
      ]);
    }
    const stored = await t.raw('settings:get', {});
    expect(stored.ok && (stored.value as { settings: { players: object } }).settings.players).toEqual({});
    // Raising the team's rest above a player's own HRmax is refused at that player's field too.
    const r2 = await t.raw('settings:update', { settings: { hr: { restBpm: 70 }, players: { c: { hrMaxBpm: 68 } } } });
    expect(!r2.ok && r2.error.details).toEqual([{ path: 'settings.players.c.hrMaxBpm', code: 'custom', message: "HRmax 68 bpm must be above the resting heart rate 70 bpm (the team's)" }]);
    expect((await t.raw('settings:update', { settings: { players: { c: players.c } } })).ok).toBe(true);
  });

  it('refuses a player or a unit twice in one session', async () => {
    const r = await t.raw('sessions:create', {
      name: 'x',
      startMs: T0,
      endMs: T0 + 1000,
      participants: [
        { playerId: 'p1', unitId: 'u1' },
        { playerId: 'p1', unitId: 'u2' },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/A player can take part only once/);
  });

  it('applies defaults: a method without input takes none', async () => {
    expect(await t.call('players:list')).toEqual([]);
    const p = await t.call('players:create', { name: '  Jo Smith ' });
    expect(p).toMatchObject({ name: 'Jo Smith', position: '' });
  });
});
