/**
 * One daily series per player and load measure. A day with a session has the sum of its
 * sessions' loads; a day without one is 0 when the player was available and NA (null) when
 * injured, unavailable or unknown: explicit, never guessed.
 *
 * Default availability (a per-player, per-day setting overrides it): available from the
 * player's first recorded day (a session or an answer) onward, unknown before it.
 */
import type { Availability, LoadDay } from '../../../shared/domain/load.ts';
import { addDays, dayNumber } from '../surveys/days.ts';

export interface DatedLoad {
  date: string;
  value: number;
}

export function buildDailySeries(
  entries: readonly DatedLoad[],
  opts: { from: string; to: string; availability?: ReadonlyMap<string, Availability>; firstRecorded?: string | null },
): LoadDay[] {
  const sums = new Map<string, { value: number; n: number }>();
  for (const e of entries) {
    if (!Number.isFinite(e.value)) continue;
    const cur = sums.get(e.date) ?? { value: 0, n: 0 };
    cur.value += e.value;
    cur.n += 1;
    sums.set(e.date, cur);
  }
  const first = opts.firstRecorded ?? opts.from;
  const out: LoadDay[] = [];
  const n = dayNumber(opts.to) - dayNumber(opts.from) + 1;
  for (let i = 0; i < n; i++) {
    const date = addDays(opts.from, i);
    const set = opts.availability?.get(date);
    const availability: Availability = set ?? (date >= first ? 'available' : 'unknown');
    const s = sums.get(date);
    // A session that happened counts whatever the availability says (the player did train).
    if (s) out.push({ date, value: s.value, availability, sessions: s.n });
    else out.push({ date, value: availability === 'available' ? 0 : null, availability, sessions: 0 });
  }
  return out;
}
