/**
 * Runs "Process Report" for a session: validate, claim (atomically), fan out one pool task per
 * participant, store each player's result as it arrives, then write the report and complete, or
 * fail naming the unit. Progress and status changes are pushed as events, never polled.
 */
import { storageFailure } from '../util/storage-error.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { JobStatus, ParticipantProgress } from '../../../shared/api/jobs.contract.ts';
import { participantUnits, type DataFile, type Participant, type Session, type SessionError } from '../../../shared/domain/session.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import type { ResultsRepo } from '../db/results.repo.ts';
import type { EventBus } from '../events.ts';
import type { TaskRunner } from './task-pool.ts';
import type { PlayerTaskInput, PlayerTaskResult } from './player-task.ts';
import type { Rehearsal } from './rehearsal.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import { settingsKey } from '../../../shared/domain/settings.ts';
import { dataKey } from '../../../shared/domain/staleness.ts';
import { STREAM_KINDS, type ResultSources } from '../../../shared/domain/stream-sources.ts';
import type { DeviceChoice } from './combine-units.ts';
import { currentChoice } from '../sessions/participant-sources.ts';
import { periodsFor, type PeriodDef } from '../processing/periods.ts';
import { sourcesOf } from './state-machine.ts';
import { HEARTBEAT_MS, type RunnerId } from './runner-identity.ts';
import { TRACE_ON, trace, traceNow } from '../util/trace.ts';
import { mustGetSessionState } from '../sessions/session-guards.ts';

export interface JobRunnerDeps {
  /** This process, recorded as the owner of the runs it starts. */
  runner: RunnerId;
  sessions: SessionsRepo;
  results: ResultsRepo;
  events: EventBus;
  pool: TaskRunner;
  clock: () => number;
  /** The team settings in force when a run starts (the whole run uses them). */
  settings: () => EngineSettings;
  /** The session's periods when a run starts. */
  periods: (sessionId: string) => PeriodDef[];
  algorithmVersion: string;
  /** The decoded cache's folder the tasks read and fill (null: none). */
  decodedCacheRoot?: string | null;
  /** Builds and writes the report from the stored results; returns its path. */
  writeReport: (session: Session) => Promise<{ path: string; generatedAt: number }>;
  /**
   * A run is about to complete (sync, src/main/core/sync): prepare what must be written with it;
   * the function returned runs inside the completing transaction. null: nothing to write.
   */
  onCompleting?: (session: Session, reportPath: string) => (() => void) | null;
  /** Runs fn in one database transaction (the completing transition and onCompleting's write). */
  transaction?: <T>(fn: () => T) => T;
  /** A run completed (after its transaction committed): e.g. wake the sync sender. */
  afterCompleted?: (sessionId: string) => void;
  /** The data folder, named when a run fails because its disk refused a write (util/storage-error.ts). */
  dataDir?: string | null;
}

export class JobRunner {
  private readonly deps: JobRunnerDeps;
  private readonly progress = new Map<string, Map<string, ParticipantProgress>>();
  private readonly running = new Map<string, Promise<void>>();
  /** False once the app is closing: no run starts, and a task the closing pool drops is "interrupted", not a unit's failure. */
  private accepting = true;

  constructor(deps: JobRunnerDeps) {
    this.deps = deps;
  }

  /** The app is closing: refuse new runs from now on; runs already going finish (see idle()). */
  stopAccepting(): void {
    this.accepting = false;
  }

  /** Problems that keep a session from being processed; empty when it can run. */
  validate(session: Session): string[] {
    const problems: string[] = [];
    if (!(session.endMs > session.startMs)) problems.push('the session window is not valid: it must end after it starts');
    if (session.participants.length === 0) problems.push('the session has no participants: add players and their units');
    // Every participant wears a unit (the schema requires one); it must have data.
    for (const p of session.participants) {
      if (p.files.length === 0) problems.push(`${p.playerName} (${p.deviceId}) has no data: import or download the unit's files first`);
    }
    return problems;
  }

  /**
   * Validate, then claim the session for processing. Two concurrent starts: the database's
   * compare-and-set lets exactly one through; the other gets CONFLICT.
   */
  start(session: Session): JobStatus {
    if (!this.accepting) throw new AppError('INVALID_STATE', `"${session.name}" was not started: the app is closing`);
    const problems = this.validate(session);
    if (problems.length > 0) {
      throw new AppError('INVALID_STATE', `"${session.name}" cannot be processed yet: ${problems.join('; ')}`, { problems });
    }
    const { sessions, clock, events } = this.deps;
    if (!sessions.transition(session.id, sourcesOf('QUEUED'), 'QUEUED', clock(), { error: null, runner: this.deps.runner })) {
      const now = sessions.state(session.id);
      throw new AppError(
        'CONFLICT',
        `"${session.name}" is already ${now ? now.processingStatus.toLowerCase() : 'being processed'}; it cannot be started twice`,
      );
    }
    const table = new Map<string, ParticipantProgress>();
    for (const p of session.participants) {
      table.set(p.playerId, { playerId: p.playerId, deviceId: p.deviceId, stage: 'waiting', fraction: 0 });
    }
    this.progress.set(session.id, table);
    events.emit('sessions:changed', { sessionId: session.id, status: 'QUEUED', error: null });
    // Tell other processes sharing the database that this run is alive (see runner-identity.ts).
    const beat = setInterval(() => {
      try {
        sessions.heartbeat(session.id, this.deps.runner, clock());
      } catch {
        // the store is closing; the run ends with it
      }
    }, HEARTBEAT_MS);
    beat.unref();
    const run = this.run(session)
      .catch((err: unknown) => {
        try {
          // The report is written in the worker pool: only the message crosses back.
          const disk = storageFailure(err, this.deps.dataDir ?? null, { fromMessage: true });
          if (disk) this.failSession(session.id, 'STORAGE', disk.message);
          else this.failSession(session.id, 'INTERNAL', err instanceof Error ? err.message : String(err));
        } catch (again) {
          // The store itself is gone (shutting down): the next start-up marks the run interrupted.
          console.error(`[jobs] could not record the failure of session ${session.id}:`, again);
        }
      })
      .finally(() => {
        clearInterval(beat);
        this.running.delete(session.id);
      });
    this.running.set(session.id, run);
    // As claimed (the run may already have moved it on to PROCESSING), with the error just cleared.
    return { sessionId: session.id, status: 'QUEUED', participants: [...table.values()], error: null };
  }

  status(sessionId: string): JobStatus {
    const s = mustGetSessionState(this.deps.sessions, sessionId);
    const table = this.progress.get(sessionId);
    return {
      sessionId,
      status: s.processingStatus,
      participants: table ? [...table.values()] : [],
      error: s.error,
    };
  }

  /** Whether any session is being processed (queued or running). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /**
   * A rehearsal of Process Report for the session (jobs/rehearsal.ts): the pool tasks a run would
   * make for its `count` largest units (most bytes of files, largest first; units of the same size
   * in the session's order) with no file `skip` names, with the settings and periods in force now,
   * and what the report needs; null when there is no such unit. Nothing is stored from it.
   */
  rehearsal(sessionId: string, count: number, skip: (f: DataFile) => boolean = () => false): Rehearsal | null {
    const session = this.deps.sessions.get(sessionId);
    if (!session) return null;
    const bytes = (p: Participant) => p.files.reduce((a, f) => a + f.size, 0);
    const units = session.participants.filter((x) => x.files.length > 0 && !x.files.some(skip));
    const largest = units
      .map((p, i) => ({ p, i, b: bytes(p) }))
      .sort((a, b) => b.b - a.b || a.i - b.i)
      .slice(0, count);
    if (largest.length === 0) return null;
    const settings = this.deps.settings();
    const periods = this.deps.periods(sessionId);
    return {
      units: largest.map(({ p }) => ({ task: this.taskInput(session, p, settings, periods), playerName: p.playerName, position: p.position })),
      report: { window: { startMs: session.startMs, endMs: session.endMs }, periods, settings },
    };
  }

  /** A participant's pool task, as a run builds it. */
  private taskInput(session: Session, p: Participant, settings: EngineSettings, periods: PeriodDef[]): PlayerTaskInput {
    return {
      sessionId: session.id,
      playerId: p.playerId,
      deviceId: p.deviceId,
      files: p.files,
      window: { startMs: session.startMs, endMs: session.endMs },
      periods: periodsFor(p.playerId, periods),
      settings,
      decodedCacheRoot: this.deps.decodedCacheRoot ?? null,
      ...(participantUnits(p).length > 1 ? { sources: deviceChoice(p) } : {}),
    };
  }

  /** Resolves when the session's current run (if any) has finished. */
  async whenIdle(sessionId: string): Promise<void> {
    await this.running.get(sessionId);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  private async run(session: Session): Promise<void> {
    const { sessions, results, events, pool, clock } = this.deps;
    const settings = this.deps.settings();
    const key = settingsKey(settings);
    const periods = this.deps.periods(session.id);
    if (!sessions.transition(session.id, ['QUEUED'], 'PROCESSING', clock())) return;
    trace('jobs:dispatch');
    events.emit('sessions:changed', { sessionId: session.id, status: 'PROCESSING', error: null });

    const outcomes = await Promise.all(
      session.participants.map(async (p): Promise<{ p: Participant; r: PlayerTaskResult }> => {
        const input = this.taskInput(session, p, settings, periods);
        let r = await pool
          .run(input, (stage, fraction) => this.setProgress(session.id, { playerId: p.playerId, deviceId: p.deviceId, stage, fraction }))
          .catch((err: unknown): PlayerTaskResult => {
            const why = err instanceof Error ? err.message : String(err);
            // The pool closing under the task (the app quitting) is no fault of the unit.
            if (!this.accepting) return failed(p, INTERRUPTED, `processing stopped because the app closed (${why})`);
            // A worker that dies (out of memory, a crash) fails this unit, not the run: the failure
            // names the unit, and the run still waits for the others and keeps their results.
            return failed(p, 'WORKER_FAILED', `the worker thread processing this unit failed: ${why}`);
          });
        if (r.ok) {
          const s0 = TRACE_ON ? traceNow() : 0;
          // Stored at once: a later failure of another unit never loses this player's result. A
          // store that refuses it (locked by another process past the timeout, disk full) fails
          // this unit, naming why; the run still waits for every other task before it ends, so it
          // never ends (and can never be started again) while a task of it is still going.
          try {
            results.save({
              sessionId: session.id,
              playerId: p.playerId,
              unitId: p.unitId,
              metrics: r.metrics,
              moments: r.moments,
              problems: r.problems,
              algorithmVersion: r.algorithmVersion,
              settings,
              settingsKey: key,
              computedAt: clock(),
              window: { startMs: session.startMs, endMs: session.endMs },
              dataKey: dataKey(p.files),
              periods: r.periods,
              quality: r.quality,
              warnings: r.warnings,
              seriesPacked: r.seriesPacked,
              efforts: r.efforts,
              sources: resultSources(p, r.sources),
            });
            this.setProgress(session.id, { playerId: p.playerId, deviceId: p.deviceId, stage: 'done', fraction: 1 });
            if (TRACE_ON) trace('result:saved', { unit: p.deviceId, ms: traceNow() - s0 });
          } catch (err) {
            const disk = storageFailure(err, this.deps.dataDir ?? null);
            r = disk
              ? failed(p, 'STORAGE', `the result was computed but could not be stored. ${disk.message}`)
              : failed(p, 'RESULT_NOT_STORED', `the result was computed but could not be stored: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        if (!r.ok) {
          this.setProgress(session.id, {
            playerId: p.playerId,
            deviceId: p.deviceId,
            stage: 'failed',
            fraction: 1,
            message: r.error.message,
          });
        }
        return { p, r };
      }),
    );

    const failures = outcomes.filter((o) => !o.r.ok);
    if (failures.some((o) => !o.r.ok && o.r.error.code === INTERRUPTED)) {
      // As a crash would be recorded at the next start-up: the results stored so far are kept.
      this.failSession(session.id, INTERRUPTED, 'processing was interrupted (the app closed while it ran); click Process Report to run it again');
      return;
    }
    if (failures.length > 0) {
      const [first, ...rest] = failures;
      const e = (first.r as Extract<PlayerTaskResult, { ok: false }>).error;
      const error: SessionError = {
        scope: 'unit',
        deviceId: first.p.deviceId,
        playerName: first.p.playerName,
        code: e.code,
        message: e.message,
        file: e.file,
        line: e.line,
        offset: e.offset,
        at: clock(),
        ...(rest.length > 0
          ? {
              more: rest.map((o) => ({
                deviceId: o.p.deviceId,
                playerName: o.p.playerName,
                message: (o.r as Extract<PlayerTaskResult, { ok: false }>).error.message,
              })),
            }
          : {}),
      };
      this.finish(session.id, 'FAILED', { error });
      return;
    }
    const fresh = sessions.get(session.id)!;
    trace('report:start');
    const report = await this.deps.writeReport(fresh);
    trace('report:written');
    const processedAt = clock();
    // The sync outbox row is built now (reading the report) and written in the transaction that
    // completes the run: a session is never COMPLETED without its bundle queued, nor the reverse.
    let queueSync: (() => void) | null = null;
    try {
      queueSync = this.deps.onCompleting?.({ ...fresh, reportPath: report.path, lastProcessedAt: processedAt }, report.path) ?? null;
    } catch (err) {
      // Sync must never fail a run: the sync status says why nothing was queued.
      console.error(`[jobs] the sync bundle of session ${session.id} could not be built:`, err);
    }
    this.finish(session.id, 'COMPLETED', {
      error: null,
      reportPath: report.path,
      reportGeneratedAt: report.generatedAt,
      lastProcessedAt: processedAt,
    }, queueSync);
  }

  private finish(
    sessionId: string,
    to: 'COMPLETED' | 'FAILED',
    extra: { error: SessionError | null; reportPath?: string; reportGeneratedAt?: number; lastProcessedAt?: number },
    alsoInTransaction: (() => void) | null = null,
  ): void {
    const { sessions, events, clock } = this.deps;
    const inTransaction = this.deps.transaction ?? (<T>(fn: () => T): T => fn());
    const done = inTransaction(() => {
      const moved = sessions.transition(sessionId, ['PROCESSING'], to, clock(), { ...extra, runner: null });
      if (moved) alsoInTransaction?.();
      return moved;
    });
    if (done) {
      events.emit('sessions:changed', { sessionId, status: to, error: extra.error });
      if (to === 'COMPLETED') this.deps.afterCompleted?.(sessionId);
    }
  }

  private failSession(sessionId: string, code: string, message: string): void {
    const { sessions, events, clock } = this.deps;
    const error: SessionError = { scope: 'session', deviceId: null, playerName: null, code, message, at: clock() };
    if (sessions.transition(sessionId, ['QUEUED', 'PROCESSING'], 'FAILED', clock(), { error, runner: null })) {
      events.emit('sessions:changed', { sessionId, status: 'FAILED', error });
    }
  }

  private setProgress(sessionId: string, p: ParticipantProgress): void {
    const table = this.progress.get(sessionId);
    if (table) table.set(p.playerId, p);
    this.deps.events.emit('jobs:progress', { sessionId, ...p });
  }
}

const INTERRUPTED = 'INTERRUPTED';

/** The participant's choice of units by device id, for the worker (a unit no longer worn is left out). */
function deviceChoice(p: Participant): DeviceChoice {
  const out: DeviceChoice = {};
  const choice = currentChoice(p);
  for (const k of STREAM_KINDS) {
    const u = participantUnits(p).find((x) => x.unitId === choice[k]);
    if (u) out[k] = u.deviceId;
  }
  return out;
}

/** What a result records of its sources: the choice in force, and each kind's unit by roster id. */
function resultSources(p: Participant, used: Extract<PlayerTaskResult, { ok: true }>['sources']): ResultSources {
  const out: ResultSources['used'] = {};
  for (const k of STREAM_KINDS) {
    const s = used[k];
    if (s) out[k] = { ...s, unitId: participantUnits(p).find((u) => u.deviceId.toLowerCase() === s.deviceId.toLowerCase())?.unitId ?? null };
  }
  return { choice: currentChoice(p), used: out };
}

/** A unit's task that ended without a stored result: why, naming no file (the run's own fault, not the data's). */
function failed(p: Participant, code: string, message: string): PlayerTaskResult {
  return { ok: false, playerId: p.playerId, deviceId: p.deviceId, error: { code, message, file: null, line: null, offset: null } };
}
