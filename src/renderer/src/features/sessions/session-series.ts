/**
 * The session page's results with the timeline's series: results:list and results:series
 * (packed as the report packs them, base64) loaded side by side, then each player's series
 * unpacked into their row, so the sections read one SessionResults.
 */
import type { Player1Api } from '../../../../shared/api/contract.ts';
import type { SessionResults, SessionSeries } from '../../../../shared/api/results.contract.ts';
import { unpackSeries } from '../../../../shared/domain/series-codec.ts';

/** The window's next task (a message, not a microtask): what came before is painted and input handled. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Each player's series from results:series, set on results:list's players (none: null). */
export function withSeries(results: SessionResults, packed: SessionSeries): SessionResults {
  const bin = atob(packed.packed);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const byPlayer = new Map(unpackSeries(bytes).map((p) => [p.playerId, p.series]));
  return { ...results, players: results.players.map((p) => ({ ...p, series: byPlayer.get(p.playerId) ?? null })) };
}

export async function loadSessionResults(api: Player1Api, sessionId: string): Promise<SessionResults> {
  const [results, series] = await Promise.all([api['results:list']({ sessionId, efforts: true }), api['results:series']({ sessionId })]);
  await nextTask();
  return withSeries(results, series);
}
