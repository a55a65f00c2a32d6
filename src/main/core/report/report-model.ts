import type { ReportModel, ReportPlayer } from '../../../shared/domain/report.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { BASIC_METRICS } from '../../../shared/domain/metrics.ts';
import type { StoredResult } from '../db/results.repo.ts';
import type { Problem } from '../formats/canonical.ts';
import { teamSummary } from './team-summary.ts';

export interface ReportInputs {
  session: Session;
  results: StoredResult[];
  generatedAt: number;
  timeZone: string;
  app: { name: string; version: string; algorithmVersion: string };
  settings: Record<string, unknown>;
}

/** One row per participant with a stored result, in the session's participant order. */
export function buildReportModel(inp: ReportInputs): ReportModel {
  const byPlayer = new Map(inp.results.map((r) => [r.playerId, r]));
  const players: ReportPlayer[] = inp.session.participants
    .filter((p) => byPlayer.has(p.playerId))
    .map((p) => {
      const r = byPlayer.get(p.playerId)!;
      return {
        playerId: p.playerId,
        name: p.playerName,
        position: p.position,
        deviceId: p.deviceId,
        metrics: r.metrics,
        notes: r.problems.map(problemNote),
      };
    });
  const metrics = [...BASIC_METRICS];
  return {
    schemaVersion: 1,
    generatedAt: inp.generatedAt,
    timeZone: inp.timeZone,
    app: inp.app,
    session: { id: inp.session.id, name: inp.session.name, startMs: inp.session.startMs, endMs: inp.session.endMs },
    settings: inp.settings,
    metrics,
    players,
    team: teamSummary(
      players.map((p) => p.metrics),
      metrics,
    ),
  };
}

export function problemNote(p: Problem): string {
  const where = p.line != null ? ` (line ${p.line})` : p.offset != null ? ` (byte ${p.offset})` : '';
  return `${p.file}${where}: ${p.message}`;
}
