/**
 * Which units' SESSION_PARTLY_COVERED warnings a session's notes keep. Said of one unit, "its data
 * covers 13 % of the session" points at that unit (a download cut short, a late start, a
 * substitute). Said of every unit alike it points at the window (set wider than the session was:
 * 10:00–11:30 for units worn 10:05–11:20), and a note per player would bury the notes that matter.
 * So, with two units or more, a unit's warning is kept unless every unit falls short of the 95 %
 * and this one covers within 10 points of the best-covered unit. A warning without its share
 * (stored before it was kept) is kept.
 */
import type { EngineWarning } from './player-result.ts';

/** Share points within which a unit is "as covered as the best" when every unit falls short. */
const LIKE_THE_BEST = 0.1;

export function keptCoverageWarnings(players: readonly { playerId: string; warnings: readonly EngineWarning[] }[]): (w: EngineWarning, playerId: string) => boolean {
  const warningOf = (ws: readonly EngineWarning[]) => ws.find((w) => w.code === 'SESSION_PARTLY_COVERED' && !w.periodId);
  const shares = players.map((p) => {
    const w = warningOf(p.warnings);
    // No warning: the unit covers 95 % or more; a warning without its share: not known (NaN, left out of the best).
    return { id: p.playerId, share: w ? (w.share ?? NaN) : 1 };
  });
  const best = Math.max(...shares.map((s) => s.share).filter((x) => x === x));
  const alike = new Set(
    players.length >= 2 && best < 0.95 ? shares.filter((s) => s.share >= best - LIKE_THE_BEST).map((s) => s.id) : [],
  );
  return (w, playerId) => !(w.code === 'SESSION_PARTLY_COVERED' && !w.periodId && alike.has(playerId));
}
