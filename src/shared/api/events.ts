import type { ParticipantProgress } from './jobs.contract.ts';
import type { ProcessingStatus, SessionError } from '../domain/session.ts';
import type { EventName } from './channels.ts';

/** Payloads of the push events (main -> renderer). */
export interface EventPayloads {
  'jobs:progress': { sessionId: string } & ParticipantProgress;
  'sessions:changed': { sessionId: string; status: ProcessingStatus; error: SessionError | null };
  'roster:changed': { kind: 'players' | 'units' };
  /** A session's periods were created, edited or deleted (its results may now be stale). */
  'periods:changed': { sessionId: string };
  /** The team settings changed (stored results keep the settings they were computed with). */
  'settings:changed': { key: string };
}

export type EventPayload<E extends EventName> = EventPayloads[E];
