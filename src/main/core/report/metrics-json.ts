/**
 * The metrics JSON of `player1 process --json` (documented in docs/cli.md). A stable shape for
 * scripting: snake_case metric keys with units in the name, values in SI units whatever the
 * team's display units; later versions add keys, never rename them.
 */
import type { SessionResults } from '../../../shared/api/results.contract.ts';
import type { MetricMoments, MetricValues } from '../../../shared/domain/metrics.ts';
import type { EffortLists } from '../../../shared/domain/player-result.ts';
import type { SessionFeedback } from '../../../shared/domain/survey.ts';
import { STREAM_KINDS, type ResultSources, type StreamKind } from '../../../shared/domain/stream-sources.ts';
import { feedbackJson, type FeedbackJson } from '../surveys/feedback-json.ts';

export interface MetricsJsonPeriod {
  id: string;
  name: string;
  /** UTC epoch milliseconds, half-open [start_ms, end_ms). */
  start_ms: number;
  end_ms: number;
  /** Share of the period the unit's cleaned data covers, 0..1. */
  coverage: number;
  metrics: MetricValues;
  /** Added later: when the period's maxima and peaks happened. */
  moments: MetricsJsonMoments;
  warnings: string[];
}

/**
 * When each maximum and peak happened, by metric key, UTC epoch ms: a maximum's sample
 * (start_ms = end_ms), a peak period's rolling window (start_ms, end_ms]. Keys whose value is
 * null are absent.
 */
export type MetricsJsonMoments = Record<string, { start_ms: number; end_ms: number }>;

export interface MetricsJsonEffort {
  start_ms: number;
  duration_s: number;
  distance_m: number;
  start_speed_ms: number;
  end_speed_ms: number;
  max_speed_ms: number;
  /** Accelerations and decelerations: the peak acceleration, m/s² (decelerations negative); absent on sprints and on efforts computed before it was kept. */
  peak_accel_ms2?: number;
}

/**
 * Which unit each kind of data came from, and why: "the only unit", or for a player who wore
 * several (a pod and a watch or a strap) the unit chosen or picked by the default rule. Kinds the
 * player has no data of are absent.
 */
export type MetricsJsonSources = Partial<Record<StreamKind, { device_id: string; how: 'chosen' | 'automatic'; why: string }>>;

export interface MetricsJsonEfforts {
  sprints: MetricsJsonEffort[];
  /** Per acceleration band: efforts ≥ threshold_ms2. */
  accelerations: { threshold_ms2: number; efforts: MetricsJsonEffort[] }[];
  /** Per deceleration band: efforts ≤ −threshold_ms2. */
  decelerations: { threshold_ms2: number; efforts: MetricsJsonEffort[] }[];
}

export interface MetricsJson {
  schema_version: 1;
  algorithm_version: string | null;
  players: {
    device_id: string;
    player_name: string;
    position: string;
    metrics: MetricValues;
    /** Added later: when the session's maxima and peaks happened. */
    moments: MetricsJsonMoments;
    /** Added after schema 1 first shipped its keys: the periods that apply to the player, in start order. */
    periods: MetricsJsonPeriod[];
    /**
     * Added later: every effort behind the effort counts, SI units, start_ms UTC epoch ms (null: no
     * usable GNSS). A period's counts are the efforts that start inside it.
     */
    efforts: MetricsJsonEfforts | null;
    /** Added later: the player's RPE and wellness for the session (null when the run has no survey answers). */
    feedback: FeedbackJson | null;
    /** Added later: which unit each kind of data came from; null for a result computed before it was kept. */
    sources: MetricsJsonSources | null;
  }[];
  team: { players: number; mean: MetricValues; total: MetricValues };
}

export function toMetricsJson(r: SessionResults, feedback: SessionFeedback | null = null): MetricsJson {
  const scales = feedback ? [feedback.wellnessScale, ...feedback.answeredScales] : [];
  const items = (id: string, version: number) => scales.find((s) => s.id === id && s.version === version)?.items.map((i) => i.key) ?? [];
  return {
    schema_version: 1,
    algorithm_version: r.players[0]?.algorithmVersion ?? null,
    players: r.players.map((p) => ({
      device_id: p.deviceId,
      player_name: p.playerName,
      position: p.position,
      metrics: p.metrics,
      moments: momentsJson(p.moments),
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
            moments: momentsJson(row.moments),
            warnings: row.warnings,
          })),
      ),
      efforts: p.efforts ? effortsJson(p.efforts) : null,
      feedback: (() => {
        const pf = feedback?.players.find((f) => f.playerId === p.playerId);
        return pf ? feedbackJson(pf, items) : null;
      })(),
      sources: sourcesJson(p.sources),
    })),
    team: { players: r.team.players, mean: r.team.mean, total: r.team.total },
  };
}

function effortsJson(e: EffortLists): MetricsJsonEfforts {
  const one = (r: EffortLists['sprints'][number]): MetricsJsonEffort => ({
    start_ms: r.startMs,
    duration_s: r.durationS,
    distance_m: r.distanceM,
    start_speed_ms: r.startSpeedMs,
    end_speed_ms: r.endSpeedMs,
    max_speed_ms: r.maxSpeedMs,
    ...(r.peakAccelMs2 != null ? { peak_accel_ms2: r.peakAccelMs2 } : {}),
  });
  const band = (b: EffortLists['accels'][number]) => ({ threshold_ms2: b.thresholdMs2, efforts: b.efforts.map(one) });
  return { sprints: e.sprints.map(one), accelerations: e.accels.map(band), decelerations: e.decels.map(band) };
}

function sourcesJson(s: ResultSources | null): MetricsJsonSources | null {
  if (!s) return null;
  const out: MetricsJsonSources = {};
  for (const k of STREAM_KINDS) {
    const u = s.used[k];
    if (u) out[k] = { device_id: u.deviceId, how: u.how, why: u.why };
  }
  return out;
}

function momentsJson(m: MetricMoments): MetricsJsonMoments {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { start_ms: v.startMs, end_ms: v.endMs }]));
}
