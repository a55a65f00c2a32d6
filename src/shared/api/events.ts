import type { ParticipantProgress } from './jobs.contract.ts';
import type { ProcessingStatus, SessionError } from '../domain/session.ts';
import type { EventName } from './channels.ts';

/** Payloads of the push events (main -> renderer). */
export interface EventPayloads {
  'jobs:progress': { sessionId: string } & ParticipantProgress;
  'sessions:changed': { sessionId: string; status: ProcessingStatus; error: SessionError | null };
  'roster:changed': { kind: 'players' | 'units' };
}

export type EventPayload<E extends EventName> = EventPayloads[E];
