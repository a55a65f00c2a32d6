/**
 * The roster as pages read it: players and units, loaded once and kept current by the core's
 * roster:changed event. The one place that knows which change touches which list.
 */
import { useCallback } from 'react';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { playerLabel, type Player } from '../../../../shared/domain/roster.ts';

/** The players; reloaded when players change. */
export function usePlayers() {
  const api = useApi();
  const players = useLoad(() => api['players:list'](), []);
  const { reload } = players;
  useEvent(
    'roster:changed',
    useCallback((p: EventPayloads['roster:changed']) => p.kind === 'players' && reload(), [reload]),
  );
  return players;
}

/** The units; reloaded on any roster change (deleting a player also frees the units they wore). */
export function useUnits() {
  const api = useApi();
  const units = useLoad(() => api['units:list'](), []);
  useEvent('roster:changed', units.reload);
  return units;
}

/**
 * The players a picker offers: those who have not left (archived players stay in history only),
 * each named so that two of one name are told apart (position, shirt number, date of birth).
 */
export function pickablePlayers(all: readonly Player[] | null): (Player & { label: string })[] {
  const list = all ?? [];
  return list.filter((p) => p.archivedAt === null).map((p) => ({ ...p, label: playerLabel(p, list) }));
}
