/**
 * The processing state machine of a session:
 *   PENDING → QUEUED → PROCESSING → COMPLETED | FAILED, and COMPLETED | FAILED → QUEUED (re-run).
 * QUEUED → FAILED covers a run that dies before its first task starts. Every change in the
 * database is a compare-and-set from the expected state (SessionsRepo.transition).
 */
import type { ProcessingStatus } from '../../../shared/domain/session.ts';

const NEXT: Record<ProcessingStatus, readonly ProcessingStatus[]> = {
  PENDING: ['QUEUED'],
  QUEUED: ['PROCESSING', 'FAILED'],
  PROCESSING: ['COMPLETED', 'FAILED'],
  COMPLETED: ['QUEUED'],
  FAILED: ['QUEUED'],
};

export function canTransition(from: ProcessingStatus, to: ProcessingStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: ProcessingStatus, to: ProcessingStatus): void {
  if (!canTransition(from, to)) throw new Error(`illegal session status change ${from} → ${to}`);
}

/** A session in these states may be (re)started. */
export function isStartable(s: ProcessingStatus): boolean {
  return canTransition(s, 'QUEUED');
}

/** The statuses a transition to `to` may start from. */
export function sourcesOf(to: ProcessingStatus): ProcessingStatus[] {
  return (Object.keys(NEXT) as ProcessingStatus[]).filter((s) => NEXT[s].includes(to));
}
