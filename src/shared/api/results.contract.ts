import { z } from 'zod';
import { method } from './method.ts';
import type { MetricDef, MetricValues } from '../domain/metrics.ts';
import type { TeamSummary } from '../domain/report.ts';

const id = z.string().min(1).max(64);

export interface PlayerResultRow {
  playerId: string;
  playerName: string;
  position: string;
  deviceId: string;
  metrics: MetricValues;
  notes: string[];
  algorithmVersion: string;
  computedAt: number;
}

export interface SessionResults {
  sessionId: string;
  metrics: MetricDef[];
  players: PlayerResultRow[];
  team: TeamSummary;
}

export const resultsContract = {
  /** The stored per-player results of a session (whatever runs have completed for each player). */
  'results:list': method<SessionResults>()(z.object({ sessionId: id }).strict()),
};
