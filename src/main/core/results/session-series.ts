/**
 * results:series: every player's stored 1 s chart series, packed for the session page's timeline
 * (shared/domain/series-codec.ts, the report's own packing) and base64-encoded.
 *
 * On the core's main thread, a player at a time: parsing one player's stored JSON and packing it
 * takes ~1-3 ms, and the thread goes back to its event loop between players (a 25-player session
 * parsed, packed and written out as JSON numbers in one go held it ~100 ms: the 150 ms task seen
 * in the dev host after Process Report).
 */
import type { SessionSeries } from '../../../shared/api/results.contract.ts';
import type { ChartSeries } from '../../../shared/domain/player-result.ts';
import { SeriesPacker } from '../../../shared/domain/series-codec.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function packSessionSeries(sessionId: string, stored: readonly { playerId: string; json: string }[]): Promise<SessionSeries> {
  const packer = new SeriesPacker(stored.length);
  for (const { playerId, json } of stored) {
    packer.add({ playerId, series: JSON.parse(json) as ChartSeries });
    await turn();
  }
  const bytes = packer.done();
  return { sessionId, packed: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), players: stored.length };
}
