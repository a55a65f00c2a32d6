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
      expect(r.error.message).toMatch(/endMs: the session must end after it starts/);
    }
  });

  it('refuses missing, mistyped and unexpected fields', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['sessions:create', { startMs: T0, endMs: T0 + 1 }, /name/],
      ['sessions:create', { name: 'x', startMs: 'ten', endMs: T0 }, /startMs/],
      ['sessions:create', { name: '   ', startMs: T0, endMs: T0 + 1 }, /name is required/],
      ['sessions:create', { name: 'x', startMs: T0, endMs: T0 + 25 * 3600_000 }, /at most 24 hours/],
      ['players:create', { name: 'Jo', position: 'CB', admin: true }, /admin|Unrecognized/i],
      ['units:create', { deviceId: '../../etc' }, /device id may use/],
      ['sessions:get', {}, /id/],
      ['jobs:start', null, /expected object|object/i],
    ];
    for (const [method, input, re] of cases) {
      const r = await t.raw(method, input);
      expect(r.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.message).toMatch(re);
      }
    }
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
    if (!r.ok) expect(r.error.message).toMatch(/a player can take part only once/);
  });

  it('applies defaults: a method without input takes none', async () => {
    expect(await t.call('players:list')).toEqual([]);
    const p = await t.call('players:create', { name: '  Jo Smith ' });
    expect(p).toMatchObject({ name: 'Jo Smith', position: '' });
  });
});
