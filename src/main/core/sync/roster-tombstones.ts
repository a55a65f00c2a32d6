/**
 * Roster tombstones (migration 13, docs/sync.md "Roster deletions"): a player or a unit deleted on
 * this laptop. Written in the transaction that deletes the record; while it stands, the roster
 * pull does not add the record again (a unit: by its id, or by its device id as the merge matches
 * units). The deletion goes to the central server as a row of the sync outbox (session_id
 * `roster-deletion:<kind>:<id>`, queued in that same transaction when a server is set, else when
 * one is set); `synced_at` is set in the transaction that records the server's confirmation.
 *
 * Re-creation: a unit registered again with a tombstone's device id (the Roster page, a docked or
 * downloaded device, or a unit's device id edited to it) ends that tombstone's hold on the device
 * id (device_id = NULL): the device is on this laptop's roster again, under its new unit id. The
 * tombstone still holds the deleted unit id and still carries its deletion to the server: the old
 * record stays deleted everywhere, the new one reaches the server with its first session bundle.
 * Players get a new random id when added, so a player added again is a new record that no
 * tombstone blocks; the old id stays deleted on both sides.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { ROSTER_DELETION_FORMAT, type RosterDeletion } from '../../../shared/domain/roster-deletion.ts';
import { sha256Hex } from './bundle-builder.ts';

export type TombstoneKind = 'player' | 'unit';

export interface TombstoneRow {
  kind: TombstoneKind;
  id: string;
  label: string;
  device_id: string | null;
  deleted_at: number;
  synced_at: number | null;
}

/** Marks a sync_outbox row as a roster deletion (session ids are UUIDs, never so prefixed). */
export const ROSTER_DELETION_PREFIX = 'roster-deletion:';

/** The outbox's pseudo session id of a record's deletions (revision 1, 2, … per deletion of it); its prefix marks the row's kind. */
export const deletionKey = (kind: TombstoneKind, id: string): string => `${ROSTER_DELETION_PREFIX}${kind}:${id}`;

export class RosterTombstones {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Records a deletion (call inside the transaction that deletes the record). Should an id be
   * deleted a second time, its tombstone is renewed (a new deletion, not yet synced).
   */
  record(t: { kind: TombstoneKind; id: string; label: string; deviceId: string | null }, now: number): void {
    this.db
      .prepare(
        `INSERT INTO roster_tombstones (kind, id, label, device_id, deleted_at, synced_at) VALUES (?, ?, ?, ?, ?, NULL)
         ON CONFLICT (kind, id) DO UPDATE SET label = excluded.label, device_id = excluded.device_id, deleted_at = excluded.deleted_at, synced_at = NULL`,
      )
      .run(t.kind, t.id, t.label, t.deviceId, now);
    if (this.serverSet()) this.queue(this.get(t.kind, t.id)!, now);
  }

  get(kind: TombstoneKind, id: string): TombstoneRow | null {
    return (this.db.prepare('SELECT * FROM roster_tombstones WHERE kind = ? AND id = ?').get(kind, id) as TombstoneRow | undefined) ?? null;
  }

  all(): TombstoneRow[] {
    return this.db.prepare('SELECT * FROM roster_tombstones ORDER BY deleted_at, kind, id').all() as TombstoneRow[];
  }

  /**
   * A unit with this device id is on the roster again: the tombstones of deleted units with that
   * device id (case-insensitive, as device ids match here) no longer hold it. Returns how many.
   */
  releaseDevice(deviceId: string): number {
    return this.db.prepare("UPDATE roster_tombstones SET device_id = NULL WHERE kind = 'unit' AND device_id = ? COLLATE NOCASE").run(deviceId).changes;
  }

  /** Queues every tombstone not yet confirmed and not yet queued (a server was just set). Returns how many. */
  queueUnsent(now: number): number {
    if (!this.serverSet()) return 0;
    let n = 0;
    this.db
      .transaction(() => {
        for (const t of this.db.prepare('SELECT * FROM roster_tombstones WHERE synced_at IS NULL').all() as TombstoneRow[]) {
          if (this.queue(t, now)) n++;
        }
      })
      .immediate();
    return n;
  }

  /** The server confirmed the deletion `d` (the one still standing, not an older one of a record deleted again). */
  markSynced(d: Pick<RosterDeletion, 'kind' | 'id' | 'deleted_at_ms'>, now: number): void {
    this.db.prepare('UPDATE roster_tombstones SET synced_at = ? WHERE kind = ? AND id = ? AND deleted_at = ? AND synced_at IS NULL').run(now, d.kind, d.id, d.deleted_at_ms);
  }

  private serverSet(): boolean {
    return (this.db.prepare('SELECT server_url FROM sync_config WHERE id = 1').get() as { server_url: string | null } | undefined)?.server_url != null;
  }

  /** One outbox row per deletion (processed_at = deleted_at tells it is queued); its bytes frozen now. */
  private queue(t: TombstoneRow, now: number): boolean {
    const key = deletionKey(t.kind, t.id);
    const queued = this.db.prepare('SELECT 1 FROM sync_outbox WHERE session_id = ? AND processed_at = ?').get(key, t.deleted_at);
    if (queued) return false;
    const deletionId = randomUUID();
    const d: RosterDeletion = {
      format: ROSTER_DELETION_FORMAT,
      deletion_id: deletionId,
      kind: t.kind,
      id: t.id,
      label: t.label,
      // A unit's device id even when a re-registration released it (the label is the device id).
      device_id: t.kind === 'unit' ? (t.device_id ?? t.label) : null,
      deleted_at_ms: t.deleted_at,
    };
    const body = Buffer.from(JSON.stringify(d), 'utf8');
    const revision = ((this.db.prepare('SELECT MAX(revision) AS m FROM sync_outbox WHERE session_id = ?').get(key) as { m: number | null }).m ?? 0) + 1;
    this.db
      .prepare(
        `INSERT INTO sync_outbox (bundle_id, session_id, session_name, revision, processed_at, body, body_sha256, body_size, state, next_attempt_at, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(deletionId, key, `Deleted ${t.kind} ${t.label}`, revision, t.deleted_at, body, sha256Hex(body), body.length, now, now);
    return true;
  }
}
