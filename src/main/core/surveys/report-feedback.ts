/** The report's Player Feedback part of a session, from the survey service (null: no answers at all). */
import type { ReportFeedback, ReportPlayerLoad } from '../../../shared/domain/report-feedback.ts';
import type { AcwrDay, LoadSeriesResult } from '../../../shared/domain/load.ts';
import { LOAD_MEASURE_LABELS, type AcwrMethod } from '../../../shared/domain/survey.ts';
import type { SurveyService } from './survey-service.ts';

/** How the headline ratio is computed, in words (N, λ, the starting value, NA days). */
export function acwrMethodText(method: AcwrMethod): string {
  if (method === 'ewma') {
    return `EWMA, acute N = 7 (λ = ${(2 / 8).toFixed(4)}), chronic N = 28 (λ = ${(2 / 29).toFixed(4)}), started at the day-1 load; an NA day leaves both unchanged (Williams et al. 2017)`;
  }
  return method === 'rolling-coupled'
    ? 'rolling means, acute days t−6..t, chronic t−27..t (coupled); NA days left out'
    : 'rolling means, acute days t−6..t, chronic t−27..t−7 (uncoupled); NA days left out';
}

const pick = (s: LoadSeriesResult, method: AcwrMethod): AcwrDay[] => (method === 'ewma' ? s.ewma.days : method === 'rolling-coupled' ? s.coupled.days : s.uncoupled.days);

export function reportFeedback(surveys: SurveyService, sessionId: string): ReportFeedback | null {
  const feedback = surveys.feedback(sessionId);
  const anyAnswer = feedback.players.some((p) => p.rpe !== null || p.wellness !== null);
  if (!anyAnswer) return null;
  const settings = surveys.settings().settings;
  const { measure, method } = settings.headline;
  const load: ReportPlayerLoad[] = feedback.players.map((p) => {
    const ov = surveys.overview(p.playerId, feedback.date);
    const s = ov.load.series.find((x) => x.measure === measure) ?? null;
    const days = s ? pick(s, method) : [];
    const last = days.at(-1) ?? null;
    const values = s ? s.days.map((d) => d.value) : [];
    const trend = Array.from({ length: 28 }, (_, i) => {
      const j = values.length - 28 + i;
      return j >= 0 ? values[j] : null;
    });
    return {
      playerId: p.playerId,
      name: p.playerName,
      historyDays: s ? s.days.length : 0,
      acute: last?.acute ?? null,
      chronic: last?.chronic ?? null,
      ratio: last?.ratio ?? null,
      trend,
      srpeAu: p.srpeAu,
    };
  });
  return { feedback, headline: { measure, method, measureLabel: LOAD_MEASURE_LABELS[measure], methodText: acwrMethodText(method) }, bands: settings.acwrBands, load };
}
