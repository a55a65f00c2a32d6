/**
 * Progress and cancellation of one backup, verification or restore: phases with done/total,
 * pushed as backup:progress at most every 100 ms (and at each phase change); `check()` throws
 * Cancelled once backup:cancel asked for it.
 */
import type { BackupPhase } from '../../../shared/api/backup.contract.ts';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export type ProgressOp = 'backup' | 'verify' | 'restore';
export type ProgressEvent = { op: ProgressOp; phase: BackupPhase; done: number; total: number };

export class Progress {
  cancelled = false;
  private last = 0;
  private current: BackupPhase | null = null;
  private readonly op: ProgressOp;
  private readonly emit: (e: ProgressEvent) => void;
  private readonly now: () => number;

  constructor(op: ProgressOp, emit: (e: ProgressEvent) => void, now: () => number = Date.now) {
    this.op = op;
    this.emit = emit;
    this.now = now;
  }

  phase(phase: BackupPhase, done: number, total: number): void {
    const t = this.now();
    if (phase === this.current && t - this.last < 100 && done < total) return;
    this.current = phase;
    this.last = t;
    this.emit({ op: this.op, phase, done, total });
  }

  check(): void {
    if (this.cancelled) throw new Cancelled();
  }
}
