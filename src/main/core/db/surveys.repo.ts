/**
 * Survey answers, team-defined scales, player aliases of imported files, and availability.
 * An answer is written the moment it is given (one statement, durable once it returns).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import type { AnswerKind, AnswerSource, SurveyAnswer, SurveyScale } from '../../../shared/domain/survey.ts';
import type { Availability } from '../../../shared/domain/load.ts';

interface Row {
  id: string;
  player_id: string | null;
  source_player: string | null;
  session_id: string | null;
  day: string;
  kind: AnswerKind;
  scale_id: string;
  scale_version: number;
  values_json: string;
  duration_min: number | null;
  stated_load: number | null;
  given_at: number | null;
  source: AnswerSource;
  origin: string | null;
  import_key: string | null;
  updated_at: number;
}

const toAnswer = (r: Row): SurveyAnswer => ({
  id: r.id,
  playerId: r.player_id,
  sourcePlayer: r.source_player,
  sessionId: r.session_id,
  date: r.day,
  kind: r.kind,
  scaleId: r.scale_id,
  scaleVersion: r.scale_version,
  values: JSON.parse(r.values_json) as Record<string, number>,
  durationMin: r.duration_min,
  statedLoad: r.stated_load,
  givenAt: r.given_at,
  source: r.source,
  origin: r.origin,
  updatedAt: r.updated_at,
});

export interface ImportedAnswer {
  playerId: string | null;
  sourcePlayer: string;
  sessionId: string | null;
  date: string;
  kind: AnswerKind;
  scaleId: string;
  scaleVersion: number;
  values: Record<string, number>;
  durationMin: number | null;
  statedLoad: number | null;
  origin: string;
  importKey: string;
  source: 'import' | 'cli';
}

export class SurveysRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  forSession(sessionId: string): SurveyAnswer[] {
    return (this.db.prepare('SELECT * FROM survey_answers WHERE session_id = ? ORDER BY day, updated_at').all(sessionId) as Row[]).map(toAnswer);
  }

  /** A player's answers between two days (inclusive), oldest first. */
  forPlayer(playerId: string, fromDay = '0000-00-00', toDay = '9999-99-99'): SurveyAnswer[] {
    return (
      this.db
        .prepare('SELECT * FROM survey_answers WHERE player_id = ? AND day >= ? AND day <= ? ORDER BY day, COALESCE(given_at, updated_at), rowid')
        .all(playerId, fromDay, toDay) as Row[]
    ).map(toAnswer);
  }

  /** The first day with any answer of the player, or null. */
  firstDay(playerId: string): string | null {
    const r = this.db.prepare('SELECT MIN(day) AS d FROM survey_answers WHERE player_id = ?').get(playerId) as { d: string | null };
    return r.d;
  }

  getEntry(sessionId: string, playerId: string, kind: AnswerKind): SurveyAnswer | null {
    const r = this.db
      .prepare('SELECT * FROM survey_answers WHERE session_id = ? AND player_id = ? AND kind = ? AND import_key IS NULL')
      .get(sessionId, playerId, kind) as Row | undefined;
    return r ? toAnswer(r) : null;
  }

  /**
   * One item of a player's answer for a session, written at once (created on the first item).
   * value null removes the item. A different scale than the stored answer's starts it over:
   * items of two scales are never mixed in one answer.
   */
  setItem(p: {
    sessionId: string;
    playerId: string;
    kind: AnswerKind;
    scaleId: string;
    scaleVersion: number;
    day: string;
    item: string;
    value: number | null;
    source: 'kiosk' | 'grid';
    now: number;
  }): SurveyAnswer {
    return this.db.transaction(() => {
      const cur = this.getEntry(p.sessionId, p.playerId, p.kind);
      const sameScale = cur && cur.scaleId === p.scaleId && cur.scaleVersion === p.scaleVersion;
      const values = sameScale ? { ...cur.values } : {};
      if (p.value === null) delete values[p.item];
      else values[p.item] = p.value;
      if (cur) {
        this.db
          .prepare('UPDATE survey_answers SET values_json = ?, scale_id = ?, scale_version = ?, given_at = ?, source = ?, day = ?, updated_at = ? WHERE id = ?')
          .run(JSON.stringify(values), p.scaleId, p.scaleVersion, p.now, p.source, p.day, p.now, cur.id);
        return this.getEntry(p.sessionId, p.playerId, p.kind)!;
      }
      this.db
        .prepare(
          `INSERT INTO survey_answers (id, player_id, source_player, session_id, day, kind, scale_id, scale_version, values_json, given_at, source, updated_at)
           VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(randomUUID(), p.playerId, p.sessionId, p.day, p.kind, p.scaleId, p.scaleVersion, JSON.stringify(values), p.now, p.source, p.now);
      return this.getEntry(p.sessionId, p.playerId, p.kind)!;
    }).immediate();
  }

  /** The session minutes an RPE answer is multiplied by (null: the session window). */
  setDuration(sessionId: string, playerId: string, durationMin: number | null, day: string, now: number): SurveyAnswer {
    return this.db.transaction(() => {
      const cur = this.getEntry(sessionId, playerId, 'rpe');
      if (cur) {
        this.db.prepare('UPDATE survey_answers SET duration_min = ?, updated_at = ? WHERE id = ?').run(durationMin, now, cur.id);
      } else {
        this.db
          .prepare(
            `INSERT INTO survey_answers (id, player_id, session_id, day, kind, scale_id, scale_version, values_json, duration_min, source, updated_at)
             VALUES (?, ?, ?, ?, 'rpe', 'cr10', 1, '{}', ?, 'grid', ?)`,
          )
          .run(randomUUID(), playerId, sessionId, day, durationMin, now);
      }
      return this.getEntry(sessionId, playerId, 'rpe')!;
    }).immediate();
  }

  /** Imported rows; a row already imported (same key) is left as it is. Answers how many were new. */
  insertImported(rows: readonly ImportedAnswer[], now: number): number {
    const ins = this.db.prepare(
      `INSERT OR IGNORE INTO survey_answers
         (id, player_id, source_player, session_id, day, kind, scale_id, scale_version, values_json, duration_min, stated_load, given_at, source, origin, import_key, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      let n = 0;
      for (const r of rows) {
        n += ins.run(randomUUID(), r.playerId, r.sourcePlayer, r.sessionId, r.date, r.kind, r.scaleId, r.scaleVersion, JSON.stringify(r.values), r.durationMin, r.statedLoad, r.source, r.origin, r.importKey, now).changes;
      }
      return n;
    }).immediate();
  }

  /** Imported players not matched to the roster yet, with how many answers wait for each. */
  unmatched(): { sourcePlayer: string; answers: number; firstDay: string; lastDay: string }[] {
    return this.db
      .prepare(
        `SELECT source_player AS sourcePlayer, COUNT(*) AS answers, MIN(day) AS firstDay, MAX(day) AS lastDay
         FROM survey_answers WHERE player_id IS NULL GROUP BY source_player ORDER BY source_player`,
      )
      .all() as { sourcePlayer: string; answers: number; firstDay: string; lastDay: string }[];
  }

  /** Every unmatched answer from this name goes to the player, and later imports match it too. */
  assign(sourcePlayer: string, playerId: string): number {
    return this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO survey_player_aliases (source_player, player_id) VALUES (?, ?) ON CONFLICT (source_player) DO UPDATE SET player_id = excluded.player_id')
        .run(sourcePlayer, playerId);
      return this.db.prepare('UPDATE survey_answers SET player_id = ? WHERE player_id IS NULL AND source_player = ? COLLATE NOCASE').run(playerId, sourcePlayer).changes;
    }).immediate();
  }

  aliases(): Map<string, string> {
    const rows = this.db.prepare('SELECT source_player, player_id FROM survey_player_aliases').all() as { source_player: string; player_id: string }[];
    return new Map(rows.map((r) => [r.source_player.toLowerCase(), r.player_id]));
  }

  answerCount(playerId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM survey_answers WHERE player_id = ?').get(playerId) as { n: number }).n;
  }

  customScales(): SurveyScale[] {
    return (this.db.prepare('SELECT record_json FROM survey_scales ORDER BY id, version').all() as { record_json: string }[]).map(
      (r) => JSON.parse(r.record_json) as SurveyScale,
    );
  }

  /** A team-defined scale; the same id and version again must be the same record. */
  saveScale(s: SurveyScale, now: number): void {
    this.db.prepare('INSERT OR IGNORE INTO survey_scales (id, version, record_json, created_at) VALUES (?, ?, ?, ?)').run(s.id, s.version, JSON.stringify(s), now);
  }

  availability(playerId: string): Map<string, Availability> {
    const rows = this.db.prepare('SELECT day, status FROM player_availability WHERE player_id = ?').all(playerId) as { day: string; status: Availability }[];
    return new Map(rows.map((r) => [r.day, r.status]));
  }

  /** Sets days [from, to] to a status; 'default' removes the setting (back to the default rule). */
  setAvailability(playerId: string, days: readonly string[], status: Availability | 'default'): void {
    const del = this.db.prepare('DELETE FROM player_availability WHERE player_id = ? AND day = ?');
    const put = this.db.prepare('INSERT INTO player_availability (player_id, day, status) VALUES (?, ?, ?) ON CONFLICT (player_id, day) DO UPDATE SET status = excluded.status');
    this.db.transaction(() => {
      for (const d of days) {
        if (status === 'default') del.run(playerId, d);
        else put.run(playerId, d, status);
      }
    }).immediate();
  }

  /** Each processed session of the player: its start and the stored metrics (JSON text). */
  playerSessionMetrics(playerId: string): { sessionId: string; sessionName: string; startMs: number; endMs: number; metricsJson: string }[] {
    return this.db
      .prepare(
        `SELECT s.id AS sessionId, s.name AS sessionName, s.start_ms AS startMs, s.end_ms AS endMs, r.metrics_json AS metricsJson
         FROM player_results r JOIN sessions s ON s.id = r.session_id WHERE r.player_id = ? ORDER BY s.start_ms`,
      )
      .all(playerId) as { sessionId: string; sessionName: string; startMs: number; endMs: number; metricsJson: string }[];
  }
}
