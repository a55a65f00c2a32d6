/**
 * The session page's results with the timeline's series merged in from results:series (packed,
 * base64): each player gets their own series, at the codec's resolution, by player id whatever
 * the order; a player with no stored series gets null; nothing else in the results changes.
 */
import { describe, expect, it } from 'vitest';
import type { PlayerResultRow, SessionResults, SessionSeries } from '../../../src/shared/api/results.contract.ts';
import { packSeries } from '../../../src/shared/domain/series-codec.ts';
import { mergeSeries } from '../../../src/renderer/src/features/sessions/session-series.ts';
import { runSliced } from '../../../src/renderer/src/app/time-slice.ts';

/** mergeSeries in one go, no slicing. */
function withSeries(results: SessionResults, packed: SessionSeries): SessionResults {
  const work = mergeSeries(results, packed);
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

const row = (playerId: string): PlayerResultRow =>
  ({ playerId, playerName: `Player ${playerId}`, metrics: { distance_m: 1000 }, stale: [] }) as unknown as PlayerResultRow;

describe('withSeries', () => {
  it('sets each player’s unpacked series by id, null for a player without one', () => {
    const results = { sessionId: 's', players: [row('a'), row('b'), row('c')] } as unknown as SessionResults;
    // Packed in another order than the rows: b, then a; c has none.
    const bytes = packSeries([
      { playerId: 'b', series: { startMs: 2000, stepS: 1, speedMs: [1.234, null, 7.006], hrBpm: [150.4, 151.6, null], playerLoad: null } },
      { playerId: 'a', series: { startMs: 1000, stepS: 1, speedMs: [0, 2.5], hrBpm: null, playerLoad: [0.0014, 0.25] } },
    ]);
    const merged = withSeries(results, { sessionId: 's', players: 2, packed: Buffer.from(bytes).toString('base64') });
    expect(merged.players.map((p) => [p.playerId, p.series])).toEqual([
      // 0.0014 au → 0.001; 2.5 m/s stays.
      ['a', { startMs: 1000, stepS: 1, speedMs: [0, 2.5], hrBpm: null, playerLoad: [0.001, 0.25] }],
      // 1.234 → 1.23 m/s, 7.006 → 7.01; HR 150.4 → 150, 151.6 → 152.
      ['b', { startMs: 2000, stepS: 1, speedMs: [1.23, null, 7.01], hrBpm: [150, 152, null], playerLoad: null }],
      ['c', null],
    ]);
    expect(merged.players[0].metrics).toEqual({ distance_m: 1000 });
    expect(results.players[0].series).toBeUndefined();
  });

  it('gives the same results unpacked over many tasks as in one go, the base64 decoded in chunks', async () => {
    // 25 players x 90 min at 1 s: ~1 MB of base64, many chunks, a chunk boundary inside a player.
    const players = Array.from({ length: 25 }, (_, k) => ({
      playerId: `p${k}`,
      series: {
        startMs: 1_000_000 + k,
        stepS: 1,
        speedMs: Array.from({ length: 5400 }, (_, i) => (i % 97 === 0 ? null : Math.round(Math.abs(Math.sin(i / 50 + k)) * 900) / 100)),
        hrBpm: k % 2 ? Array.from({ length: 5400 }, (_, i) => 120 + ((i + k) % 60)) : null,
        playerLoad: Array.from({ length: 5400 }, (_, i) => ((i * 7 + k) % 1000) / 1000),
      },
    }));
    const results = { sessionId: 's', players: [...players.map((p) => row(p.playerId)), row('none')] } as unknown as SessionResults;
    const packed = { sessionId: 's', players: 25, packed: Buffer.from(packSeries(players)).toString('base64') };
    expect(packed.packed.length).toBeGreaterThan(4 * 64 * 1024);
    let tasks = 0;
    const sliced = await runSliced(mergeSeries(results, packed), { budgetMs: 0, yieldTask: async () => void tasks++ });
    expect(sliced).toEqual(withSeries(results, packed));
    expect(sliced.players.map((p) => p.series?.speedMs.length ?? null)).toEqual([...players.map(() => 5400), null]);
    expect(sliced.players[3].series).toEqual(players[3].series);
    // Budget 0: a task per step, one per base64 chunk and one per player.
    expect(tasks).toBeGreaterThan(25 + 4);
  });
});
