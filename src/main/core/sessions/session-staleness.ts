/**
 * Whether a session's stored results are what processing now would give, for the sessions list:
 * the same test the session page and the report apply to each player (shared/domain/staleness.ts),
 * over the session's results (as report-model.ts builds it for each player; keep the two alike).
 */
import type { Session } from '../../../shared/domain/session.ts';
import { settingsKey } from '../../../shared/domain/settings.ts';
import { dataKey, staleReasons, type StaleReason } from '../../../shared/domain/staleness.ts';
import type { CoreContext } from '../context.ts';
import { ALGORITHM_VERSION } from '../processing/algorithm-version.ts';
import { periodsFor } from '../processing/periods.ts';
import { choiceKey } from '../../../shared/domain/stream-sources.ts';
import { currentChoiceKey } from './participant-sources.ts';

/** Every reason any player's result is stale (in a fixed order); empty when all are current or there are none. */
export function sessionStaleness(repos: Pick<CoreContext['repos'], 'results' | 'settings' | 'periods'>, session: Session, currentSettingsKey?: string): StaleReason[] {
  const results = repos.results.forSession(session.id);
  if (results.length === 0) return [];
  const key = currentSettingsKey ?? settingsKey(repos.settings.get().settings);
  const periods = repos.periods.forSession(session.id);
  const out = new Set<StaleReason>();
  for (const r of results) {
    const p = session.participants.find((x) => x.playerId === r.playerId);
    if (!p) continue;
    for (const reason of staleReasons(
      { settingsKey: r.settingsKey, algorithmVersion: r.algorithmVersion, periods: r.periods, window: r.window, dataKey: r.dataKey, sourcesKey: choiceKey(r.sources?.choice) },
      {
        settingsKey: key,
        algorithmVersion: ALGORITHM_VERSION,
        periods: periodsFor(p.playerId, periods),
        window: { startMs: session.startMs, endMs: session.endMs },
        dataKey: dataKey(p.files),
        sourcesKey: currentChoiceKey(p),
      },
    )) {
      out.add(reason);
    }
  }
  const order: StaleReason[] = ['settings', 'algorithm', 'periods', 'window', 'data', 'sources'];
  return order.filter((r) => out.has(r));
}
