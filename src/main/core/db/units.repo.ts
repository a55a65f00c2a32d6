import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import type { Unit } from '../../../shared/domain/roster.ts';
import { RosterTombstones } from '../sync/roster-tombstones.ts';

interface Row {
  id: string;
  device_id: string;
  label: string;
  default_player_id: string | null;
  created_at: number;
}
const toUnit = (r: Row): Unit => ({
  id: r.id,
  deviceId: r.device_id,
  label: r.label,
  defaultPlayerId: r.default_player_id,
  createdAt: r.created_at,
});

export class UnitsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  list(): Unit[] {
    return (this.db.prepare('SELECT * FROM units ORDER BY device_id').all() as Row[]).map(toUnit);
  }
  get(id: string): Unit | null {
    const r = this.db.prepare('SELECT * FROM units WHERE id = ?').get(id) as Row | undefined;
    return r ? toUnit(r) : null;
  }
  findByDeviceId(deviceId: string): Unit | null {
    const r = this.db.prepare('SELECT * FROM units WHERE device_id = ?').get(deviceId) as Row | undefined;
    return r ? toUnit(r) : null;
  }
  create(u: { deviceId: string; label: string; defaultPlayerId: string | null }, now: number): Unit {
    const row: Row = {
      id: randomUUID(),
      device_id: u.deviceId,
      label: u.label,
      default_player_id: u.defaultPlayerId,
      created_at: now,
    };
    // A device registered again: a deleted unit's tombstone no longer holds its device id (roster-tombstones.ts).
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO units (id, device_id, label, default_player_id, created_at) VALUES (@id, @device_id, @label, @default_player_id, @created_at)',
        )
        .run(row);
      new RosterTombstones(this.db).releaseDevice(row.device_id);
    })();
    return toUnit(row);
  }
  update(id: string, patch: { deviceId?: string; label?: string; defaultPlayerId?: string | null }): Unit | null {
    const cur = this.get(id);
    if (!cur) return null;
    const deviceId = patch.deviceId ?? cur.deviceId;
    const label = patch.label ?? cur.label;
    const def = patch.defaultPlayerId === undefined ? cur.defaultPlayerId : patch.defaultPlayerId;
    this.db.transaction(() => {
      this.db.prepare('UPDATE units SET device_id = ?, label = ?, default_player_id = ? WHERE id = ?').run(deviceId, label, def, id);
      if (deviceId.toLowerCase() !== cur.deviceId.toLowerCase()) new RosterTombstones(this.db).releaseDevice(deviceId);
    })();
    return this.get(id);
  }
  /**
   * Number of sessions the unit was used in: worn by a participant, or holding files or results
   * there (all of which reference the unit, so a unit with history cannot be deleted).
   */
  sessionCount(id: string): number {
    return (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM (
             SELECT session_id FROM session_participants WHERE unit_id = @id
             UNION SELECT session_id FROM participant_units WHERE unit_id = @id
             UNION SELECT session_id FROM session_files WHERE unit_id = @id
             UNION SELECT session_id FROM player_results WHERE unit_id = @id)`,
        )
        .get({ id }) as { n: number }
    ).n;
  }
  /**
   * Deletes the unit and records its tombstone (kind, id, device id) in one transaction
   * (docs/sync.md, "Roster deletions"): the roster pull will not add it again, by its id or its
   * device id, and the deletion goes to the server.
   */
  delete(id: string, now: number): boolean {
    return this.db
      .transaction(() => {
        const u = this.get(id);
        if (!u || this.db.prepare('DELETE FROM units WHERE id = ?').run(id).changes === 0) return false;
        new RosterTombstones(this.db).record({ kind: 'unit', id, label: u.deviceId, deviceId: u.deviceId }, now);
        return true;
      })
      .immediate();
  }
}
