import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import type { RunnerId, RunOwner } from '../jobs/runner-identity.ts';
import type {
  DataFile,
  Participant,
  ParticipantUnit,
  ProcessingStatus,
  Session,
  SessionDeleteImpact,
  SessionError,
  SessionSummary,
  SessionType,
} from '../../../shared/domain/session.ts';
import type { FileReadOptions } from '../../../shared/domain/read-options.ts';
import type { StreamChoice } from '../../../shared/domain/stream-sources.ts';

interface Row {
  id: string;
  name: string;
  session_type: SessionType | '';
  start_ms: number;
  end_ms: number;
  processing_status: ProcessingStatus;
  report_path: string | null;
  report_generated_at: number | null;
  last_processed_at: number | null;
  error_json: string | null;
  created_at: number;
  updated_at: number;
}

const toSummary = (r: Row, participantCount: number): SessionSummary => ({
  id: r.id,
  name: r.name,
  type: r.session_type ?? '',
  startMs: r.start_ms,
  endMs: r.end_ms,
  processingStatus: r.processing_status,
  reportPath: r.report_path,
  lastProcessedAt: r.last_processed_at,
  error: r.error_json ? (JSON.parse(r.error_json) as SessionError) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  participantCount,
  stale: [],
});

export class SessionsRepo {
  private readonly db: Db;
  private readonly storedPath: (sha256: string) => string;
  constructor(db: Db, storedPath: (sha256: string) => string) {
    this.db = db;
    this.storedPath = storedPath;
  }

  list(): SessionSummary[] {
    const rows = this.db
      .prepare(
        `SELECT s.*, (SELECT COUNT(*) FROM session_participants p WHERE p.session_id = s.id) AS n
         FROM sessions s ORDER BY s.start_ms DESC`,
      )
      .all() as (Row & { n: number })[];
    return rows.map((r) => toSummary(r, r.n));
  }

  get(id: string): Session | null {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const participants = this.participants(id);
    const { participantCount: _n, stale: _s, ...rest } = toSummary(r, participants.length);
    return { ...rest, participants };
  }

  /** Name, status and error alone (no participants, no files): for checks that need nothing else. */
  state(id: string): { name: string; processingStatus: ProcessingStatus; error: SessionError | null } | null {
    const r = this.db.prepare('SELECT name, processing_status, error_json FROM sessions WHERE id = ?').get(id) as
      | Pick<Row, 'name' | 'processing_status' | 'error_json'>
      | undefined;
    return r ? { name: r.name, processingStatus: r.processing_status, error: r.error_json ? (JSON.parse(r.error_json) as SessionError) : null } : null;
  }

  reportGeneratedAt(id: string): number | null {
    const r = this.db.prepare('SELECT report_generated_at AS t FROM sessions WHERE id = ?').get(id) as { t: number | null } | undefined;
    return r?.t ?? null;
  }

  private participants(sessionId: string): Participant[] {
    const rows = this.db
      .prepare(
        `SELECT p.player_id, pl.name AS player_name, pl.position, p.unit_id, u.device_id, p.sources_json
         FROM session_participants p
         JOIN players pl ON pl.id = p.player_id
         JOIN units u ON u.id = p.unit_id
         WHERE p.session_id = ?
         ORDER BY pl.name COLLATE NOCASE, pl.created_at`,
      )
      .all(sessionId) as { player_id: string; player_name: string; position: string; unit_id: string; device_id: string; sources_json: string | null }[];
    const worn = this.db
      .prepare(
        `SELECT pu.player_id, pu.unit_id, u.device_id FROM participant_units pu JOIN units u ON u.id = pu.unit_id
         WHERE pu.session_id = ? ORDER BY pu.rowid`,
      )
      .all(sessionId) as { player_id: string; unit_id: string; device_id: string }[];
    const files = this.db
      .prepare(
        `SELECT unit_id, format, sha256, external_path, source_name, size, clock_offset_ms, read_options_json
         FROM session_files WHERE session_id = ? ORDER BY source_name`,
      )
      .all(sessionId) as {
      unit_id: string;
      format: string;
      sha256: string | null;
      external_path: string | null;
      source_name: string;
      size: number;
      clock_offset_ms: number;
      read_options_json: string | null;
    }[];
    const filesOf = (unitId: string, deviceId: string, main: boolean) =>
      files
        .filter((f) => f.unit_id === unitId)
        .map(
          (f): DataFile => ({
            format: f.format,
            path: f.sha256 ? this.storedPath(f.sha256) : f.external_path!,
            sourceName: f.source_name,
            size: f.size,
            sha256: f.sha256,
            clockOffsetMs: f.clock_offset_ms,
            options: f.read_options_json ? (JSON.parse(f.read_options_json) as FileReadOptions) : null,
            // A participant of one unit reads as it always did; with several, each file names its unit.
            ...(main ? {} : { deviceId }),
          }),
        );
    return rows.map((r) => {
      const extra = worn.filter((w) => w.player_id === r.player_id && w.unit_id !== r.unit_id);
      const several = extra.length > 0;
      const units: ParticipantUnit[] = [
        { unitId: r.unit_id, deviceId: r.device_id, files: filesOf(r.unit_id, r.device_id, !several) },
        ...extra.map((w) => ({ unitId: w.unit_id, deviceId: w.device_id, files: filesOf(w.unit_id, w.device_id, false) })),
      ];
      return {
        playerId: r.player_id,
        playerName: r.player_name,
        position: r.position,
        unitId: r.unit_id,
        deviceId: r.device_id,
        files: units.flatMap((u) => u.files),
        units,
        sources: r.sources_json ? (JSON.parse(r.sources_json) as StreamChoice) : {},
      };
    });
  }

  create(s: { name: string; startMs: number; endMs: number; type?: SessionType | '' }, now: number): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO sessions (id, name, session_type, start_ms, end_ms, processing_status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)`,
      )
      .run(id, s.name, s.type ?? '', s.startMs, s.endMs, now, now);
    return id;
  }

  update(id: string, patch: { name: string; startMs: number; endMs: number; type: SessionType | '' }, now: number): void {
    this.db
      .prepare('UPDATE sessions SET name = ?, session_type = ?, start_ms = ?, end_ms = ?, updated_at = ? WHERE id = ?')
      .run(patch.name, patch.type, patch.startMs, patch.endMs, now, id);
  }

  /** What deleting the session takes with it. */
  deleteImpact(id: string): SessionDeleteImpact | null {
    const r = this.db
      .prepare(
        `SELECT s.name, s.report_path,
           (SELECT COUNT(*) FROM session_participants WHERE session_id = s.id) AS participants,
           (SELECT COUNT(*) FROM session_files WHERE session_id = s.id) AS files,
           (SELECT COUNT(*) FROM player_results WHERE session_id = s.id) AS results,
           (SELECT COUNT(*) FROM periods WHERE session_id = s.id) AS periods
         FROM sessions s WHERE s.id = ?`,
      )
      .get(id) as { name: string; report_path: string | null; participants: number; files: number; results: number; periods: number } | undefined;
    if (!r) return null;
    return { name: r.name, participants: r.participants, files: r.files, results: r.results, periods: r.periods, hasReport: r.report_path !== null };
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  /**
   * The participants and their main units. A player who stays keeps the other units they wear
   * (unless one is now someone's main unit) and their choice of sources.
   */
  setParticipants(id: string, participants: { playerId: string; unitId: string }[], now: number): void {
    this.db.transaction(() => {
      const before = this.db
        .prepare(
          `SELECT pu.player_id, pu.unit_id, sp.sources_json FROM participant_units pu
           JOIN session_participants sp ON sp.session_id = pu.session_id AND sp.player_id = pu.player_id
           WHERE pu.session_id = ? AND pu.unit_id <> sp.unit_id ORDER BY pu.rowid`,
        )
        .all(id) as { player_id: string; unit_id: string; sources_json: string | null }[];
      const sources = this.db.prepare('SELECT player_id, sources_json FROM session_participants WHERE session_id = ?').all(id) as {
        player_id: string;
        sources_json: string | null;
      }[];
      this.db.prepare('DELETE FROM session_participants WHERE session_id = ?').run(id);
      const ins = this.db.prepare('INSERT INTO session_participants (session_id, player_id, unit_id, sources_json) VALUES (?, ?, ?, ?)');
      for (const p of participants) ins.run(id, p.playerId, p.unitId, sources.find((x) => x.player_id === p.playerId)?.sources_json ?? null);
      const mains = new Set(participants.map((p) => p.unitId));
      const staying = new Set(participants.map((p) => p.playerId));
      const extra = this.db.prepare('INSERT OR IGNORE INTO participant_units (session_id, player_id, unit_id) VALUES (?, ?, ?)');
      for (const b of before) if (staying.has(b.player_id) && !mains.has(b.unit_id)) extra.run(id, b.player_id, b.unit_id);
      this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(now, id);
    })();
  }

  /** The player wears the unit in the session; an earlier row of this player or of this unit is replaced. */
  upsertParticipant(id: string, playerId: string, unitId: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO session_participants (session_id, player_id, unit_id) VALUES (?, ?, ?)')
      .run(id, playerId, unitId);
  }

  removeParticipant(sessionId: string, playerId: string): void {
    this.db.prepare('DELETE FROM session_participants WHERE session_id = ? AND player_id = ?').run(sessionId, playerId);
  }

  /** The player who wears the unit in the session (as their main unit or another), if any. */
  participantByUnit(sessionId: string, unitId: string): string | null {
    const r = this.db
      .prepare('SELECT player_id FROM participant_units WHERE session_id = ? AND unit_id = ?')
      .get(sessionId, unitId) as { player_id: string } | undefined;
    return r?.player_id ?? null;
  }

  /** Every unit the player wears in the session, the main one first. */
  unitsOfPlayer(sessionId: string, playerId: string): string[] {
    const main = this.unitOfPlayer(sessionId, playerId);
    if (!main) return [];
    const rows = this.db
      .prepare('SELECT unit_id FROM participant_units WHERE session_id = ? AND player_id = ? AND unit_id <> ? ORDER BY rowid')
      .all(sessionId, playerId, main) as { unit_id: string }[];
    return [main, ...rows.map((r) => r.unit_id)];
  }

  /**
   * The player, already a participant, also wears this unit (a watch or an HR strap beside their
   * pod). Whoever wore the unit in the session gives it up; if it was their main unit, their next
   * unit becomes the main one, and with none left they are no longer a participant.
   */
  addParticipantUnit(sessionId: string, playerId: string, unitId: string): void {
    this.db.transaction(() => {
      const wearer = this.participantByUnit(sessionId, unitId);
      if (wearer === playerId) return;
      if (wearer) this.removeParticipantUnit(sessionId, wearer, unitId);
      this.db.prepare('INSERT INTO participant_units (session_id, player_id, unit_id) VALUES (?, ?, ?)').run(sessionId, playerId, unitId);
    })();
  }

  /**
   * The player no longer wears this unit in the session; their choice of sources forgets it. If it
   * was their main unit, their next unit becomes the main one; with none left they are no longer
   * a participant.
   */
  removeParticipantUnit(sessionId: string, playerId: string, unitId: string): void {
    this.db.transaction(() => {
      const all = this.unitsOfPlayer(sessionId, playerId);
      if (!all.includes(unitId)) return;
      const rest = all.filter((u) => u !== unitId);
      if (rest.length === 0) {
        this.removeParticipant(sessionId, playerId);
        return;
      }
      this.db.prepare('DELETE FROM participant_units WHERE session_id = ? AND unit_id = ?').run(sessionId, unitId);
      if (all[0] === unitId) {
        this.db.prepare('UPDATE session_participants SET unit_id = ? WHERE session_id = ? AND player_id = ?').run(rest[0], sessionId, playerId);
      }
      const choice = this.sourcesOf(sessionId, playerId);
      const kept = Object.fromEntries(Object.entries(choice).filter(([, u]) => u !== unitId)) as StreamChoice;
      this.setSources(sessionId, playerId, kept);
    })();
  }

  /** Which unit each kind of stream is taken from for the participant (a kind absent = automatic). */
  sourcesOf(sessionId: string, playerId: string): StreamChoice {
    const r = this.db
      .prepare('SELECT sources_json FROM session_participants WHERE session_id = ? AND player_id = ?')
      .get(sessionId, playerId) as { sources_json: string | null } | undefined;
    return r?.sources_json ? (JSON.parse(r.sources_json) as StreamChoice) : {};
  }

  setSources(sessionId: string, playerId: string, choice: StreamChoice): void {
    const set = Object.entries(choice).filter(([, u]) => typeof u === 'string' && u !== '');
    this.db
      .prepare('UPDATE session_participants SET sources_json = ? WHERE session_id = ? AND player_id = ?')
      .run(set.length > 0 ? JSON.stringify(Object.fromEntries(set)) : null, sessionId, playerId);
  }

  unitOfPlayer(sessionId: string, playerId: string): string | null {
    const r = this.db
      .prepare('SELECT unit_id FROM session_participants WHERE session_id = ? AND player_id = ?')
      .get(sessionId, playerId) as { unit_id: string } | undefined;
    return r?.unit_id ?? null;
  }

  /**
   * Links a file to a session for a unit. `clockOffsetMs` (unit clock − laptop clock, default 0)
   * is subtracted from the file's times when it is processed.
   */
  attachFile(
    sessionId: string,
    f: { unitId: string; format: string; size: number; sourceName: string; clockOffsetMs?: number; options?: FileReadOptions | null } & (
      | { sha256: string; externalPath?: undefined }
      | { sha256?: undefined; externalPath: string }
    ),
    now: number,
  ): void {
    this.db.transaction(() => {
      if (f.sha256) {
        this.db
          .prepare('INSERT OR IGNORE INTO raw_files (sha256, size, stored_at) VALUES (?, ?, ?)')
          .run(f.sha256, f.size, now);
      }
      this.db
        .prepare(
          `INSERT OR REPLACE INTO session_files
           (session_id, unit_id, source_name, format, sha256, external_path, size, imported_at, clock_offset_ms, read_options_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          sessionId,
          f.unitId,
          f.sourceName,
          f.format,
          f.sha256 ?? null,
          f.externalPath ?? null,
          f.size,
          now,
          f.clockOffsetMs ?? 0,
          f.options && Object.keys(f.options).length > 0 ? JSON.stringify(f.options) : null,
        );
      this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(now, sessionId);
    })();
  }

  /** The session's link to identical bytes, if any (a re-import of them is a no-op). */
  fileBySha(sessionId: string, sha256: string): { unitId: string; deviceId: string; sourceName: string } | null {
    const r = this.db
      .prepare(
        `SELECT f.unit_id, u.device_id, f.source_name FROM session_files f JOIN units u ON u.id = f.unit_id
         WHERE f.session_id = ? AND f.sha256 = ? ORDER BY f.imported_at LIMIT 1`,
      )
      .get(sessionId, sha256) as { unit_id: string; device_id: string; source_name: string } | undefined;
    return r ? { unitId: r.unit_id, deviceId: r.device_id, sourceName: r.source_name } : null;
  }

  /** The content hash now linked under this unit and source name, if any. */
  linkedSha(sessionId: string, unitId: string, sourceName: string): string | null | undefined {
    const r = this.db
      .prepare('SELECT sha256 FROM session_files WHERE session_id = ? AND unit_id = ? AND source_name = ?')
      .get(sessionId, unitId, sourceName) as { sha256: string | null } | undefined;
    return r ? r.sha256 : undefined;
  }

  /** How many files of a unit are linked to a session (whether or not the unit has a player there). */
  fileCount(sessionId: string, unitId: string): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM session_files WHERE session_id = ? AND unit_id = ?').get(sessionId, unitId) as { n: number }
    ).n;
  }

  /**
   * Compare-and-set on the status: moves the session to `to` only if it is in one of `from`, and
   * returns whether it did. The database, not the JavaScript event loop, decides, so two callers
   * (or two processes sharing the file) can never both win.
   */
  transition(id: string, from: readonly ProcessingStatus[], to: ProcessingStatus, now: number, extra: Partial<{
    error: SessionError | null;
    reportPath: string;
    reportGeneratedAt: number;
    lastProcessedAt: number;
    /** The process that owns the run from now on (set when claiming), or null (when it ends). */
    runner: RunnerId | null;
  }> = {}): boolean {
    const sets = ['processing_status = @to', 'updated_at = @now'];
    if (extra.runner !== undefined) sets.push('runner_pid = @runnerPid', 'runner_host = @runnerHost', 'runner_seen_at = @runnerSeenAt');
    if (extra.error !== undefined) sets.push('error_json = @error');
    if (extra.reportPath !== undefined) sets.push('report_path = @reportPath');
    if (extra.reportGeneratedAt !== undefined) sets.push('report_generated_at = @reportGeneratedAt');
    if (extra.lastProcessedAt !== undefined) sets.push('last_processed_at = @lastProcessedAt');
    return (
      this.db
        .prepare(
          `UPDATE sessions SET ${sets.join(', ')} WHERE id = @id AND processing_status IN (${from.map((_, i) => `@from${i}`).join(', ')})`,
        )
        .run({
          id,
          ...Object.fromEntries(from.map((f, i) => [`from${i}`, f])),
          to,
          now,
          error: extra.error === undefined ? undefined : extra.error === null ? null : JSON.stringify(extra.error),
          reportPath: extra.reportPath,
          reportGeneratedAt: extra.reportGeneratedAt,
          lastProcessedAt: extra.lastProcessedAt,
          runnerPid: extra.runner ? extra.runner.pid : null,
          runnerHost: extra.runner ? extra.runner.host : null,
          runnerSeenAt: extra.runner ? now : null,
        }).changes === 1
    );
  }

  /** The owner of a running job says it is still at it. */
  heartbeat(id: string, runner: RunnerId, now: number): void {
    this.db
      .prepare(
        `UPDATE sessions SET runner_seen_at = ?
         WHERE id = ? AND runner_pid = ? AND runner_host = ? AND processing_status IN ('QUEUED', 'PROCESSING')`,
      )
      .run(now, id, runner.pid, runner.host);
  }

  /**
   * Sessions left QUEUED or PROCESSING by a process that is gone (it crashed or was closed
   * mid-run) become FAILED ('interrupted'); runs whose owner `isLive` says is still at it are left
   * alone. One write transaction, so the ids returned are exactly the sessions it changed.
   */
  failInterrupted(error: SessionError, now: number, isLive: (owner: RunOwner) => boolean): string[] {
    return this.db
      .transaction(() => {
        const active = this.db
          .prepare(
            `SELECT id, runner_pid AS pid, runner_host AS host, runner_seen_at AS seenAt
             FROM sessions WHERE processing_status IN ('QUEUED', 'PROCESSING')`,
          )
          .all() as ({ id: string } & RunOwner)[];
        const fail = this.db.prepare(
          `UPDATE sessions SET processing_status = 'FAILED', error_json = ?, updated_at = ?,
             runner_pid = NULL, runner_host = NULL, runner_seen_at = NULL
           WHERE id = ? AND processing_status IN ('QUEUED', 'PROCESSING')`,
        );
        return active.filter((s) => !isLive(s) && fail.run(JSON.stringify(error), now, s.id).changes === 1).map((s) => s.id);
      })
      .immediate();
  }
}
