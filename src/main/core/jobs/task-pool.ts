/**
 * The worker-thread pool (piscina). One task per participant; each task gets a MessagePort for
 * progress. The same pool decodes the files of an import scan (the worker file's `scanFile` task),
 * so processing and imports share one bound on threads. The pool starts lazily, on the first
 * task, so opening a core costs nothing; a host that knows a job is coming (the CLI) calls
 * start() first, so that the threads load their code while the main thread opens the database
 * and scans the folder. The app's pool also warms its threads up while the app is idle (a few
 * seconds after it opens, and after an import or a download) and keeps them 10 minutes after
 * their last task, so Process Report does not wait for threads to start and compile
 * (warmUp, jobs/warm-up.ts).
 */
import { Piscina } from 'piscina';
import type { DemoRecording, DemoRecordingRequest } from '../devices/sim/demo-scenario.ts';
import { MessageChannel } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PlayerTaskInput, PlayerTaskResult, TaskStage } from './player-task.ts';
import type { ScanFileInput, ScanFileResult } from '../imports/scan-file.ts';
import type { DataFile } from '../../../shared/domain/session.ts';
import type { DecodeCounts } from './read-data-file.ts';
import type { SessionReportInput } from '../report/session-report.ts';
import type { TimeWindow } from '../devices/types.ts';
import type { WarmUpResult } from './warm-up.ts';
import type { Rehearsal, RehearsalReport, RehearsalUnit } from './rehearsal.ts';

export interface TaskRunner {
  run(input: PlayerTaskInput, onProgress: (stage: TaskStage, fraction: number) => void): Promise<PlayerTaskResult>;
  destroy(): Promise<void>;
}

/** Decodes one file of an import scan off the main thread; onStart when a thread picks it up. */
export interface ScanRunner {
  scan(input: ScanFileInput, onStart: () => void): Promise<ScanFileResult>;
  destroy(): Promise<void>;
}

export interface TaskPoolOptions {
  /** A thread with nothing to do for this long ends (its compiled code goes with it). Default 30 s. */
  idleTimeoutMs?: number;
  /**
   * The app's pool, which keeps its threads warm while idle (Absent: none of this: the CLI, tests):
   *  - warmUp() this long after the pool is made, and again this long after an import's or a
   *    download's last file was decoded (a Process Report likely comes next); postponed while any
   *    task runs, and a Process Report cancels one not yet begun;
   *  - threads idle for RELEASE_AFTER_MS let their reused memory go (releaseMemory), keeping their
   *    compiled code.
   */
  warmAfterMs?: number;
  /** With warmAfterMs: how long the threads are idle before they let their memory go (default RELEASE_AFTER_MS). */
  releaseAfterMs?: number;
}

/** The app keeps its threads this long after their last task: a Process Report soon after an import or the last one finds them warm. */
export const APP_IDLE_TIMEOUT_MS = 10 * 60_000;
/** The app warms its threads this long after it opens, and after an import or a download. */
export const APP_WARM_AFTER_MS = 3_000;
/** The app's idle threads let their reused memory go after this long without a task. */
export const RELEASE_AFTER_MS = 20_000;

export class TaskPool implements TaskRunner, ScanRunner {
  private pool: Piscina | null = null;
  /** After destroy(): no task starts again (a new pool quietly made while the app closes would outlive it). */
  private closed = false;
  private readonly workerPath: string;
  private readonly maxThreads: number;
  private readonly idleTimeoutMs: number;
  private warming: Promise<number> | null = null;
  private readonly warmAfterMs: number | null;
  private warmTimer: NodeJS.Timeout | null = null;
  private releaseTimer: NodeJS.Timeout | null = null;
  private readonly releaseAfterMs: number;
  /** Tasks handed to piscina and not yet settled (queued or running). */
  private inFlight = 0;

  constructor(workerPath: string, maxThreads = Math.max(1, availableParallelism()), opts: TaskPoolOptions = {}) {
    this.workerPath = workerPath;
    this.maxThreads = maxThreads;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 30_000;
    this.warmAfterMs = opts.warmAfterMs ?? null;
    this.releaseAfterMs = opts.releaseAfterMs ?? RELEASE_AFTER_MS;
    this.warmSoon();
  }

  /** With warmAfterMs: a warm-up in that long (a later call moves it on; a busy pool postpones it). */
  private warmSoon(): void {
    if (this.warmAfterMs === null || this.closed) return;
    this.cancelWarmSoon();
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      if (this.inFlight > 0) this.warmSoon();
      else void this.warmUp();
    }, this.warmAfterMs);
    this.warmTimer.unref();
  }

  private cancelWarmSoon(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
  }

  /**
   * Every task goes through here: counted, so a warm-up waits for a quiet pool and the app's idle
   * threads let their memory go only once nothing has run for RELEASE_AFTER_MS.
   */
  private async task<T>(input: unknown, options: Parameters<Piscina['run']>[1] = {}): Promise<T> {
    const pool = this.piscina();
    this.inFlight++;
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    try {
      return (await pool.run(input, options)) as T;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.warmAfterMs !== null && !this.closed) {
        this.releaseTimer = setTimeout(() => {
          this.releaseTimer = null;
          void this.releaseMemory();
        }, this.releaseAfterMs);
        this.releaseTimer.unref();
      }
    }
  }

  /** Starts every thread now (they stay until destroy()); run() and scan() start them on demand. */
  start(): void {
    if (this.closed) return;
    this.pool ??= this.create(this.maxThreads);
  }

  private piscina(): Piscina {
    if (this.closed) throw new Error('the worker pool is closed (the app is closing)');
    this.pool ??= this.create(0);
    return this.pool;
  }

  private create(minThreads: number): Piscina {
    return new Piscina({
      filename: this.workerPath,
      minThreads,
      maxThreads: this.maxThreads,
      idleTimeout: this.idleTimeoutMs,
    });
  }

  async run(input: PlayerTaskInput, onProgress: (stage: TaskStage, fraction: number) => void): Promise<PlayerTaskResult> {
    // Processing is here: a warm-up not yet begun would only queue ahead of it.
    this.cancelWarmSoon();
    const { port1, port2 } = new MessageChannel();
    // The result and the progress travel on different ports, so their order is not guaranteed:
    // the worker ends its progress with an 'end' mark, and the result is handed on only after it
    // (or after a grace period, should the worker have died), so no progress arrives late.
    let ended: () => void = () => {};
    const endSeen = new Promise<void>((resolve) => (ended = resolve));
    port1.on('message', (m: { stage: TaskStage | 'end'; fraction: number }) => {
      if (m.stage === 'end') ended();
      else onProgress(m.stage, m.fraction);
    });
    try {
      const result = await this.task<PlayerTaskResult>({ input, port: port2 }, { transferList: [port2] });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([endSeen, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      return result;
    } finally {
      port1.close();
    }
  }

  async scan(input: ScanFileInput, onStart: () => void): Promise<ScanFileResult> {
    const { port1, port2 } = new MessageChannel();
    // The worker says 'reading' before anything else, but on its own port, so the result may come
    // first: it is handed on once the notice (or the port's closing, after any message) is in.
    const noticed = new Promise<void>((resolve) => {
      port1.once('message', () => {
        onStart();
        resolve();
      });
      port1.once('close', () => resolve());
    });
    try {
      const result = await this.task<ScanFileResult>({ input, port: port2 }, { name: 'scanFile', transferList: [port2] });
      await noticed;
      return result;
    } finally {
      port1.close();
      this.warmSoon();
    }
  }

  /** Decodes files into the decoded cache (a download that landed), in the pool. */
  async warm(files: DataFile[], decodedCacheRoot: string): Promise<DecodeCounts> {
    try {
      return await this.task<DecodeCounts>({ files, decodedCacheRoot }, { name: 'warmDecoded' });
    } finally {
      this.warmSoon();
    }
  }

  /**
   * Reads and checks files' decoded-cache entries (decoding any that is missing), one file per
   * task, on every thread at once, so a Process Report that may come next neither checks nor
   * decodes them: a check is remembered by the process's threads (store/decoded-cache.ts). Stops
   * taking files on as soon as `goOn` says no (a Process Report started: its tasks are not kept
   * waiting behind these for more than a file each). Counts of what was read and what was decoded,
   * how many of the files (the first ones) were taken on, and whether a task failed (a thread that
   * ended: the lanes stop, and every lane has finished when this resolves). Never rejects.
   * Then, with every file taken on and `goOn` still yes, each thread runs the engine on the
   * `rehearsal` units, one at a time, and then renders the report from them (jobs/rehearse-thread.ts;
   * a thread that has processed a unit, or rehearsed enough, does nothing); `rehearsed`: how many
   * runs of the engine that made.
   */
  async prepare(
    files: DataFile[],
    decodedCacheRoot: string,
    goOn: () => boolean = () => true,
    rehearsal: Rehearsal | null = null,
  ): Promise<DecodeCounts & { started: number; failed: boolean; rehearsed: number }> {
    const counts: DecodeCounts = { parsed: 0, cached: 0 };
    let next = 0;
    let failed = false;
    const lane = async () => {
      while (!failed && next < files.length && goOn() && !this.closed) {
        try {
          const c = await this.warm([files[next++]], decodedCacheRoot);
          counts.parsed += c.parsed;
          counts.cached += c.cached;
        } catch {
          failed = true;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.maxThreads, files.length) }, lane));
    // Then, every file taken on, the engine rehearsed on the threads: a unit on every thread at
    // once, unit after unit, then the report; stopping as the files do (after the task in hand).
    let rehearsed = 0;
    if (rehearsal && !failed && next === files.length) {
      for (const unit of rehearsal.units) {
        if (!goOn() || this.closed) break;
        rehearsed += await this.onEveryThread('rehearseUnit', unit, goOn);
      }
      if (goOn() && !this.closed) await this.onEveryThread('rehearseReport', rehearsal.report, goOn);
    }
    return { ...counts, started: next, failed, rehearsed };
  }

  /** First and last sample time of a file on a unit's drive (devices/file-probe.ts), decoded in the pool. */
  async timeRange(path: string): Promise<TimeWindow | null> {
    return await this.task<TimeWindow | null>({ path }, { name: 'timeRange' });
  }

  /** A demo unit's recording and its SHA-256, made in the pool (devices/sim/demo-scenario.ts). */
  async demoRecording(r: DemoRecordingRequest): Promise<DemoRecording> {
    return await this.task<DemoRecording>(r, { name: 'demoRecording' });
  }

  /** Builds and writes a session's report in the pool (report/session-report.ts). */
  async report(input: SessionReportInput): Promise<{ path: string }> {
    return await this.task<{ path: string }>(input, { name: 'writeReport' });
  }

  /**
   * Has every thread compile the engine and the report (jobs/warm-up.ts), starting the threads if
   * need be: for when the app is idle and a Process Report may come next. A thread warm already
   * does nothing; a thread that ended after its idle time and is started again warms again.
   * Resolves to how many threads ran a warm-up. Never rejects (a warm-up is only ever a saving).
   */
  warmUp(): Promise<number> {
    this.warming ??= this.warmAll().finally(() => (this.warming = null));
    return this.warming;
  }

  private warmAll(): Promise<number> {
    return this.onEveryThread('warmUp', null);
  }

  /**
   * A once-per-thread task (warm-up.ts 'warmUp'; rehearse-thread.ts 'rehearseUnit',
   * 'rehearseReport') on every thread; how many threads ran it (a thread that had done it already
   * does nothing). One task per thread at once; piscina gives each to a free thread, but a thread
   * that starts late can leave two to one thread (the second then does nothing): a few rounds at
   * most, while `goOn` says yes. Never rejects: closing, or a thread that failed, leaves the next
   * Process Report to compile as it goes.
   */
  private async onEveryThread(name: 'warmUp' | 'rehearseUnit' | 'rehearseReport', input: RehearsalUnit | RehearsalReport | null, goOn: () => boolean = () => true): Promise<number> {
    let ran = 0;
    const seen = new Set<number>();
    try {
      for (let round = 0; round < 3 && seen.size < this.maxThreads && !this.closed && goOn(); round++) {
        const done = await Promise.all(Array.from({ length: this.maxThreads }, () => this.task<WarmUpResult>(input, { name })));
        for (const r of done) {
          seen.add(r.threadId);
          if (r.ran) ran++;
        }
      }
    } catch {
      // as above
    }
    return ran;
  }

  /**
   * Has each thread let its reused memory go (scratch block, file buffer; task 'releaseMemory'),
   * keeping its compiled code: the app's threads wait warm for minutes. One task per thread, but
   * piscina may hand two to one thread (the second does nothing), and the other then keeps its
   * memory until the next idle spell: a saving, not a guarantee. Never rejects.
   */
  async releaseMemory(): Promise<void> {
    const pool = this.pool;
    if (!pool || this.closed) return;
    try {
      // Not through task(): a release must not schedule the next one (nor keep idle threads from ending).
      await Promise.all(Array.from({ length: pool.threads.length }, () => pool.run(null, { name: 'releaseMemory' })));
    } catch {
      // closing: the threads go with their memory
    }
  }

  async destroy(): Promise<void> {
    this.closed = true;
    this.cancelWarmSoon();
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    const p = this.pool;
    this.pool = null;
    if (p) await p.destroy();
  }
}
