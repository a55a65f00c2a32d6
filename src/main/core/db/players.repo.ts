import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import type { Player } from '../../../shared/domain/roster.ts';

interface Row {
  id: string;
  name: string;
  position: string;
  created_at: number;
}
const toPlayer = (r: Row): Player => ({ id: r.id, name: r.name, position: r.position, createdAt: r.created_at });

export class PlayersRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  list(): Player[] {
    return (this.db.prepare('SELECT * FROM players ORDER BY name COLLATE NOCASE').all() as Row[]).map(toPlayer);
  }
  get(id: string): Player | null {
    const r = this.db.prepare('SELECT * FROM players WHERE id = ?').get(id) as Row | undefined;
    return r ? toPlayer(r) : null;
  }
  findByName(name: string): Player | null {
    const r = this.db.prepare('SELECT * FROM players WHERE name = ? COLLATE NOCASE ORDER BY created_at LIMIT 1').get(name) as
      | Row
      | undefined;
    return r ? toPlayer(r) : null;
  }
  create(p: { name: string; position: string }, now: number): Player {
    const row: Row = { id: randomUUID(), name: p.name, position: p.position, created_at: now };
    this.db.prepare('INSERT INTO players (id, name, position, created_at) VALUES (@id, @name, @position, @created_at)').run(row);
    return toPlayer(row);
  }
  update(id: string, patch: { name?: string; position?: string }): Player | null {
    const cur = this.get(id);
    if (!cur) return null;
    const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.db.prepare('UPDATE players SET name = ?, position = ? WHERE id = ?').run(next.name, next.position, id);
    return this.get(id);
  }
  /**
   * Number of sessions the player takes part in or has results in (a player with history cannot be
   * deleted: results outlive a player's removal from a session, and they reference the player).
   */
  sessionCount(id: string): number {
    return (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM (
             SELECT session_id FROM session_participants WHERE player_id = @id
             UNION SELECT session_id FROM player_results WHERE player_id = @id)`,
        )
        .get({ id }) as { n: number }
    ).n;
  }
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM players WHERE id = ?').run(id).changes > 0;
  }
}
