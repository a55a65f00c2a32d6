/**
 * Runs download jobs, one per unit, in parallel. It knows nothing of protocols: a job is a
 * function that reports progress and returns the files it landed. The manager turns progress
 * into bytes/rate/ETA events (at most every `progressIntervalMs` per unit, plus the final one),
 * gives every job its own AbortSignal for cancel(), and turns any failure into a per-unit
 * DownloadFailure naming the unit and why, while the other jobs go on.
 */
import { EventEmitter } from 'node:events';
import { DeviceError, toDeviceError } from '../device-error.ts';
import type { DownloadDone, DownloadFailure, DownloadOutcome, DownloadProgress, LandedFile } from '../types.ts';
import { landedOf } from '../types.ts';

export interface JobContext {
  signal: AbortSignal;
  progress(bytesDone: number, bytesTotal: number): void;
}

export interface DownloadJob {
  deviceId: string;
  unitId: string;
  run(ctx: JobContext): Promise<LandedFile[]>;
}

export interface DownloadManagerEvents {
  progress: [DownloadProgress];
  done: [DownloadDone];
  failed: [DownloadFailure];
}

export interface DownloadManagerOptions {
  now?: () => number;
  progressIntervalMs?: number;
}

interface Running {
  ctl: AbortController;
  promise: Promise<DownloadOutcome>;
}

const AFTER_CANCEL = new Set(['DISCONNECTED', 'CANCELLED', 'TIMEOUT']);

export class DownloadManager extends EventEmitter<DownloadManagerEvents> {
  private readonly now: () => number;
  private readonly interval: number;
  private readonly running = new Map<string, Running>();

  constructor(opts: DownloadManagerOptions = {}) {
    super();
    this.now = opts.now ?? Date.now;
    this.interval = opts.progressIntervalMs ?? 100;
  }

  isRunning(deviceId: string): boolean {
    return this.running.has(deviceId);
  }

  /** Starts every job at once; resolves when all have finished, each with its own outcome. */
  runAll(jobs: DownloadJob[]): Promise<DownloadOutcome[]> {
    return Promise.all(jobs.map((j) => this.start(j)));
  }

  /** Starts one job (or returns the one already running for that device). */
  start(job: DownloadJob): Promise<DownloadOutcome> {
    const existing = this.running.get(job.deviceId);
    if (existing) return existing.promise;
    const ctl = new AbortController();
    const promise = this.execute(job, ctl.signal).finally(() => this.running.delete(job.deviceId));
    this.running.set(job.deviceId, { ctl, promise });
    return promise;
  }

  cancel(deviceId: string): boolean {
    const r = this.running.get(deviceId);
    if (!r) return false;
    r.ctl.abort();
    return true;
  }

  /** Waits for every running job (used on shutdown after cancelling). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  private async execute(job: DownloadJob, signal: AbortSignal): Promise<DownloadOutcome> {
    let done = 0;
    let total = 0;
    let rate = 0;
    let lastEmit = 0;
    let lastAt = this.now();
    let lastDone = -1;
    const emit = (force: boolean): void => {
      const t = this.now();
      if (!force && t - lastEmit < this.interval) return;
      lastEmit = t;
      const p: DownloadProgress = {
        deviceId: job.deviceId,
        unitId: job.unitId,
        bytesDone: done,
        bytesTotal: total,
        rateBps: Math.round(rate),
        etaMs: rate > 0 && total >= done ? Math.round(((total - done) / rate) * 1000) : null,
      };
      this.emit('progress', p);
    };
    const ctx: JobContext = {
      signal,
      progress: (d, t) => {
        const now = this.now();
        if (lastDone >= 0 && d > lastDone && now > lastAt) {
          const inst = ((d - lastDone) * 1000) / (now - lastAt);
          rate = rate === 0 ? inst : rate * 0.8 + inst * 0.2;
        }
        if (lastDone < 0 || d !== lastDone) {
          lastAt = now;
          lastDone = d;
        }
        done = d;
        total = t;
        emit(false);
      },
    };
    try {
      if (signal.aborted) throw new DeviceError('CANCELLED', job.unitId, 'cancelled before it started');
      const files = await job.run(ctx);
      emit(true);
      const ok: DownloadDone = { deviceId: job.deviceId, unitId: job.unitId, files };
      this.emit('done', ok);
      return { ok: true, ...ok };
    } catch (e) {
      // After Cancel, what the link says as it stops (cancelled, lost, timed out) is the cancel;
      // a real fault found before it (a checksum mismatch, a unit error) keeps its own name.
      const err = signal.aborted && !(e instanceof DeviceError && !AFTER_CANCEL.has(e.code))
        ? new DeviceError('CANCELLED', job.unitId, `download cancelled (${done} of ${total} bytes verified and kept for resume)`)
        : toDeviceError(e, job.unitId);
      const landed = landedOf(e);
      const f: DownloadFailure = {
        deviceId: job.deviceId,
        unitId: job.unitId,
        code: err.code,
        message: err.message,
        bytesVerified: done,
        ...(landed.length > 0 ? { landed } : {}),
      };
      this.emit('failed', f);
      return { ok: false, ...f };
    }
  }
}
