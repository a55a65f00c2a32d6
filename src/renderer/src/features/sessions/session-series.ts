/**
 * The session page's results with the timeline's series: results:list and results:series
 * (packed as the report packs them, base64) loaded side by side, then each player's series
 * unpacked into their row, so the sections read one SessionResults.
 *
 * Unpacked a player at a time (and the base64 a chunk at a time) over as many tasks of the
 * window's main thread as it takes (app/time-slice.ts): 25 players × 90 min in one go was a
 * ~30 ms task of its own after Process Report, with the garbage collection it brought on.
 */
import type { Player1Api } from '../../../../shared/api/contract.ts';
import type { ChartSeries } from '../../../../shared/domain/player-result.ts';
import type { SessionResults, SessionSeries } from '../../../../shared/api/results.contract.ts';
import { eachPackedSeries } from '../../../../shared/domain/series-codec.ts';
import { nextTask, runSliced } from '../../app/time-slice.ts';

/** Base64 characters decoded per step (a multiple of 4: each chunk decodes on its own). */
const BASE64_CHUNK = 64 * 1024;

/** Each player's series from results:series set on results:list's players (none: null), yielding between chunks and players. */
export function* mergeSeries(results: SessionResults, packed: SessionSeries): Generator<void, SessionResults, undefined> {
  const text = packed.packed.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let n = 0;
  for (let at = 0; at < text.length; at += BASE64_CHUNK) {
    const bin = atob(text.slice(at, at + BASE64_CHUNK));
    for (let i = 0; i < bin.length; i++) bytes[n++] = bin.charCodeAt(i);
    yield;
  }
  const byPlayer = new Map<string, ChartSeries>();
  for (const p of eachPackedSeries(bytes.subarray(0, n))) {
    byPlayer.set(p.playerId, p.series);
    yield;
  }
  return { ...results, players: results.players.map((p) => ({ ...p, series: byPlayer.get(p.playerId) ?? null })) };
}

export async function loadSessionResults(api: Player1Api, sessionId: string): Promise<SessionResults> {
  const [results, series] = await Promise.all([api['results:list']({ sessionId, efforts: true }), api['results:series']({ sessionId })]);
  await nextTask();
  return runSliced(mergeSeries(results, series));
}
