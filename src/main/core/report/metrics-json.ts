/**
 * The metrics JSON of `player1 process --json` (documented in docs/cli.md). A stable shape for
 * scripting: snake_case metric keys with units in the name, values in SI units whatever the
 * team's display units; later versions add keys, never rename them.
 */
import type { SessionResults } from '../../../shared/api/results.contract.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';

export interface MetricsJsonPeriod {
  id: string;
  name: string;
  /** UTC epoch milliseconds, half-open [start_ms, end_ms). */
  start_ms: number;
  end_ms: number;
  /** Share of the period the unit's cleaned data covers, 0..1. */
  coverage: number;
  metrics: MetricValues;
  warnings: string[];
}

export interface MetricsJson {
  schema_version: 1;
  algorithm_version: string | null;
  players: {
    device_id: string;
    player_name: string;
    position: string;
    metrics: MetricValues;
    /** Added after schema 1 first shipped its keys: the periods that apply to the player, in start order. */
    periods: MetricsJsonPeriod[];
  }[];
  team: { players: number; mean: MetricValues; total: MetricValues };
}

export function toMetricsJson(r: SessionResults): MetricsJson {
  return {
    schema_version: 1,
    algorithm_version: r.players[0]?.algorithmVersion ?? null,
    players: r.players.map((p) => ({
      device_id: p.deviceId,
      player_name: p.playerName,
      position: p.position,
      metrics: p.metrics,
      periods: r.periods.flatMap((per) =>
        per.rows
          .filter((row) => row.playerId === p.playerId)
          .map((row) => ({
            id: per.id,
            name: per.name,
            start_ms: per.startMs,
            end_ms: per.endMs,
            coverage: row.coverage,
            metrics: row.metrics,
            warnings: row.warnings,
          })),
      ),
    })),
    team: { players: r.team.players, mean: r.team.mean, total: r.team.total },
  };
}
