/**
 * Load over time: one daily series per player and measure, and the measures computed on it
 * (EWMA and rolling acute:chronic, weekly load, monotony, strain), each with the method that
 * produced it. Definitions: docs/metrics.md (Load over time).
 */
import type { AcwrMethod, LoadMeasure, SurveyFlag } from './survey.ts';

export type Availability = 'available' | 'injured' | 'unavailable' | 'unknown';
export const AVAILABILITY_VALUES: readonly Availability[] = ['available', 'injured', 'unavailable', 'unknown'];

/** One day of a series: the load (0 on an available day without a session) or null (NA). */
export interface LoadDay {
  date: string;
  value: number | null;
  availability: Availability;
  /** Sessions (or answers) that made up the value. */
  sessions: number;
}

export interface EwmaMethod {
  kind: 'ewma';
  acuteN: number;
  chronicN: number;
  acuteLambda: number;
  chronicLambda: number;
  /** How the series starts: EWMA on day 1 = the day-1 load (Williams 2017). */
  start: 'day-1 load';
  /** An NA day leaves both averages where they were (no information), and is marked. */
  na: 'carried';
}

export interface RollingMethod {
  kind: 'rolling';
  acuteDays: number;
  chronicDays: number;
  /** coupled: chronic = days t−27..t (includes the acute week); uncoupled: t−27..t−7. */
  coupling: 'coupled' | 'uncoupled';
  /** Means over the window's known days (NA days left out). */
  na: 'excluded';
}

export interface MonotonyMethod {
  kind: 'monotony';
  days: number;
  /** Foster 1998: mean of the 7 daily loads / their SD, SD with n − 1. */
  sd: 'sample';
  /** A week with an NA day has none. */
  na: 'none';
}

export interface AcwrDay {
  date: string;
  acute: number | null;
  chronic: number | null;
  /** null before 28 days of data and where the chronic load is 0. */
  ratio: number | null;
}

export interface WeekDay {
  date: string;
  /** Sum of days t−6..t (null when one of them is NA). */
  weeklyLoad: number | null;
  monotony: number | null;
  strain: number | null;
}

export interface LoadSeriesResult {
  measure: LoadMeasure;
  unit: 'AU' | 'm';
  days: LoadDay[];
  ewma: { method: EwmaMethod; days: AcwrDay[] };
  coupled: { method: RollingMethod; days: AcwrDay[] };
  uncoupled: { method: RollingMethod; days: AcwrDay[] };
  week: { method: MonotonyMethod; days: WeekDay[] };
}

export interface PlayerLoad {
  playerId: string;
  playerName: string;
  from: string | null;
  to: string;
  series: LoadSeriesResult[];
  headline: { measure: LoadMeasure; method: AcwrMethod };
}

/** One session of a player on the Player page. */
export interface PlayerSessionPoint {
  sessionId: string | null;
  sessionName: string;
  date: string;
  distanceM: number | null;
  hsrM: number | null;
  playerLoad: number | null;
  rpe: number | null;
  srpeAu: number | null;
}

export interface PlayerWellnessPoint {
  date: string;
  scaleId: string;
  scaleVersion: number;
  scaleName: string;
  values: Record<string, number>;
  total: number | null;
}

/** The Player page: one player's sessions over time, load measures, wellness and flags. */
export interface PlayerOverview {
  playerId: string;
  playerName: string;
  position: string;
  sessions: PlayerSessionPoint[];
  wellness: PlayerWellnessPoint[];
  /** Flags by day (wellness against baseline, load mismatches, early RPE), newest first. */
  flags: { date: string; sessionId: string | null; flags: SurveyFlag[] }[];
  load: PlayerLoad;
}
