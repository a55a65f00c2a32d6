/**
 * Is a stored result still what processing now would give? It is not ("stale") when it was
 * computed with other settings (their key), another algorithm version, or periods that have been
 * edited since. Nothing recomputes by itself: the app and the report say so, and processing the
 * session again (explicitly) brings it up to date.
 */
import type { PeriodWindow } from './player-result.ts';

export type StaleReason = 'settings' | 'algorithm' | 'periods';

export interface ComputedState {
  /** settingsKey() of the settings used; null = from before results kept it (always stale). */
  settingsKey: string | null;
  algorithmVersion: string;
  /** The periods as computed (or as they apply now), for one player. */
  periods: readonly PeriodWindow[];
}

export interface CurrentState extends ComputedState {
  settingsKey: string;
}

const samePeriod = (a: PeriodWindow, b: PeriodWindow) => a.id === b.id && a.name === b.name && a.startMs === b.startMs && a.endMs === b.endMs;

/** The same periods (by id, name and range), in any order. */
export function samePeriods(a: readonly PeriodWindow[], b: readonly PeriodWindow[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => samePeriod(x, y))) && b.every((y) => a.some((x) => samePeriod(x, y)));
}

/** Why a result differs from what processing now would give; empty = current. */
export function staleReasons(computed: ComputedState, current: CurrentState): StaleReason[] {
  const out: StaleReason[] = [];
  if (computed.settingsKey !== current.settingsKey) out.push('settings');
  if (computed.algorithmVersion !== current.algorithmVersion) out.push('algorithm');
  if (!samePeriods(computed.periods, current.periods)) out.push('periods');
  return out;
}

/** Each reason as it follows "Computed with". */
export const STALE_WHAT: Readonly<Record<StaleReason, string>> = {
  settings: 'older settings',
  algorithm: 'another algorithm version',
  periods: 'older periods',
};

/**
 * The sentence to show next to Process Report, or null when every result is current:
 * "Computed with older settings — Process Report again to update."
 * `players`/`of` say how many results are stale when not all of them are.
 */
export function staleNotice(reasons: readonly StaleReason[], players?: { stale: number; of: number }): string | null {
  const order: StaleReason[] = ['settings', 'algorithm', 'periods'];
  const what = order.filter((r) => reasons.includes(r)).map((r) => STALE_WHAT[r]);
  if (what.length === 0) return null;
  const list = what.length === 1 ? what[0] : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}`;
  const who = players && players.stale < players.of ? `${players.stale} of ${players.of} results were computed` : 'Computed';
  return `${who} with ${list} — Process Report again to update.`;
}
