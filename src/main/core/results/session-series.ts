/**
 * results:series: every player's stored 1 s chart series, packed for the session page's timeline
 * (shared/domain/series-codec.ts, the report's own packing) and base64-encoded.
 *
 * The pool threads store each player's series packed already: this joins the records. A result
 * from before they did (migration 14) holds its series as JSON, parsed and packed here a player at
 * a time, the core's main thread going back to its event loop between players (a 25-player
 * session parsed and packed in one go held it ~100 ms).
 */
import type { SessionSeries } from '../../../shared/api/results.contract.ts';
import { joinPackedSeries } from '../../../shared/domain/series-codec.ts';
import { packedOf } from '../db/results.repo.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function packSessionSeries(sessionId: string, stored: readonly { playerId: string; packed: Uint8Array | null; json: string | null }[]): Promise<SessionSeries> {
  const records: Uint8Array[] = [];
  for (const s of stored) {
    records.push(packedOf(s.playerId, s.packed, s.json)!);
    if (!s.packed) await turn();
  }
  const bytes = joinPackedSeries(records);
  return { sessionId, packed: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), players: stored.length };
}
