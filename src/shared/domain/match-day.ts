/**
 * Where a session stands around a match day, as coaches plan the week: the match itself is MD,
 * the sessions before it MD−1, MD−2…, those after the previous match MD+1, MD+2…; between two
 * matches the nearer one counts (after it on a tie: recovery follows a match). Counted in calendar
 * days of the team's clock (`dayOf` gives a session's day number), up to 7 days either side.
 */
export const MATCH_DAY_REACH = 7;

export interface DatedSession {
  id: string;
  startMs: number;
  type: string;
}

/** Each session's offset from its match day (0 = a match), or null when no match is within reach. */
export function matchDayOffsets(sessions: readonly DatedSession[], dayOf: (ms: number) => number): Map<string, number | null> {
  const matchDays = [...new Set(sessions.filter((s) => s.type === 'match').map((s) => dayOf(s.startMs)))].sort((a, b) => a - b);
  const out = new Map<string, number | null>();
  for (const s of sessions) {
    const d = dayOf(s.startMs);
    if (s.type === 'match') {
      out.set(s.id, 0);
      continue;
    }
    const before = matchDays.filter((m) => m <= d).pop();
    const after = matchDays.find((m) => m >= d);
    const since = before === undefined ? Infinity : d - before;
    const until = after === undefined ? Infinity : after - d;
    if (since === 0 || until === 0) out.set(s.id, 0);
    else if (Math.min(since, until) > MATCH_DAY_REACH) out.set(s.id, null);
    else out.set(s.id, since <= until ? since : -until);
  }
  return out;
}

/** "MD", "MD+1", "MD−2" (a true minus sign). */
export function matchDayLabel(offset: number | null): string {
  if (offset === null) return '';
  if (offset === 0) return 'MD';
  return offset > 0 ? `MD+${offset}` : `MD−${-offset}`;
}
