/**
 * The sync outbox in SQLite (migration 011). A row is queued inside the transaction that
 * completes a session's run (see outbox.ts); the sender claims due rows with a lease (so two
 * processes on one data dir never send one row at once) and records each outcome. A lease names
 * its holder (pid + start time + host, migration 013): a row held by a process that is gone (kill
 * -9, a crash, its pid since given to another program) is taken over at once; otherwise it comes
 * back when its lease ends.
 */
import type { Db } from '../db/database.ts';
import type { SyncItemView } from '../../../shared/api/sync.contract.ts';
import { isHolderGone, thisProcess } from '../util/process-identity.ts';
import { RosterTombstones, ROSTER_DELETION_PREFIX } from './roster-tombstones.ts';
import type { RosterDeletion } from '../../../shared/domain/roster-deletion.ts';

export type OutboxState = SyncItemView['state'];

export interface OutboxRow {
  id: number;
  /** What the row carries (KIND_SQL): a session bundle, or a roster deletion (roster-tombstones.ts). */
  kind: SyncItemView['kind'];
  bundle_id: string;
  session_id: string;
  session_name: string;
  revision: number;
  processed_at: number | null;
  body: Buffer | null;
  body_sha256: string;
  body_size: number;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  lease_pid?: number | null;
  lease_start?: string | null;
  lease_host?: string | null;
  status_url: string | null;
  last_error: string | null;
  http_status: number | null;
  queued_at: number;
  first_attempt_at: number | null;
  done_at: number | null;
}

export interface SyncConfigRow {
  server_url: string | null;
  ca_file: string | null;
  auth_failed_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
}

export interface NewOutboxItem {
  bundleId: string;
  sessionId: string;
  sessionName: string;
  revision: number;
  processedAt: number | null;
  body: Buffer;
  bodySha256: string;
}

interface LeasedRow {
  id: number;
  next_attempt_at: number;
  lease_until: number | null;
  lease_pid: number | null;
  lease_start: string | null;
  lease_host: string | null;
}

/** A lease without a recorded pid (written before migration 13) is never taken as gone: it ends with its time. */
const holderOf = (r: LeasedRow) => (r.lease_pid === null ? { pid: 0, start: null, host: '\u0000unknown' } : { pid: r.lease_pid, start: r.lease_start, host: r.lease_host });

/**
 * A roster deletion's row has the pseudo session id `roster-deletion:<kind>:<record id>`
 * (roster-tombstones.ts; a session's id is a UUID, never so prefixed): its kind is read from it.
 */
const KIND_SQL = `CASE WHEN substr(session_id, 1, ${ROSTER_DELETION_PREFIX.length}) = '${ROSTER_DELETION_PREFIX}' THEN 'roster-deletion' ELSE 'session-bundle' END AS kind`;

export const toItemView = (r: OutboxRow): SyncItemView => ({
  kind: r.kind,
  bundleId: r.bundle_id,
  sessionId: r.session_id,
  sessionName: r.session_name,
  revision: r.revision,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.state === 'pending' || r.state === 'accepted' ? r.next_attempt_at : null,
  queuedAt: r.queued_at,
  doneAt: r.done_at,
  reason: r.last_error,
  httpStatus: r.http_status,
  sizeBytes: r.body_size,
});

export class OutboxRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  config(): SyncConfigRow {
    return this.db.prepare('SELECT server_url, ca_file, auth_failed_at, last_success_at, last_error, last_error_at FROM sync_config WHERE id = 1').get() as SyncConfigRow;
  }

  saveConfig(serverUrl: string | null, caFile: string | null): void {
    this.db.prepare('UPDATE sync_config SET server_url = ?, ca_file = ? WHERE id = 1').run(serverUrl, caFile);
  }

  setAuthFailed(at: number | null): void {
    this.db.prepare('UPDATE sync_config SET auth_failed_at = ? WHERE id = 1').run(at);
  }

  noteSuccess(at: number): void {
    this.db.prepare('UPDATE sync_config SET last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1').run(at);
  }

  noteError(message: string, at: number): void {
    this.db.prepare('UPDATE sync_config SET last_error = ?, last_error_at = ? WHERE id = 1').run(message, at);
  }

  /** The next revision number of a session's bundles (1 for the first). */
  nextRevision(sessionId: string): number {
    const r = this.db.prepare('SELECT MAX(revision) AS m FROM sync_outbox WHERE session_id = ?').get(sessionId) as { m: number | null };
    return (r.m ?? 0) + 1;
  }

  /** The latest processed_at queued for a session (null: none queued). */
  lastQueuedProcessedAt(sessionId: string): number | null {
    const r = this.db.prepare('SELECT MAX(processed_at) AS m FROM sync_outbox WHERE session_id = ?').get(sessionId) as { m: number | null };
    return r.m;
  }

  insert(item: NewOutboxItem, now: number): void {
    this.db
      .prepare(
        `INSERT INTO sync_outbox (bundle_id, session_id, session_name, revision, processed_at, body, body_sha256, body_size, state, next_attempt_at, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(item.bundleId, item.sessionId, item.sessionName, item.revision, item.processedAt, item.body, item.bodySha256, item.body.length, now, now);
  }

  get(bundleId: string): OutboxRow | null {
    return (this.db.prepare(`SELECT *, ${KIND_SQL} FROM sync_outbox WHERE bundle_id = ?`).get(bundleId) as OutboxRow | undefined) ?? null;
  }

  list(state?: OutboxState): OutboxRow[] {
    const cols = `id, ${KIND_SQL}, bundle_id, session_id, session_name, revision, processed_at, NULL AS body, body_sha256, body_size, state, attempts, next_attempt_at, lease_until, status_url, last_error, http_status, queued_at, first_attempt_at, done_at`;
    return (state
      ? this.db.prepare(`SELECT ${cols} FROM sync_outbox WHERE state = ? ORDER BY id DESC`).all(state)
      : this.db.prepare(`SELECT ${cols} FROM sync_outbox ORDER BY id DESC`).all()) as OutboxRow[];
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { pending: 0, accepted: 0, synced: 0, superseded: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM sync_outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  /** The earliest time a waiting row is due (null: none waits). A lease of a process that is gone does not delay it. */
  nextDue(now = Date.now()): number | null {
    const free = this.db
      .prepare("SELECT MIN(next_attempt_at) AS t FROM sync_outbox WHERE state IN ('pending', 'accepted') AND (lease_until IS NULL OR lease_until <= ?)")
      .get(now) as { t: number | null };
    let t = free.t;
    for (const r of this.leased(now)) {
      const due = isHolderGone(holderOf(r)) ? r.next_attempt_at : Math.max(r.next_attempt_at, r.lease_until!);
      t = t === null ? due : Math.min(t, due);
    }
    return t;
  }

  /** Waiting rows whose lease has not ended (a few: each sender holds at most its concurrency). */
  private leased(now: number): LeasedRow[] {
    return this.db
      .prepare("SELECT id, next_attempt_at, lease_until, lease_pid, lease_start, lease_host FROM sync_outbox WHERE state IN ('pending', 'accepted') AND lease_until > ?")
      .all(now) as LeasedRow[];
  }

  /**
   * Claims up to `limit` due rows for `leaseMs` (compare-and-set per row: another process that
   * claimed one first keeps it). Oldest first, and a session's older revision before its newer.
   * A row whose lease is held by a process that is gone is due as if it had no lease.
   */
  claimDue(now: number, limit: number, leaseMs: number): OutboxRow[] {
    const me = thisProcess();
    return this.transaction(() => {
      const orphaned = this.leased(now).filter((r) => r.next_attempt_at <= now && isHolderGone(holderOf(r))).map((r) => r.id);
      const rows = this.db
        .prepare(
          `SELECT *, ${KIND_SQL} FROM sync_outbox WHERE state IN ('pending', 'accepted') AND next_attempt_at <= ?
             AND (lease_until IS NULL OR lease_until <= ? OR id IN (SELECT value FROM json_each(?)))
           ORDER BY id LIMIT ?`,
        )
        .all(now, now, JSON.stringify(orphaned), limit) as OutboxRow[];
      const claim = this.db.prepare(
        `UPDATE sync_outbox SET lease_until = ?, lease_pid = ?, lease_start = ?, lease_host = ?
         WHERE id = ? AND (lease_until IS NULL OR lease_until <= ? OR (lease_pid IS ? AND lease_start IS ? AND lease_host IS ?))`,
      );
      return rows.filter((r) => claim.run(now + leaseMs, me.pid, me.start, me.host, r.id, now, r.lease_pid ?? null, r.lease_start ?? null, r.lease_host ?? null).changes === 1);
    });
  }

  /** Sent and stored by the server: waiting for it to be applied (the status URL tells). */
  markAccepted(id: number, statusUrl: string, now: number, nextAt: number): void {
    this.db
      .prepare("UPDATE sync_outbox SET state = 'accepted', status_url = ?, attempts = 0, next_attempt_at = ?, lease_until = NULL, lease_pid = NULL, lease_start = NULL, lease_host = NULL, last_error = NULL, http_status = 202, first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?")
      .run(statusUrl, nextAt, now, id);
  }

  /** A final state: the bytes are no longer needed (the report stays on disk; the server has it). */
  markDone(id: number, state: 'synced' | 'superseded' | 'failed', reason: string | null, httpStatus: number | null, now: number): void {
    this.db
      .prepare(
        `UPDATE sync_outbox SET state = ?, last_error = ?, http_status = ?, done_at = ?, lease_until = NULL, lease_pid = NULL, lease_start = NULL, lease_host = NULL,
           body = CASE WHEN ? = 'failed' THEN body ELSE NULL END, first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?`,
      )
      .run(state, reason, httpStatus, now, state, now, id);
  }

  /**
   * A server confirmed a row: synced; for a roster deletion, its tombstone's `synced_at` in the
   * same transaction (only if that deletion still stands: not an older one of an id deleted again).
   */
  markSynced(row: Pick<OutboxRow, 'id' | 'kind' | 'body'>, httpStatus: number, now: number): void {
    this.transaction(() => {
      if (row.kind === 'roster-deletion' && row.body) {
        const d = JSON.parse(row.body.toString('utf8')) as RosterDeletion;
        new RosterTombstones(this.db).markSynced(d, now);
      }
      this.markDone(row.id, 'synced', null, httpStatus, now);
    });
  }

  /** A failure that may pass: try again at `nextAt`. */
  markRetry(id: number, reason: string, httpStatus: number | null, now: number, nextAt: number, countAttempt = true): void {
    this.db
      .prepare(
        'UPDATE sync_outbox SET attempts = attempts + ?, next_attempt_at = ?, lease_until = NULL, lease_pid = NULL, lease_start = NULL, lease_host = NULL, last_error = ?, http_status = ?, first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?',
      )
      .run(countAttempt ? 1 : 0, nextAt, reason, httpStatus, now, id);
  }

  /** The server lost an accepted bundle: send the same bytes again. */
  backToPending(id: number, now: number): void {
    this.db.prepare("UPDATE sync_outbox SET state = 'pending', status_url = NULL, next_attempt_at = ?, lease_until = NULL, lease_pid = NULL, lease_start = NULL, lease_host = NULL WHERE id = ? AND body IS NOT NULL").run(now, id);
  }

  /** Gives the row back unchanged (the sender stopped before sending it). */
  release(id: number): void {
    this.db.prepare('UPDATE sync_outbox SET lease_until = NULL, lease_pid = NULL, lease_start = NULL, lease_host = NULL WHERE id = ?').run(id);
  }

  /** Every waiting row is due now ("Sync now", a new token). */
  dueNow(now: number): void {
    this.db.prepare("UPDATE sync_outbox SET next_attempt_at = ? WHERE state IN ('pending', 'accepted') AND next_attempt_at > ?").run(now, now);
  }

  retryFailed(bundleId: string, now: number): boolean {
    return (
      this.db
        .prepare("UPDATE sync_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, first_attempt_at = NULL, done_at = NULL, last_error = NULL, http_status = NULL WHERE bundle_id = ? AND state = 'failed' AND body IS NOT NULL")
        .run(now, bundleId).changes === 1
    );
  }

  discardFailed(bundleId: string): boolean {
    return this.db.prepare("DELETE FROM sync_outbox WHERE bundle_id = ? AND state = 'failed'").run(bundleId).changes === 1;
  }
}
