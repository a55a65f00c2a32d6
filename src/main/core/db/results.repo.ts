import type { Db } from './database.ts';
import type { MetricMoments, MetricValues } from '../../../shared/domain/metrics.ts';
import type { ChartSeries, DataQuality, EffortLists, EngineWarning, PeriodResult } from '../../../shared/domain/player-result.ts';
import { packPlayerSeries } from '../../../shared/domain/series-codec.ts';
import type { Problem } from '../formats/canonical.ts';
import type { TimeRange } from '../../../shared/domain/staleness.ts';
import type { ResultSources } from '../../../shared/domain/stream-sources.ts';

export interface StoredResult {
  sessionId: string;
  playerId: string;
  unitId: string;
  metrics: MetricValues;
  /** When the maxima and peaks happened (empty for a result from before they were kept). */
  moments: MetricMoments;
  problems: Problem[];
  algorithmVersion: string;
  settings: unknown;
  /** settingsKey() of the settings used (null for results older than the engine). */
  settingsKey: string | null;
  computedAt: number;
  /** The session window it was computed for (null: before results kept it). */
  window: TimeRange | null;
  /** dataKey() of the player's files it was computed from (null: before results kept it). */
  dataKey: string | null;
  periods: PeriodResult[];
  quality: DataQuality | null;
  warnings: EngineWarning[];
  /**
   * The 1 s chart series as the pool thread packed it (series-codec.ts packPlayerSeries: this
   * player's record), or null when there is none. Read with `series: true` only.
   */
  seriesPacked: Uint8Array | null;
  /** Every effort behind the effort counts (null: no GNSS, or a result from before they were kept). */
  efforts: EffortLists | null;
  /** Which unit each kind of data came from, and the choice in force (null: before results kept it = automatic). */
  sources?: ResultSources | null;
}

interface Row {
  session_id: string;
  player_id: string;
  unit_id: string;
  metrics_json: string;
  problems_json: string;
  algorithm_version: string;
  settings_json: string;
  computed_at: number;
  settings_key: string | null;
  quality_json: string | null;
  warnings_json: string;
  series_json: string | null;
  series_packed: Uint8Array | null;
  window_start_ms: number | null;
  window_end_ms: number | null;
  data_key: string | null;
  efforts_json: string | null;
  moments_json: string | null;
  sources_json: string | null;
}

interface PeriodRow {
  player_id: string;
  period_id: string;
  name: string;
  start_ms: number;
  end_ms: number;
  metrics_json: string;
  coverage: number;
  warnings_json: string;
  moments_json: string | null;
}

export class ResultsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** Stores one player's run, replacing their previous one (periods included), atomically. */
  save(r: StoredResult): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM period_results WHERE session_id = ? AND player_id = ?').run(r.sessionId, r.playerId);
      this.db
        .prepare(
          `INSERT INTO player_results
           (session_id, player_id, unit_id, metrics_json, problems_json, algorithm_version, settings_json, computed_at,
            settings_key, quality_json, warnings_json, series_json, series_packed, window_start_ms, window_end_ms, data_key, efforts_json,
            moments_json, sources_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (session_id, player_id) DO UPDATE SET
             unit_id = excluded.unit_id, metrics_json = excluded.metrics_json, problems_json = excluded.problems_json,
             algorithm_version = excluded.algorithm_version, settings_json = excluded.settings_json,
             computed_at = excluded.computed_at, settings_key = excluded.settings_key, quality_json = excluded.quality_json,
             warnings_json = excluded.warnings_json, series_json = NULL, series_packed = excluded.series_packed,
             window_start_ms = excluded.window_start_ms, window_end_ms = excluded.window_end_ms, data_key = excluded.data_key,
             efforts_json = excluded.efforts_json, moments_json = excluded.moments_json, sources_json = excluded.sources_json`,
        )
        .run(
          r.sessionId,
          r.playerId,
          r.unitId,
          JSON.stringify(r.metrics),
          JSON.stringify(r.problems),
          r.algorithmVersion,
          JSON.stringify(r.settings),
          r.computedAt,
          r.settingsKey,
          r.quality ? JSON.stringify(r.quality) : null,
          JSON.stringify(r.warnings),
          // better-sqlite3 binds a BLOB from a Buffer (a view of the same bytes, no copy).
          r.seriesPacked ? Buffer.from(r.seriesPacked.buffer, r.seriesPacked.byteOffset, r.seriesPacked.byteLength) : null,
          r.window?.startMs ?? null,
          r.window?.endMs ?? null,
          r.dataKey,
          r.efforts ? JSON.stringify(r.efforts) : null,
          JSON.stringify(r.moments),
          r.sources ? JSON.stringify(r.sources) : null,
        );
      const ins = this.db.prepare(
        `INSERT INTO period_results (session_id, player_id, period_id, name, start_ms, end_ms, metrics_json, coverage, warnings_json, moments_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of r.periods) {
        ins.run(r.sessionId, r.playerId, p.id, p.name, p.startMs, p.endMs, JSON.stringify(p.metrics), p.coverage, JSON.stringify(p.warnings), JSON.stringify(p.moments));
      }
    })();
  }

  /** `series: false` / `efforts: false` leave out the chart series / effort lists (only the report shows them). */
  forSession(sessionId: string, opts: { series?: boolean; efforts?: boolean } = {}): StoredResult[] {
    // The series and effort lists are most of a row's bytes (a 90-minute series is ~100 kB of
    // JSON): left out, they are not even read out of SQLite (results:list, 25 players: ~5 ms less
    // of the core's main thread than with SELECT *).
    const series = opts.series !== false ? 'series_json, series_packed' : 'NULL AS series_json, NULL AS series_packed';
    const efforts = opts.efforts !== false ? 'efforts_json' : 'NULL AS efforts_json';
    const rows = this.db
      .prepare(
        `SELECT session_id, player_id, unit_id, metrics_json, moments_json, problems_json, algorithm_version, settings_json, settings_key,
                computed_at, window_start_ms, window_end_ms, data_key, quality_json, warnings_json, sources_json, ${series}, ${efforts}
         FROM player_results WHERE session_id = ?`,
      )
      .all(sessionId) as Row[];
    const periodRows = this.db
      .prepare('SELECT * FROM period_results WHERE session_id = ? ORDER BY start_ms, name')
      .all(sessionId) as PeriodRow[];
    return rows.map((r) => ({
      sessionId: r.session_id,
      playerId: r.player_id,
      unitId: r.unit_id,
      metrics: JSON.parse(r.metrics_json) as MetricValues,
      moments: r.moments_json ? (JSON.parse(r.moments_json) as MetricMoments) : {},
      problems: JSON.parse(r.problems_json) as Problem[],
      algorithmVersion: r.algorithm_version,
      settings: JSON.parse(r.settings_json) as unknown,
      settingsKey: r.settings_key,
      computedAt: r.computed_at,
      window: r.window_start_ms != null && r.window_end_ms != null ? { startMs: r.window_start_ms, endMs: r.window_end_ms } : null,
      dataKey: r.data_key,
      periods: periodRows
        .filter((p) => p.player_id === r.player_id)
        .map((p) => ({
          id: p.period_id,
          name: p.name,
          startMs: p.start_ms,
          endMs: p.end_ms,
          metrics: JSON.parse(p.metrics_json) as MetricValues,
          moments: p.moments_json ? (JSON.parse(p.moments_json) as MetricMoments) : {},
          coverage: p.coverage,
          warnings: JSON.parse(p.warnings_json) as string[],
        })),
      quality: r.quality_json ? (JSON.parse(r.quality_json) as DataQuality) : null,
      warnings: JSON.parse(r.warnings_json) as EngineWarning[],
      seriesPacked: opts.series !== false ? packedOf(r.player_id, r.series_packed, r.series_json) : null,
      efforts: opts.efforts !== false && r.efforts_json ? (JSON.parse(r.efforts_json) as EffortLists) : null,
      sources: r.sources_json ? (JSON.parse(r.sources_json) as ResultSources) : null,
    }));
  }

  /** Each player's stored chart series, packed (series-codec.ts packPlayerSeries), by player id; players without one left out. */
  packedSeries(sessionId: string): { playerId: string; packed: Uint8Array }[] {
    return this.storedSeries(sessionId).map((r) => ({ playerId: r.playerId, packed: packedOf(r.playerId, r.packed, r.json)! }));
  }

  /**
   * Each player's stored chart series as stored: the packed record, or (a result from before
   * migration 14) the JSON text, for a caller that packs those a player at a time (packedOf).
   */
  storedSeries(sessionId: string): { playerId: string; packed: Uint8Array | null; json: string | null }[] {
    return this.db
      .prepare(
        'SELECT player_id AS playerId, series_packed AS packed, series_json AS json FROM player_results WHERE session_id = ? AND (series_packed IS NOT NULL OR series_json IS NOT NULL) ORDER BY player_id',
      )
      .all(sessionId) as { playerId: string; packed: Uint8Array | null; json: string | null }[];
  }

  /**
   * A player's results in earlier sessions (started before `beforeMs`), most recent first, at
   * most `limit`: the pitch-side summary's "own average of their last sessions of the same kind".
   * With a `sessionType` (sessions.session_type, migration 12), only earlier sessions of that type
   * count (a match is compared with matches, a training with trainings); a session with no type
   * is compared with the earlier sessions of any type, as nothing says what kind it was.
   */
  history(playerId: string, beforeMs: number, limit: number, sessionType?: string | null): { sessionId: string; name: string; startMs: number; metrics: MetricValues }[] {
    const byType = sessionType ? ' AND s.session_type = @type' : '';
    const rows = this.db
      .prepare(
        `SELECT r.session_id, s.name, s.start_ms, r.metrics_json FROM player_results r JOIN sessions s ON s.id = r.session_id
         WHERE r.player_id = @player AND s.start_ms < @before${byType} ORDER BY s.start_ms DESC LIMIT @limit`,
      )
      .all({ player: playerId, before: beforeMs, limit, ...(byType ? { type: sessionType } : {}) }) as { session_id: string; name: string; start_ms: number; metrics_json: string }[];
    return rows.map((r) => ({ sessionId: r.session_id, name: r.name, startMs: r.start_ms, metrics: JSON.parse(r.metrics_json) as MetricValues }));
  }
}

/** A row's packed series: as stored, or (a result stored before migration 14) its JSON packed now. */
export function packedOf(playerId: string, packed: Uint8Array | null, json: string | null): Uint8Array | null {
  if (packed) return packed;
  return json ? packPlayerSeries({ playerId, series: JSON.parse(json) as ChartSeries }) : null;
}
