/**
 * The metrics JSON of `player1 process --json` (documented in docs/cli.md). A stable shape for
 * scripting: snake_case metric keys with units in the name; later versions add keys, never
 * rename them.
 */
import type { SessionResults } from '../../../shared/api/results.contract.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';

export interface MetricsJson {
  schema_version: 1;
  algorithm_version: string | null;
  players: { device_id: string; player_name: string; position: string; metrics: MetricValues }[];
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
    })),
    team: { players: r.team.players, mean: r.team.mean, total: r.team.total },
  };
}
