import { z } from 'zod';
import { id, method } from './method.ts';
import type { ProcessingStatus, SessionError } from '../domain/session.ts';

export type ParticipantStage = 'waiting' | 'reading' | 'computing' | 'done' | 'failed';

export interface ParticipantProgress {
  playerId: string;
  deviceId: string;
  stage: ParticipantStage;
  /** 0..1 within the participant's task. */
  fraction: number;
  message?: string;
}

export interface JobStatus {
  sessionId: string;
  status: ProcessingStatus;
  participants: ParticipantProgress[];
  error: SessionError | null;
}

export const jobsContract = {
  /** Validate the session, then queue it. Refused (CONFLICT) if it is already QUEUED or PROCESSING. */
  'jobs:start': method<JobStatus>()(z.object({ sessionId: id }).strict()),
  /**
   * The user has the session open and may process it next: the core reads and checks its decoded
   * files in the background while idle (a file taken on in the last 5 minutes is not taken again;
   * nothing while processing, and it stops when a Process Report starts), then has each pool thread
   * run the engine on the session's largest units and render the report from them, all thrown away
   * (so V8 has compiled that code for real data; a thread that has done so, or processed a unit,
   * does nothing). One preparation at a time; an ask overtaken by a newer one before it began is
   * dropped. How many of the session's files were left to take on when asked.
   */
  'jobs:prepare': method<{ files: number }>()(z.object({ sessionId: id }).strict()),
  /** Snapshot of a session's job; live changes arrive as jobs:progress / sessions:changed events. */
  'jobs:status': method<JobStatus>()(z.object({ sessionId: id }).strict()),
};
