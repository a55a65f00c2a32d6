import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import type { Period } from '../../../shared/domain/period.ts';

interface Row {
  id: string;
  session_id: string;
  name: string;
  start_ms: number;
  end_ms: number;
  player_ids_json: string | null;
  created_at: number;
  updated_at: number;
}

const toPeriod = (r: Row): Period => ({
  id: r.id,
  sessionId: r.session_id,
  name: r.name,
  startMs: r.start_ms,
  endMs: r.end_ms,
  playerIds: r.player_ids_json ? (JSON.parse(r.player_ids_json) as string[]) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class PeriodsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  forSession(sessionId: string): Period[] {
    return (this.db.prepare('SELECT * FROM periods WHERE session_id = ? ORDER BY start_ms, name').all(sessionId) as Row[]).map(toPeriod);
  }
  get(id: string): Period | null {
    const r = this.db.prepare('SELECT * FROM periods WHERE id = ?').get(id) as Row | undefined;
    return r ? toPeriod(r) : null;
  }
  create(p: { sessionId: string; name: string; startMs: number; endMs: number; playerIds: string[] | null }, now: number): Period {
    const row: Row = {
      id: randomUUID(),
      session_id: p.sessionId,
      name: p.name,
      start_ms: p.startMs,
      end_ms: p.endMs,
      player_ids_json: p.playerIds ? JSON.stringify(p.playerIds) : null,
      created_at: now,
      updated_at: now,
    };
    this.db
      .prepare(
        `INSERT INTO periods (id, session_id, name, start_ms, end_ms, player_ids_json, created_at, updated_at)
         VALUES (@id, @session_id, @name, @start_ms, @end_ms, @player_ids_json, @created_at, @updated_at)`,
      )
      .run(row);
    return toPeriod(row);
  }
  update(id: string, p: { name: string; startMs: number; endMs: number; playerIds: string[] | null }, now: number): Period | null {
    this.db
      .prepare('UPDATE periods SET name = ?, start_ms = ?, end_ms = ?, player_ids_json = ?, updated_at = ? WHERE id = ?')
      .run(p.name, p.startMs, p.endMs, p.playerIds ? JSON.stringify(p.playerIds) : null, now, id);
    return this.get(id);
  }
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM periods WHERE id = ?').run(id).changes > 0;
  }
}
