/**
 * The report model of a session from what is stored now: its results, the team settings and its
 * periods (results computed with other settings or periods are flagged). The written report and
 * results:list are built by this one function, so they never disagree on what is stale.
 */
import type { Session } from '../../../shared/domain/session.ts';
import type { ReportModel } from '../../../shared/domain/report.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { CoreContext } from '../context.ts';
import type { StoredResult } from '../db/results.repo.ts';
import { ALGORITHM_VERSION } from '../processing/algorithm-version.ts';
import { buildReportModel, sessionType } from '../report/report-model.ts';
import { HISTORY_SESSIONS } from '../../../shared/domain/team-view.ts';

export function storedReportModel(
  core: Pick<CoreContext, 'appName' | 'appVersion'> & { repos: Pick<CoreContext['repos'], 'results' | 'settings' | 'periods'> },
  session: Session,
  opts: { generatedAt: number; timeZone: string; series: boolean; efforts: boolean },
): { model: ReportModel; results: StoredResult[]; settings: EngineSettings } {
  const results = core.repos.results.forSession(session.id, { series: opts.series, efforts: opts.efforts });
  const settings = core.repos.settings.get().settings;
  const model = buildReportModel({
    session,
    results,
    generatedAt: opts.generatedAt,
    timeZone: opts.timeZone,
    app: { name: core.appName, version: core.appVersion, algorithmVersion: ALGORITHM_VERSION },
    settings,
    periods: core.repos.periods.forSession(session.id),
    history: (playerId) => core.repos.results.history(playerId, session.startMs, HISTORY_SESSIONS, sessionType(session)),
  });
  return { model, results, settings };
}
