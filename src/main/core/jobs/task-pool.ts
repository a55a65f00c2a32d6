/**
 * The worker-thread pool (piscina). One task per participant; each task gets a MessagePort for
 * progress. The same pool decodes the files of an import scan (the worker file's `scanFile` task),
 * so processing and imports share one bound on threads. The pool starts lazily, on the first
 * task, so opening the app costs nothing; a host that knows a job is coming (the CLI) calls
 * start() first, so that the threads load their code while the main thread opens the database
 * and scans the folder.
 */
import { Piscina } from 'piscina';
import { MessageChannel } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PlayerTaskInput, PlayerTaskResult, TaskStage } from './player-task.ts';
import type { ScanFileInput, ScanFileResult } from '../imports/scan-file.ts';
import type { DataFile } from '../../../shared/domain/session.ts';
import type { DecodeCounts } from './read-data-file.ts';
import type { SessionReportInput } from '../report/session-report.ts';
import type { TimeWindow } from '../devices/types.ts';

export interface TaskRunner {
  run(input: PlayerTaskInput, onProgress: (stage: TaskStage, fraction: number) => void): Promise<PlayerTaskResult>;
  destroy(): Promise<void>;
}

/** Decodes one file of an import scan off the main thread; onStart when a thread picks it up. */
export interface ScanRunner {
  scan(input: ScanFileInput, onStart: () => void): Promise<ScanFileResult>;
  destroy(): Promise<void>;
}

export class TaskPool implements TaskRunner, ScanRunner {
  private pool: Piscina | null = null;
  /** After destroy(): no task starts again (a new pool quietly made while the app closes would outlive it). */
  private closed = false;
  private readonly workerPath: string;
  private readonly maxThreads: number;

  constructor(workerPath: string, maxThreads = Math.max(1, availableParallelism())) {
    this.workerPath = workerPath;
    this.maxThreads = maxThreads;
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
      idleTimeout: 30_000,
    });
  }

  async run(input: PlayerTaskInput, onProgress: (stage: TaskStage, fraction: number) => void): Promise<PlayerTaskResult> {
    const pool = this.piscina();
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
      const result = (await pool.run({ input, port: port2 }, { transferList: [port2] })) as PlayerTaskResult;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([endSeen, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      return result;
    } finally {
      port1.close();
    }
  }

  async scan(input: ScanFileInput, onStart: () => void): Promise<ScanFileResult> {
    const pool = this.piscina();
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
      const result = (await pool.run({ input, port: port2 }, { name: 'scanFile', transferList: [port2] })) as ScanFileResult;
      await noticed;
      return result;
    } finally {
      port1.close();
    }
  }

  /** Decodes files into the decoded cache (a download that landed), in the pool. */
  async warm(files: DataFile[], decodedCacheRoot: string): Promise<DecodeCounts> {
    return (await this.piscina().run({ files, decodedCacheRoot }, { name: 'warmDecoded' })) as DecodeCounts;
  }

  /** First and last sample time of a file on a unit's drive (devices/file-probe.ts), decoded in the pool. */
  async timeRange(path: string): Promise<TimeWindow | null> {
    return (await this.piscina().run({ path }, { name: 'timeRange' })) as TimeWindow | null;
  }

  /** Builds and writes a session's report in the pool (report/session-report.ts). */
  async report(input: SessionReportInput): Promise<{ path: string }> {
    return (await this.piscina().run(input, { name: 'writeReport' })) as { path: string };
  }

  async destroy(): Promise<void> {
    this.closed = true;
    const p = this.pool;
    this.pool = null;
    if (p) await p.destroy();
  }
}
