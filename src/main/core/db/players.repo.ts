import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import type { Player, PlayerDetails } from '../../../shared/domain/roster.ts';
import { RosterTombstones } from '../sync/roster-tombstones.ts';

interface Row {
  id: string;
  name: string;
  position: string;
  shirt_number: number | null;
  birth_date: string | null;
  squad: string;
  archived_at: number | null;
  created_at: number;
}
const toPlayer = (r: Row): Player => ({
  id: r.id,
  name: r.name,
  position: r.position,
  shirtNumber: r.shirt_number ?? null,
  birthDate: r.birth_date ?? null,
  squad: r.squad ?? '',
  archivedAt: r.archived_at ?? null,
  createdAt: r.created_at,
});

export type { PlayerDetails };

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
  /** Every player of that name (case-insensitive, surrounding spaces ignored), oldest first: two people can share a name. */
  allByName(name: string): Player[] {
    return (this.db.prepare('SELECT * FROM players WHERE trim(name) = trim(?) COLLATE NOCASE ORDER BY created_at, rowid').all(name) as Row[]).map(toPlayer);
  }
  findByName(name: string): Player | null {
    const r = this.db.prepare('SELECT * FROM players WHERE name = ? COLLATE NOCASE ORDER BY created_at LIMIT 1').get(name) as
      | Row
      | undefined;
    return r ? toPlayer(r) : null;
  }
  create(p: { name: string } & PlayerDetails, now: number): Player {
    const row: Row = {
      id: randomUUID(),
      name: p.name,
      position: p.position ?? '',
      shirt_number: p.shirtNumber ?? null,
      birth_date: p.birthDate ?? null,
      squad: p.squad ?? '',
      archived_at: null,
      created_at: now,
    };
    this.db
      .prepare(
        `INSERT INTO players (id, name, position, shirt_number, birth_date, squad, archived_at, created_at)
         VALUES (@id, @name, @position, @shirt_number, @birth_date, @squad, @archived_at, @created_at)`,
      )
      .run(row);
    return toPlayer(row);
  }
  update(id: string, patch: { name?: string } & PlayerDetails): Player | null {
    const cur = this.get(id);
    if (!cur) return null;
    const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Player;
    this.db
      .prepare('UPDATE players SET name = ?, position = ?, shirt_number = ?, birth_date = ?, squad = ? WHERE id = ?')
      .run(next.name, next.position, next.shirtNumber, next.birthDate, next.squad, id);
    return this.get(id);
  }
  /** A player who left (archivedAt = when) or came back (null). */
  setArchived(id: string, at: number | null): Player | null {
    this.db.prepare('UPDATE players SET archived_at = ? WHERE id = ?').run(at, id);
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
  /**
   * Deletes the player and records its tombstone in one transaction (docs/sync.md, "Roster
   * deletions"): the roster pull will not add it again, and the deletion goes to the server.
   */
  delete(id: string, now: number): boolean {
    return this.db
      .transaction(() => {
        const p = this.get(id);
        if (!p || this.db.prepare('DELETE FROM players WHERE id = ?').run(id).changes === 0) return false;
        new RosterTombstones(this.db).record({ kind: 'player', id, label: p.name, deviceId: null }, now);
        return true;
      })
      .immediate();
  }
}
