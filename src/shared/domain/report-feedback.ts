/**
 * The report's Player Feedback part (its own piece of the report model, optional: reports
 * without survey answers have none): the session's answers, sRPE and flags, and each player's
 * load over time for the team's headline measure and method.
 */
import type { AcwrMethod, LoadMeasure, SessionFeedback } from './survey.ts';

export interface ReportPlayerLoad {
  playerId: string;
  name: string;
  /** Days of history in the series up to the session's day (0: none). */
  historyDays: number;
  acute: number | null;
  chronic: number | null;
  /** null before 28 days of data and where the chronic load is 0. */
  ratio: number | null;
  /** The headline measure's daily values over the 28 days ending on the session's day (null = NA). */
  trend: (number | null)[];
  /** This session's sRPE and the player's PlayerLoad / distance, for the chart. */
  srpeAu: number | null;
}

export interface ReportFeedback {
  feedback: SessionFeedback;
  headline: { measure: LoadMeasure; method: AcwrMethod; measureLabel: string; methodText: string };
  /** The team's own ACWR bands (not injury predictions). */
  bands: { low: number; high: number };
  load: ReportPlayerLoad[];
}
