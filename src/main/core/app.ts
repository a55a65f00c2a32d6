/**
 * The composition root: createCore({ dataDir, ... }) builds the database, stores, job runner and
 * one handler per contract method. Electron main, the CLI, the dev bridge and the tests all call
 * this; nothing here knows which host it runs in beyond the HostAdapter it is given.
 */
import { join } from 'node:path';
import type { Handlers } from '../../shared/api/contract.ts';
import type { SessionResults } from '../../shared/api/results.contract.ts';
import type { SessionError, DataFile } from '../../shared/domain/session.ts';
import { openDatabase } from './db/database.ts';
import { PlayersRepo } from './db/players.repo.ts';
import { UnitsRepo } from './db/units.repo.ts';
import { SessionsRepo } from './db/sessions.repo.ts';
import { ResultsRepo } from './db/results.repo.ts';
import { DownloadsRepo } from './db/downloads.repo.ts';
import { PeriodsRepo } from './db/periods.repo.ts';
import { SettingsRepo } from './db/settings.repo.ts';
import { RawStore } from './store/raw-store.ts';
import { sweepOrphanRawFiles, sweepTempFiles, type OrphanRawFile } from './store/startup-sweep.ts';
import { DecodedCache } from './store/decoded-cache.ts';
import { EventBus } from './events.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { isRunLive, thisRunner } from './jobs/runner-identity.ts';
import { APP_IDLE_TIMEOUT_MS, APP_WARM_AFTER_MS, TaskPool, type ScanRunner, type TaskRunner } from './jobs/task-pool.ts';
import { REHEARSAL_UNITS } from './jobs/rehearsal.ts';
import { createDispatch, type Dispatch } from './api/dispatch.ts';
import { ReportWriter } from './report/report-writer.ts';
import { sessionReportModel } from './report/session-report.ts';
import { ALGORITHM_VERSION } from './processing/algorithm-version.ts';
import type { CoreContext, HostAdapter } from './context.ts';
import { appHandlers } from './app.handlers.ts';
import { rosterHandlers } from './roster/roster.handlers.ts';
import { sessionsHandlers } from './sessions/sessions.handlers.ts';
import { jobsHandlers } from './jobs/jobs.handlers.ts';
import { resultsHandlers } from './results/results.handlers.ts';
import { reportsHandlers } from './report/reports.handlers.ts';
import { SharedReports } from './report/shared-reports.ts';
import type { ProtocolRoots } from './security/app-protocol.ts';
import { exportsHandlers } from './exports/exports.handlers.ts';
import { devicesHandlers } from './devices/devices.handlers.ts';
import { loadDevices, type DevicesOptions } from './devices/load-devices.ts';
import { periodsHandlers } from './periods/periods.handlers.ts';
import { settingsHandlers } from './settings/settings.handlers.ts';
import { importsHandlers } from './imports/imports.handlers.ts';
import { ImportScanner } from './imports/scanner.ts';
import { UploadStaging } from './imports/upload-staging.ts';
import { SurveyService } from './surveys/survey-service.ts';
import { surveysHandlers } from './surveys/surveys.handlers.ts';
import { reportFeedback } from './surveys/report-feedback.ts';
import { SyncService } from './sync/sync-service.ts';
import { sweepAbandonedCliRuns, type AbandonedCliSession } from './sessions/cli-runs.ts';
import { syncHandlers } from './sync/sync.handlers.ts';
import { MemoryTokenStore, type TokenStore } from './sync/token-store.ts';
import type { SenderOptions } from './sync/sender.ts';
import { toMetricsJson } from './report/metrics-json.ts';
import { SurveysRepo } from './db/surveys.repo.ts';
import { BackupService, type Reopen } from './backup/backup-service.ts';
import { backupHandlers } from './backup/backup.handlers.ts';
import { recoverRestore } from './backup/restore-swap.ts';

export interface CoreOptions {
  dataDir: string;
  /** The piscina worker file (src/main/workers/process-player.task.ts, or its built bundle). */
  workerPath: string;
  /** The built report viewer (out/report-viewer/report-viewer.js). */
  reportViewerPath: string;
  host: HostAdapter;
  clock?: () => number;
  maxThreads?: number;
  appName?: string;
  appVersion?: string;
  /** The laptop's IANA time zone (reports show times in it). */
  timeZone?: string;
  /** Tests may swap the pool (e.g. to hold tasks); default: a real piscina pool. */
  taskRunner?: TaskRunner;
  /** Start the pool's threads now instead of on the first job (the CLI, which runs one at once). */
  startPool?: boolean;
  /**
   * The desktop app: the pool warms its threads up while the app is idle (a few seconds after it
   * opens, after an import or a download) and keeps them 10 minutes after their last task, so
   * Process Report finds them started and compiled (jobs/task-pool.ts, jobs/warm-up.ts).
   */
  keepWarm?: boolean;
  /**
   * The data dir is temporary (the CLI's default, deleted when the command ends): the database
   * and the report skip what only serves surviving a crash (journal on disk, fsync).
   */
  ephemeral?: boolean;
  /**
   * Decodes import scans; default: the same piscina pool as processing (or, when a test swapped
   * the processing pool, a piscina pool of its own).
   */
  scanRunner?: ScanRunner;
  /**
   * Units: absent = no device layer (the CLI, most tests). Electron passes real hardware; the dev
   * bridge and device tests pass `{}` (demo units only). Discovery starts in the background.
   */
  devices?: DevicesOptions;
  /** Sync to the club's central server (docs/sync.md). */
  sync?: SyncOptions;
  /** The event bus to emit on; a host that reopens the core (live-core.ts) keeps one across cores. */
  events?: EventBus;
  /**
   * Restore (backup:restore) closes this core, swaps the data and opens a new core: the host's
   * part (live-core.ts). Absent: restore is refused (the CLI, plain test cores).
   */
  reopen?: Reopen;
  /** Skip finishing/undoing a cut-short restore at open: live-core.ts opens the restored data mid-swap. Default false. */
  midRestore?: boolean;
}

export interface SyncOptions {
  /** Where the token is kept: the Electron adapter's safeStorage store; default in memory. */
  tokens?: TokenStore;
  /** Send in the background (the app, the dev bridge); the CLI drains explicitly. Default false. */
  background?: boolean;
  /** Sender tuning (tests: short backoff, a fault-injecting transport). */
  sender?: Partial<Omit<SenderOptions, 'repo' | 'tokens' | 'onChange'>>;
}

export interface Core {
  handlers: Handlers;
  dispatch: Dispatch;
  events: EventBus;
  jobs: JobRunner;
  ctx: CoreContext;
  /** Ids of sessions found QUEUED/PROCESSING at start-up and marked FAILED ('interrupted'). */
  interrupted: string[];
  /** Player Feedback and load over time (the report and the CLI read it too). */
  surveys: SurveyService;
  sync: SyncService;
  /**
   * What start-up tidied after a crash: temp files of writers that are gone (removed at once) and
   * raw-store files no row refers to (removed past a day's grace, the younger ones kept and listed).
   */
  startup: {
    tempFilesRemoved: string[];
    orphans: Promise<{ removed: OrphanRawFile[]; kept: OrphanRawFile[] }>;
    /** Never-processed sessions of `player1 process --data-dir` runs that were killed, deleted (sessions/cli-runs.ts). */
    abandonedCliSessions: AbandonedCliSession[];
  };
  /** Reports opened from elsewhere (token → file), for the player1:// protocol's shared/ host. */
  sharedReports: SharedReports;
  /** What the player1:// protocol serves (Electron's handler, the dev bridge): the renderer, the reports folder, the shared reports. */
  protocolRoots(rendererDir: string): ProtocolRoots;
  /** Ends the pool's threads once no job runs, for good: no job starts after it (the CLI, its one run done). */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? Date.now;
  // Before the database: started threads load their code meanwhile.
  const pool = opts.taskRunner ?? new TaskPool(opts.workerPath, opts.maxThreads, opts.keepWarm ? { idleTimeoutMs: APP_IDLE_TIMEOUT_MS, warmAfterMs: APP_WARM_AFTER_MS } : {});
  if (opts.startPool && pool instanceof TaskPool) pool.start();
  // A restore a crash cut short is finished or undone before the database opens (backup/restore-swap.ts).
  if (!opts.ephemeral && !opts.midRestore) recoverRestore(opts.dataDir);
  const db = openDatabase(join(opts.dataDir, 'player1.sqlite'), { ephemeral: opts.ephemeral });
  const rawStore = new RawStore(join(opts.dataDir, 'raw'));
  // Leftovers of a crash (kill -9, power cut): see store/startup-sweep.ts. Orphans in the background.
  const tempFilesRemoved = opts.ephemeral ? [] : sweepTempFiles(opts.dataDir);
  // Beside the raw store; a throw-away data dir (the CLI) reads its files in place and keeps none.
  const decodedCache = opts.ephemeral ? null : new DecodedCache(join(opts.dataDir, 'decoded'));
  const repos = {
    players: new PlayersRepo(db),
    units: new UnitsRepo(db),
    sessions: new SessionsRepo(db, (sha) => rawStore.path(sha)),
    results: new ResultsRepo(db),
    downloads: new DownloadsRepo(db),
    periods: new PeriodsRepo(db),
    settings: new SettingsRepo(db),
  };
  const events = opts.events ?? new EventBus();
  const ownScanPool = !opts.scanRunner && !(pool instanceof TaskPool) ? new TaskPool(opts.workerPath, opts.maxThreads) : null;
  const scanPool: ScanRunner = opts.scanRunner ?? ownScanPool ?? (pool as TaskPool);
  const reportWriter = new ReportWriter(opts.dataDir, opts.reportViewerPath, { durable: !opts.ephemeral });
  const appName = opts.appName ?? 'Player1 Pitchside';
  const appVersion = opts.appVersion ?? '0.1.0';
  const timeZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const settings = () => repos.settings.get().settings;

  const surveys = new SurveyService({ db, sessions: repos.sessions, players: repos.players, settings: repos.settings, timeZone, clock });
  // Sync (docs/sync.md): the outbox is written in the transaction that completes a run.
  let handlersRef: Handlers | null = null;
  const surveysRepo = new SurveysRepo(db);
  const sync = new SyncService({
    db,
    sessions: repos.sessions,
    tokens: opts.sync?.tokens ?? new MemoryTokenStore(),
    clock,
    onChange: (status) => events.emit('sync:changed', status),
    sender: opts.sync?.sender,
    source: {
      app: { name: appName, version: appVersion },
      periods: (sessionId) => repos.periods.forSession(sessionId),
      // With h14's per-player feedback (sRPE, wellness flags) as the metrics JSON's 'feedback'.
      metrics: (sessionId) => toMetricsJson(handlersRef!['results:list']({ sessionId, efforts: true }) as SessionResults, surveys.feedback(sessionId)),
      settingsUsed: (sessionId) => {
        const r = repos.results.forSession(sessionId, { series: false, efforts: false })[0];
        return { settings: r?.settings ?? settings(), algorithmVersion: r?.algorithmVersion ?? ALGORITHM_VERSION };
      },
      surveyAnswers: (sessionId) => surveysRepo.forSession(sessionId),
    },
  });

  const runner = thisRunner();
  const jobs = new JobRunner({
    dataDir: opts.dataDir,
    onCompleting: (session, reportPath) => sync.prepare(session, reportPath),
    transaction: (fn) => db.transaction(fn).immediate(),
    afterCompleted: () => {
      sync.sender.changed();
      sync.sender.kick();
    },
    runner,
    sessions: repos.sessions,
    results: repos.results,
    events,
    pool,
    clock,
    settings,
    periods: (sessionId) => repos.periods.forSession(sessionId),
    algorithmVersion: ALGORITHM_VERSION,
    decodedCacheRoot: decodedCache?.root ?? null,
    // In the pool (report/session-report.ts): building and rendering 25 players' report takes
    // ~0.1 s of CPU, which would hold up the window's requests; in this thread only when every
    // pool was swapped for a stand-in (tests).
    writeReport: async (session) => {
      const generatedAt = clock();
      // The Player Feedback section (surveys) is small: built here, handed to the task.
      const feedback = reportFeedback(surveys, session.id);
      const input = { dataDir: opts.dataDir, sessionId: session.id, reportViewerPath: opts.reportViewerPath, durable: !opts.ephemeral, appName, appVersion, timeZone, generatedAt, feedback };
      const pooled = pool instanceof TaskPool ? pool : ownScanPool;
      if (pooled) return { path: (await pooled.report(input)).path, generatedAt };
      const { model, records } = sessionReportModel(repos, session, { appName, appVersion, generatedAt, timeZone });
      return { path: reportWriter.write({ ...model, feedback: reportFeedback(surveys, session.id) }, records), generatedAt };
    },
  });

  // A session left QUEUED or PROCESSING by a process that is gone is not running any more: say so.
  // Runs another live process owns (a second app instance, a CLI run on this data dir) are left alone.
  const interruptedError: SessionError = {
    scope: 'session',
    deviceId: null,
    playerName: null,
    code: 'INTERRUPTED',
    message: 'processing was interrupted (the app closed or crashed while it ran); click Process Report to run it again',
    at: clock(),
  };
  const interrupted = repos.sessions.failInterrupted(interruptedError, clock(), (owner) => isRunLive(owner, runner, clock()));
  // Sessions of CLI runs killed before they processed anything (sessions/cli-runs.ts); then the
  // raw-store files no row refers to, theirs included (in the background).
  const abandonedCliSessions = opts.ephemeral ? [] : sweepAbandonedCliRuns(opts.dataDir, db, repos.sessions);
  const orphans = opts.ephemeral
    ? Promise.resolve({ removed: [], kept: [] })
    : sweepOrphanRawFiles(db, rawStore.root).catch(() => ({ removed: [], kept: [] }));

  // Files that land (a download, a folder copied in) are decoded once into the decoded cache, in the
  // pool and in the background: the first Process Report then reads columns. A failure is left
  // for processing to report.
  const warmer = pool instanceof TaskPool ? pool : ownScanPool;
  // A file's decoded entry is named by the file and how it is read (store/decoded-cache.ts decodeKey):
  // the same raw file read with other options, or under another name, is another entry.
  const entryOf = (f: DataFile) => `${f.sha256}|${f.format}|${f.sourceName}|${JSON.stringify(f.options ?? null)}`;
  // Entries being decoded after their files landed: not taken on by a preparation meanwhile.
  const decoding = new Set<string>();
  const warmDecoded = (sessionId: string, sha256s: string[] | null): void => {
    if (!decodedCache || !warmer) return;
    const wanted = sha256s ? new Set(sha256s) : null;
    const files = (repos.sessions.get(sessionId)?.participants ?? []).flatMap((p) => p.files).filter((f) => f.sha256 !== null && (!wanted || wanted.has(f.sha256)));
    if (files.length === 0) return;
    for (const f of files) decoding.add(entryOf(f));
    void warmer
      .warm(files, decodedCache.root)
      .catch(() => {})
      .finally(() => {
        for (const f of files) decoding.delete(entryOf(f));
      });
  };
  // When each entry was last prepared (monotonic ms): one prepared within PREPARED_FRESH_MS is not
  // taken on again. Under the app's threads' 10-minute idle end, so their checks of it still stand.
  const preparedAt = new Map<string, number>();
  const PREPARED_FRESH_MS = 5 * 60_000;
  // One preparation at a time: an ask waits until the one going has ended, so two never read,
  // decode or rehearse the same unit at once; an ask overtaken by a newer one before it began is
  // dropped (the newer one is what the user has open now).
  let preparing: Promise<unknown> = Promise.resolve();
  let latestAsk = 0;
  // The session's stored files not prepared lately and not being decoded after they landed.
  const toPrepare = (sessionId: string): DataFile[] => {
    const now = performance.now();
    for (const [k, at] of preparedAt) if (now - at >= PREPARED_FRESH_MS) preparedAt.delete(k);
    return (repos.sessions.get(sessionId)?.participants ?? [])
      .flatMap((p) => p.files)
      .filter((f) => f.sha256 !== null && !preparedAt.has(entryOf(f)) && !decoding.has(entryOf(f)));
  };
  // Process Report rehearsed on the session's largest units whose files are stored and not being
  // decoded (jobs/rehearse-thread.ts); only on the app's own pool (the one that processes).
  const rehearsalOf = (sessionId: string) => (warmer === pool ? jobs.rehearsal(sessionId, REHEARSAL_UNITS, (f) => f.sha256 === null || decoding.has(entryOf(f))) : null);
  // A session the user has open may be processed next: its entries are read and checked while the
  // app is idle, a file at a time on each thread, stopping as soon as a Process Report starts, so
  // that Process Report neither checks nor decodes them. Then each thread rehearses Process Report
  // on the session's largest units, even with no file to take on: a thread that did already, or
  // has processed a unit, does nothing. What to take on is worked out when the preparation begins.
  const prepareProcessing = (sessionId: string): { files: number } => {
    if (!decodedCache || !warmer || jobs.busy) return { files: 0 };
    const pending = toPrepare(sessionId).length;
    if (pending === 0 && !rehearsalOf(sessionId)) return { files: 0 };
    const ask = ++latestAsk;
    preparing = preparing
      .then(async () => {
        if (ask !== latestAsk || jobs.busy) return;
        const files = toPrepare(sessionId);
        const now = performance.now();
        for (const f of files) preparedAt.set(entryOf(f), now);
        try {
          const r = await warmer.prepare(files, decodedCache.root, () => !jobs.busy, rehearsalOf(sessionId));
          // Files left when a Process Report started, or after a task failed, are taken on again the next time the page asks.
          for (const f of r.failed ? files : files.slice(r.started)) preparedAt.delete(entryOf(f));
        } catch {
          // prepare never rejects; should it, its files are free again and the asks after it still run
          for (const f of files) preparedAt.delete(entryOf(f));
        }
      })
      .catch(() => {});
    return { files: pending };
  };
  // Entries whose raw file is gone (erased) or that a scan wrote for files never imported go, in the background.
  void decodedCache?.prune((sha) => rawStore.has(sha), Date.now()).catch(() => {});

  const devices = opts.devices
    ? loadDevices(
        // A drive's files are decoded in the pool to learn their time range (a watch's FIT file: tens of ms each).
        // Demo units' recordings are made in the pool too (~0.3 s of CPU each, off the event loop).
        {
          dataDir: opts.dataDir,
          db,
          repos,
          events,
          clock,
          onLinked: warmDecoded,
          timeRange: warmer ? (path) => warmer.timeRange(path) : undefined,
          makeDemoRecording: warmer ? (r) => warmer.demoRecording(r) : undefined,
        },
        opts.devices,
      )
    : null;

  const ctx: CoreContext = {
    dataDir: opts.dataDir,
    appName,
    appVersion,
    clock,
    db,
    repos,
    rawStore,
    decodedCache,
    warmDecoded,
    prepareProcessing,
    events,
    jobs,
    host: opts.host,
    devices,
  };
  const backup = new BackupService(ctx, opts.reopen ?? null);
  const sharedReports = new SharedReports({ reportViewerPath: opts.reportViewerPath, clock });
  const staging = new UploadStaging(join(rawStore.root, '.staging'), clock);
  const scanner = new ImportScanner(ctx, scanPool, staging.root);
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...rosterHandlers(ctx),
    ...sessionsHandlers(ctx),
    ...jobsHandlers(ctx),
    ...resultsHandlers(ctx),
    ...reportsHandlers(ctx, sharedReports),
    ...exportsHandlers(ctx),
    ...devicesHandlers(ctx),
    ...periodsHandlers(ctx),
    ...settingsHandlers(ctx),
    ...importsHandlers(ctx, scanner, staging),
    ...surveysHandlers(ctx, surveys),
    ...syncHandlers(sync),
    ...backupHandlers(ctx, backup),
  };
  handlersRef = handlers;
  // A player or unit deleted here queues its deletion for the server (roster-tombstones.ts): send it now.
  events.on('roster:changed', () => {
    sync.sender.changed();
    sync.sender.kick();
  });
  if (opts.sync?.background) sync.sender.start();
  return {
    handlers,
    dispatch: createDispatch(handlers, undefined, { dataDir: opts.dataDir }),
    events,
    jobs,
    ctx,
    interrupted,
    surveys,
    sync,
    startup: { tempFilesRemoved, orphans, abandonedCliSessions },
    sharedReports,
    protocolRoots: (rendererDir) => ({
      rendererDir,
      reportsDir: join(opts.dataDir, 'reports'),
      shared: sharedReports.resolve,
      sharedScripts: sharedReports.trustedScripts,
    }),
    async stopWorkers() {
      // No run may start after the runs waited for here: the pool is gone for good.
      jobs.stopAccepting();
      await jobs.idle();
      await pool.destroy();
    },
    async close() {
      // From now on Process Report is refused ("the app is closing"); runs already going finish.
      jobs.stopAccepting();
      // Downloads stop first (verified bytes are kept for resume) and record what landed.
      await devices?.stop();
      await jobs.idle();
      await pool.destroy();
      await ownScanPool?.destroy();
      await orphans;
      await sync.sender.stop();
      backup.cancel();
      backup.forget();
      db.close();
    },
  };
}
