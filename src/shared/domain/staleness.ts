/**
 * Is a stored result still what processing now would give? It is not ("stale") when it was
 * computed with other settings (their key), another algorithm version, periods that have been
 * edited since, another session window, other data files for the player (a file downloaded or
 * imported after processing, a file removed, other read options), or, for a player wearing several
 * units, another choice of which unit gives which kind of data. Nothing recomputes by itself:
 * the app and the report say so, and processing the session again (explicitly) brings it up to date.
 */
import type { PeriodWindow } from './player-result.ts';
import type { DataFile } from './session.ts';
import { stableJson } from './stable-json.ts';

export type StaleReason = 'settings' | 'algorithm' | 'periods' | 'window' | 'data' | 'sources';

export interface TimeRange {
  startMs: number;
  endMs: number;
}

export interface ComputedState {
  /** settingsKey() of the settings used; null = from before results kept it (always stale). */
  settingsKey: string | null;
  algorithmVersion: string;
  /** The periods as computed (or as they apply now), for one player. */
  periods: readonly PeriodWindow[];
  /** The session window it was computed for; null = from before results kept it (always stale). */
  window: TimeRange | null;
  /** dataKey() of the player's files; null = from before results kept it (always stale). */
  dataKey: string | null;
  /**
   * choiceKey() of which unit each kind of stream comes from (stream-sources.ts), for a player
   * wearing several units; absent or null = automatic (what every result before the choice was).
   */
  sourcesKey?: string | null;
}

export interface CurrentState extends ComputedState {
  settingsKey: string;
  window: TimeRange;
  dataKey: string;
}

/**
 * What identifies a player's input data: each file's content (its sha256, or for a file read in
 * place its path and size), its reader, its clock offset and its read options, in any order.
 */
export function dataKey(files: readonly DataFile[]): string {
  const entries = files.map((f) => JSON.stringify([f.sha256 ?? `${f.path}#${f.size}`, f.format, f.clockOffsetMs, optionsKey(f.options)]));
  return `[${entries.sort().join(',')}]`;
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
  if (!computed.window || computed.window.startMs !== current.window.startMs || computed.window.endMs !== current.window.endMs) out.push('window');
  if (computed.dataKey !== current.dataKey) out.push('data');
  if ((computed.sourcesKey ?? AUTOMATIC) !== (current.sourcesKey ?? AUTOMATIC)) out.push('sources');
  return out;
}

const AUTOMATIC = '{}';

/** Each reason as it follows "Computed with". */
export const STALE_WHAT: Readonly<Record<StaleReason, string>> = {
  settings: 'older settings',
  algorithm: 'another algorithm version',
  periods: 'older periods',
  window: 'an older session window',
  data: 'other data files',
  sources: 'another choice of units',
};

/**
 * The sentence to show next to Process Report, or null when every result is current:
 * "Computed with older settings — Process Report again to update."
 * `players`/`of` say how many results are stale when not all of them are.
 */
export function staleNotice(reasons: readonly StaleReason[], players?: { stale: number; of: number }): string | null {
  const order: StaleReason[] = ['settings', 'algorithm', 'periods', 'window', 'data', 'sources'];
  const what = order.filter((r) => reasons.includes(r)).map((r) => STALE_WHAT[r]);
  if (what.length === 0) return null;
  const list = what.length === 1 ? what[0] : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}`;
  const who = players && players.stale < players.of ? `${players.stale} of ${players.of} results were computed` : 'Computed';
  return `${who} with ${list} — Process Report again to update.`;
}

/** Read options without their null (= default) members; none at all = null (absent, {} and nulls compare equal). */
function optionsKey(o: object | null | undefined): string | null {
  const set = Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined);
  return set.length > 0 ? stableJson(Object.fromEntries(set)) : null;
}
