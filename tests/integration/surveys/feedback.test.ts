/** Answers given one at a time through the contract into a real SQLite file, and the session's feedback and flags. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 10, 10, 0); // 2026-03-10 10:00 UTC
const MCLEAN = { fatigue: 3, sleep: 3, soreness: 3, stress: 3, mood: 3 };

describe('session feedback', () => {
  let t: TestCore;
  let now = T0;
  const ids: Record<string, string> = {};
  let today: string;
  beforeAll(async () => {
    t = startTestCore({ clock: () => now, timeZone: 'UTC' });
    for (const name of ['Ada', 'Bea', 'Cat']) {
      const p = await t.call('players:create', { name });
      const u = await t.call('units:create', { deviceId: `U-${name}` });
      ids[name] = p.id;
      ids[`u${name}`] = u.id;
    }
    const s = await t.call('settings:get');
    await t.call('settings:update', { settings: { ...s.settings, players: { [ids.Ada]: { sex: 'female' } } } });
    // Seven earlier sessions: Ada's sleep 3,3,4,3,4,3,4 (the METRICS baseline), other items 3..4.
    const sleeps = [3, 3, 4, 3, 4, 3, 4];
    for (let k = 0; k < 7; k++) {
      const start = T0 - (7 - k) * DAY;
      const sess = await t.call('sessions:create', { name: `Training ${k}`, startMs: start, endMs: start + 90 * 60_000, participants: [{ playerId: ids.Ada, unitId: ids.uAda }] });
      now = start + 120 * 60_000;
      for (const [item, v] of Object.entries({ ...MCLEAN, fatigue: 3 + (k % 2), sleep: sleeps[k] })) {
        await t.call('surveys:answer', { sessionId: sess.id, playerId: ids.Ada, kind: 'wellness', item, value: v, source: 'kiosk' });
      }
    }
    const sess = await t.call('sessions:create', {
      name: 'Match day',
      startMs: T0,
      endMs: T0 + 90 * 60_000,
      participants: ['Ada', 'Bea', 'Cat'].map((n) => ({ playerId: ids[n], unitId: ids[`u${n}`] })),
    });
    today = sess.id;
  });
  afterAll(() => t.close());

  it('each answer is stored the moment it is given, with its time and scale', async () => {
    now = T0 + 90 * 60_000 + 40 * 60_000; // 40 min after the end
    const a = await t.call('surveys:answer', { sessionId: today, playerId: ids.Ada, kind: 'rpe', item: 'rpe', value: 7, source: 'kiosk' });
    expect(a).toMatchObject({ kind: 'rpe', scaleId: 'cr10', scaleVersion: 1, values: { rpe: 7 }, givenAt: now, date: '2026-03-10', source: 'kiosk' });
    for (const [item, v] of Object.entries({ ...MCLEAN, sleep: 2 })) {
      await t.call('surveys:answer', { sessionId: today, playerId: ids.Ada, kind: 'wellness', item, value: v, source: 'kiosk' });
    }
    now = T0 + 90 * 60_000 + 10 * 60_000; // Bea answers 10 min after the end: early
    await t.call('surveys:answer', { sessionId: today, playerId: ids.Bea, kind: 'rpe', item: 'rpe', value: 5, source: 'grid' });
    await t.call('surveys:answer', { sessionId: today, playerId: ids.Bea, kind: 'wellness', item: 'sleep', value: 4, source: 'grid' });
  });

  it('sRPE = RPE × the session minutes, flags in words, completion', async () => {
    const fb = await t.call('surveys:session', { sessionId: today });
    const [ada, bea, cat] = ['Ada', 'Bea', 'Cat'].map((n) => fb.players.find((p) => p.playerName === n)!);
    expect(ada).toMatchObject({ rpe: 7, durationMin: 90, durationSource: 'session', srpeAu: 630, early: false });
    expect(ada.wellness?.total).toBe(14);
    const red = ada.flags.filter((f) => f.level === 'red');
    expect(red.map((f) => f.text)).toContain('Sleep 2 — 2.7 SD below her last 28 days (3.4)');
    expect(red.find((f) => f.item === 'sleep')!.z!).toBeCloseTo(-2.6726, 4);
    expect(bea.early).toBe(true);
    expect(bea.flags.map((f) => f.text)).toEqual(
      expect.arrayContaining(['Early RPE: given 10 min after the session ended (Foster asks about 30 min after)', 'Missing wellness: Fatigue, Soreness, Stress, Mood not answered']),
    );
    expect(bea.flags.some((f) => f.kind === 'insufficient-baseline')).toBe(true); // no history for Bea
    expect(cat.flags.map((f) => f.text)).toEqual(['Missing RPE', 'Missing wellness']);
    expect(cat.srpeAu).toBeNull();
    expect(fb.completion).toEqual({ players: 3, rpe: 2, wellness: 1, pct: 50 });
  });

  it('the stated minutes replace the session window; a value off the scale is refused in words', async () => {
    await t.call('surveys:setDuration', { sessionId: today, playerId: ids.Bea, durationMin: 60 });
    const fb = await t.call('surveys:session', { sessionId: today });
    expect(fb.players.find((p) => p.playerName === 'Bea')).toMatchObject({ durationMin: 60, durationSource: 'answer', srpeAu: 300 });
    await expect(t.call('surveys:answer', { sessionId: today, playerId: ids.Cat, kind: 'wellness', item: 'sleep', value: 6 })).rejects.toThrow('Sleep quality: 6 is outside 1–5');
    await expect(t.call('surveys:answer', { sessionId: today, playerId: ids.Cat, kind: 'rpe', item: 'rpe', value: 11 })).rejects.toThrow(/outside 0–10/);
  });

  it('changing the team scale never reinterprets answers: old ones keep McLean, new ones are Hooper', async () => {
    await t.call('surveys:updateSettings', { patch: { wellnessScale: { id: 'hooper', version: 1 } } });
    now += 60_000;
    await t.call('surveys:answer', { sessionId: today, playerId: ids.Cat, kind: 'wellness', item: 'sleep', value: 6, source: 'kiosk' });
    const fb = await t.call('surveys:session', { sessionId: today });
    expect(fb.wellnessScale.id).toBe('hooper');
    expect(fb.players.find((p) => p.playerName === 'Ada')!.wellness).toMatchObject({ scaleId: 'mclean-wellness', total: 14 });
    expect(fb.players.find((p) => p.playerName === 'Cat')!.wellness).toMatchObject({ scaleId: 'hooper', items: { sleep: 6 }, total: null });
    expect(fb.answeredScales.map((s) => s.id).sort()).toEqual(['hooper', 'mclean-wellness']);
    await expect(t.call('surveys:updateSettings', { patch: { amberZ: 2, redZ: 1 } })).rejects.toThrow(/red threshold/);
  });

  it('the Player page: sessions with sRPE, wellness over time, the load series and flags', async () => {
    const ov = await t.call('load:player', { playerId: ids.Ada, to: '2026-03-10' });
    expect(ov.wellness.map((w) => w.values.sleep)).toEqual([3, 3, 4, 3, 4, 3, 4, 2]);
    const srpe = ov.load.series.find((s) => s.measure === 'srpe')!;
    expect(srpe.days.at(-1)).toMatchObject({ date: '2026-03-10', value: 630 });
    expect(ov.flags[0]).toMatchObject({ date: '2026-03-10' });
    expect(ov.flags[0].flags.map((f) => f.text)).toContain('Sleep 2 — 2.7 SD below her last 28 days (3.4)');
    await t.call('load:setAvailability', { playerId: ids.Ada, from: '2026-03-08', to: '2026-03-09', status: 'injured' });
    const ov2 = await t.call('load:player', { playerId: ids.Ada, to: '2026-03-10' });
    expect(ov2.load.series.find((s) => s.measure === 'srpe')!.days.map((d) => d.availability).slice(-3)).toEqual(['injured', 'injured', 'available']);
  });
});
