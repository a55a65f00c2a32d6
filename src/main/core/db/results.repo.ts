import type { Db } from './database.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';
import type { Problem } from '../formats/canonical.ts';

export interface StoredResult {
  sessionId: string;
  playerId: string;
  unitId: string;
  metrics: MetricValues;
  problems: Problem[];
  algorithmVersion: string;
  settings: unknown;
  computedAt: number;
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
}

export class ResultsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  save(r: StoredResult): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO player_results
         (session_id, player_id, unit_id, metrics_json, problems_json, algorithm_version, settings_json, computed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
      );
  }
  forSession(sessionId: string): StoredResult[] {
    const rows = this.db.prepare('SELECT * FROM player_results WHERE session_id = ?').all(sessionId) as Row[];
    return rows.map((r) => ({
      sessionId: r.session_id,
      playerId: r.player_id,
      unitId: r.unit_id,
      metrics: JSON.parse(r.metrics_json) as MetricValues,
      problems: JSON.parse(r.problems_json) as Problem[],
      algorithmVersion: r.algorithm_version,
      settings: JSON.parse(r.settings_json) as unknown,
      computedAt: r.computed_at,
    }));
  }
}
