/**
 * The pitch-side summary colours each headline value against the player's own average of their
 * last sessions of the same kind (issue 15). On a real core (real SQLite file): a match is compared
 * with the earlier matches only, a training with the earlier trainings only, a session with no
 * type with every earlier session; later sessions never count, and at most HISTORY_SESSIONS do.
 * The expected means are worked out by hand from the distances stored below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core.ts';
import type { SessionType } from '../../src/shared/domain/session.ts';
import { trendVsHistory } from '../../src/shared/domain/team-view.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 10);
let t: TestCore;
afterEach(() => t.close());

describe('history of the same kind of session', () => {
  it('averages only the earlier sessions of the same type (any type when the session has none)', async () => {
    t = startTestCore();
    const ann = await t.call('players:create', { name: 'Ann', position: 'CM' });
    const unit = await t.call('units:create', { deviceId: 'U-A' });
    /** A session on day `day` with Ann's stored result (distance in m); null: no result stored. */
    const session = async (day: number, type: SessionType | '', distance: number | null) => {
      const startMs = T0 + day * DAY;
      const s = await t.call('sessions:create', { name: `day ${day}`, type, startMs, endMs: startMs + 5400_000, participants: [{ playerId: ann.id, unitId: unit.id }] });
      if (distance !== null) {
        t.core.ctx.repos.results.save({
          sessionId: s.id, playerId: ann.id, unitId: unit.id, metrics: { distance_m: distance, duration_s: 5400 }, moments: {}, problems: [], algorithmVersion: 'test',
          settings: {}, settingsKey: null, computedAt: startMs, window: null, dataKey: null, periods: [], quality: null, warnings: [], seriesPacked: null, efforts: null,
        });
      }
      return s;
    };
    await session(0, 'match', 6000);
    await session(1, 'training', 3000);
    await session(2, 'match', 8000);
    await session(3, 'training', 3500);
    const match = await session(4, 'match', 7200);
    const training = await session(5, 'training', 3300);
    const untyped = await session(6, '', 5000);
    await session(7, 'match', 9999); // later than every session asked about: never in their history
    const history = async (id: string) => (await t.call('results:list', { sessionId: id })).players[0].history;

    // Match on day 4: the matches of days 0 and 2, (6000 + 8000) / 2 = 7000. 7200 is within 10 % of
    // it (plain); against every earlier session, (6000 + 3000 + 8000 + 3500) / 4 = 5125, it would read high.
    const m = await history(match.id);
    expect(m).toMatchObject({ sessions: 2 });
    expect(m!.mean.distance_m).toBeCloseTo(7000, 9);
    expect(trendVsHistory(7200, m!.mean.distance_m)?.trend).toBe('typical');
    expect(trendVsHistory(7200, 5125)?.trend).toBe('high');

    // Training on day 5: the trainings of days 1 and 3, (3000 + 3500) / 2 = 3250 (the match of day 4 left out).
    const tr = await history(training.id);
    expect(tr).toMatchObject({ sessions: 2 });
    expect(tr!.mean.distance_m).toBeCloseTo(3250, 9);
    expect(trendVsHistory(3300, tr!.mean.distance_m)?.trend).toBe('typical');

    // No type on day 6: the last five sessions of any type (days 1..5): (3000 + 8000 + 3500 + 7200 + 3300) / 5 = 5000.
    const u = await history(untyped.id);
    expect(u).toMatchObject({ sessions: 5 });
    expect(u!.mean.distance_m).toBeCloseTo(5000, 9);

    // Retyping the day-4 session as a training makes the trainings of days 1 and 3 its history: 3250.
    await t.call('sessions:update', { id: match.id, type: 'training' });
    expect((await history(match.id))!.mean.distance_m).toBeCloseTo(3250, 9);
  });

  it('a first session of its type has no history, whatever came before', async () => {
    t = startTestCore();
    const ann = await t.call('players:create', { name: 'Ann', position: 'CM' });
    const unit = await t.call('units:create', { deviceId: 'U-A' });
    const mk = async (day: number, type: SessionType) => {
      const s = await t.call('sessions:create', { name: `d${day}`, type, startMs: T0 + day * DAY, endMs: T0 + day * DAY + 3600_000, participants: [{ playerId: ann.id, unitId: unit.id }] });
      t.core.ctx.repos.results.save({
        sessionId: s.id, playerId: ann.id, unitId: unit.id, metrics: { distance_m: 4000 }, moments: {}, problems: [], algorithmVersion: 'test',
        settings: {}, settingsKey: null, computedAt: T0, window: null, dataKey: null, periods: [], quality: null, warnings: [], seriesPacked: null, efforts: null,
      });
      return s;
    };
    await mk(0, 'training');
    await mk(1, 'training');
    const recovery = await mk(2, 'recovery');
    expect((await t.call('results:list', { sessionId: recovery.id })).players[0].history).toBeNull();
  });
});
