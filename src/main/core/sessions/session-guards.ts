/** The checks every domain makes on a session it is asked to read or change. */
import { AppError } from '../../../shared/api/errors.ts';
import { ACTIVE_STATUSES, type ProcessingStatus, type Session } from '../../../shared/domain/session.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';

/** The session with its participants and files, or NOT_FOUND. */
export function mustGetSession(sessions: SessionsRepo, id: string): Session {
  const s = sessions.get(id);
  if (!s) throw new AppError('NOT_FOUND', `no session with id ${id}`);
  return s;
}

/** Name, status and error of the session (nothing else is loaded), or NOT_FOUND. */
export function mustGetSessionState(sessions: SessionsRepo, id: string): NonNullable<ReturnType<SessionsRepo['state']>> {
  const s = sessions.state(id);
  if (!s) throw new AppError('NOT_FOUND', `no session with id ${id}`);
  return s;
}

/**
 * A session the job runner owns (QUEUED or PROCESSING) cannot be edited: CONFLICT, naming it.
 * `purpose` ends the message ("to edit its periods").
 */
export function assertEditable(s: { name: string; processingStatus: ProcessingStatus }, purpose?: string): void {
  if (ACTIVE_STATUSES.includes(s.processingStatus)) {
    throw new AppError('CONFLICT', `"${s.name}" is ${s.processingStatus.toLowerCase()}; wait until processing ends${purpose ? ` ${purpose}` : ''}`);
  }
}

/**
 * The same check on the session as it is now, without loading its participants: made inside the
 * transaction that changes it, after slow work (file copies) during which it may have been
 * started or deleted.
 */
export function assertStillEditable(sessions: SessionsRepo, id: string): void {
  assertEditable(mustGetSessionState(sessions, id));
}
