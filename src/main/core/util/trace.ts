/**
 * Stage timings for the pipeline bench: with P1_TRACE=1 in the environment, `trace()` writes
 * `[p1-trace] <epoch ms> <thread> <label> cpu=<ms> wait=<ms> [k=v ...]` lines to stderr, from the
 * main thread and from the pool's worker threads alike (they inherit the environment), on one
 * clock (performance.timeOrigin + performance.now()), so `npm run bench -- pipeline` can say where
 * a run's time went. cpu and wait are the calling thread's time on a CPU and waiting for one, from
 * /proc/thread-self/schedstat (Linux; NaN elsewhere): on a shared machine, wall times mix our work
 * with other people's. Off (the default), a call is one boolean test.
 */
import { threadId } from 'node:worker_threads';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export const TRACE_ON = process.env.P1_TRACE === '1';

/** Milliseconds on the clock all threads share. */
export function traceNow(): number {
  return performance.timeOrigin + performance.now();
}

const statBuf = Buffer.alloc(128);

/** This thread's time on a CPU and waiting for one, ms since it started. */
export function threadTimes(): { cpu: number; wait: number } {
  try {
    const fd = openSync('/proc/thread-self/schedstat', 'r');
    try {
      const n = readSync(fd, statBuf, 0, statBuf.length, 0);
      const [run, wait] = statBuf.toString('latin1', 0, n).split(' ').map(Number);
      return { cpu: run / 1e6, wait: wait / 1e6 };
    } finally {
      closeSync(fd);
    }
  } catch {
    return { cpu: NaN, wait: NaN };
  }
}

export function trace(label: string, fields?: Record<string, number | string>): void {
  if (!TRACE_ON) return;
  const { cpu, wait } = threadTimes();
  let line = `[p1-trace] ${traceNow().toFixed(3)} ${threadId} ${label} cpu=${cpu.toFixed(3)} wait=${wait.toFixed(3)}`;
  if (fields) for (const k in fields) line += ` ${k}=${typeof fields[k] === 'number' ? (fields[k] as number).toFixed(3) : fields[k]}`;
  // Synchronous: a worker's lines must not wait for its event loop, nor be lost when it ends.
  writeSync(2, `${line}\n`);
}

/** Wall and CPU ms per named stage of one task (`lap(stage)` closes the stage that just ran). */
export class StageTimes {
  private readonly t0 = traceNow();
  private readonly c0 = threadTimes().cpu;
  private wall = this.t0;
  private cpu = this.c0;
  private readonly fields: Record<string, number> = { start: this.t0 };

  /** Ends the current stage and adds its time to `stage` (null: time not counted in any stage). */
  lap(stage: string | null): void {
    const wall = traceNow();
    const cpu = threadTimes().cpu;
    if (stage) {
      this.fields[stage] = (this.fields[stage] ?? 0) + (wall - this.wall);
      this.fields[`${stage}:cpu`] = (this.fields[`${stage}:cpu`] ?? 0) + (cpu - this.cpu);
    }
    this.wall = wall;
    this.cpu = cpu;
  }

  /** The stages, plus `total` and `total:cpu` since the start. */
  done(): Record<string, number> {
    return { ...this.fields, total: traceNow() - this.t0, 'total:cpu': threadTimes().cpu - this.c0 };
  }
}
