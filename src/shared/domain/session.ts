/** Session domain types shared by core, CLI and UI. */
import type { FileReadOptions } from './read-options.ts';
import type { StreamChoice } from './stream-sources.ts';
import type { StaleReason } from './staleness.ts';

export const PROCESSING_STATUSES = ['PENDING', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

/** What kind of session it was; '' = not said. A session's place around a match day (MD−2, MD+1) follows from the dates of the matches. */
export const SESSION_TYPES = ['match', 'training', 'recovery', 'rehab', 'testing', 'friendly', 'other'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const SESSION_TYPE_LABEL: Readonly<Record<SessionType, string>> = {
  match: 'Match',
  training: 'Training',
  recovery: 'Recovery',
  rehab: 'Rehab',
  testing: 'Testing',
  friendly: 'Friendly',
  other: 'Other',
};

/** Longest session window (a match day's session, not a week of recordings). */
export const MAX_SESSION_WINDOW_MS = 24 * 3600_000;

/** The times a session can hold: UTC from 2000-01-01 (inclusive) to 2100-01-01 (exclusive). */
export const SESSION_EARLIEST_MS = 946_684_800_000;
export const SESSION_LATEST_MS = 4_102_444_800_000;

/**
 * Why data running from firstMs to lastMs cannot go in a session, said of the data (the caller
 * puts the file's name first), or null when it can. Times before 2000 are what a unit whose clock
 * was never set writes (a FIT unit counts from when it was switched on and dates that 1990); times
 * in 2100 or later are a clock set wrong.
 */
/** "1990-07-18 06:44" (UTC, to the minute); a time no Date can hold (beyond ±8.64e15 ms, NaN) as its number. */
export function utcMinute(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : String(ms);
}

export function dataTimesProblem(firstMs: number, lastMs: number, what = 'this file'): string | null {
  if (firstMs >= SESSION_EARLIEST_MS && lastMs < SESSION_LATEST_MS) return null;
  const span = `its times run from ${utcMinute(firstMs)} to ${utcMinute(lastMs)} UTC`;
  const why =
    firstMs < SESSION_EARLIEST_MS
      ? 'before 2000: the unit\'s clock was probably not set when it recorded'
      : 'in 2100 or later: the unit\'s clock was set wrong when it recorded';
  return `${span}, ${why}. A session holds times from 2000 to 2099, so ${what} cannot be processed: set the unit's clock before it records (sync it with its app or computer, or let it find GPS first)`;
}

/** Why a session window [startMs, endMs) is not valid, or null when it is. */
export function sessionWindowProblem(startMs: number, endMs: number): string | null {
  if (!(endMs > startMs)) return 'the session must end after it starts';
  if (endMs - startMs > MAX_SESSION_WINDOW_MS) return 'a session window is at most 24 hours';
  return null;
}

/** Statuses in which a session is owned by the job runner and must not be edited or restarted. */
export const ACTIVE_STATUSES: readonly ProcessingStatus[] = ['QUEUED', 'PROCESSING'];

/** Why a session FAILED: which unit (if any), and what. */
export interface SessionError {
  /** 'unit' = one unit's data failed; 'session' = the run as a whole (e.g. interrupted). */
  scope: 'unit' | 'session';
  deviceId: string | null;
  playerName: string | null;
  code: string;
  message: string;
  /** File and place, when the failure is in a file. */
  file?: string | null;
  line?: number | null;
  offset?: number | null;
  at: number;
  /** Other units that failed in the same run. */
  more?: { deviceId: string; playerName: string; message: string }[];
}

export interface DataFile {
  /** Id of the reader that decodes it (formats registry), e.g. 'player1-gps-csv', 'p1', 'fit'. */
  format: string;
  /** Absolute path the processing reads: the raw store copy, or the original for in-place imports. */
  path: string;
  /** Name of the file where it was imported from, for messages ("P1-1003/gps.csv"). */
  sourceName: string;
  size: number;
  /** Content hash of the stored copy; null for files read in place. */
  sha256: string | null;
  /**
   * unit clock − laptop clock (ms) measured when the file was downloaded from its unit;
   * processing subtracts it from every time in the file. 0 for imports.
   */
  clockOffsetMs: number;
  /** Reader options chosen at import (time zone, reference time, ignore checksums); absent/null = defaults. */
  options?: FileReadOptions | null;
  /** The unit whose data it is, when a participant wears several; absent = the participant's main unit. */
  deviceId?: string;
}

/** One unit a participant wears in a session, with its files. */
export interface ParticipantUnit {
  unitId: string;
  deviceId: string;
  files: DataFile[];
}

export interface Participant {
  playerId: string;
  playerName: string;
  position: string;
  /** The main unit: it names the participant in results and progress. */
  unitId: string;
  deviceId: string;
  /** Every file of every unit the participant wears (each names its unit in `deviceId`). */
  files: DataFile[];
  /** Every unit the participant wears, the main one first; most wear one (absent: the main unit alone). */
  units?: ParticipantUnit[];
  /** Which unit each kind of stream is taken from, as chosen; a kind absent (or all) = automatic. */
  sources?: StreamChoice;
}

/** Every unit the participant wears, the main one first. */
export function participantUnits(p: Pick<Participant, 'unitId' | 'deviceId' | 'files' | 'units'>): ParticipantUnit[] {
  return p.units ?? [{ unitId: p.unitId, deviceId: p.deviceId, files: p.files }];
}

export interface Session {
  id: string;
  name: string;
  /** '' = not said. */
  type: SessionType | '';
  /** Time window, UTC epoch milliseconds. */
  startMs: number;
  endMs: number;
  processingStatus: ProcessingStatus;
  reportPath: string | null;
  lastProcessedAt: number | null;
  error: SessionError | null;
  createdAt: number;
  updatedAt: number;
  participants: Participant[];
}

export type SessionSummary = Omit<Session, 'participants'> & {
  participantCount: number;
  /** Why the stored results are not what processing now would give (any player's); empty = current or none. */
  stale: StaleReason[];
};

/** What deleting a session takes with it (the confirmation says so). */
export interface SessionDeleteImpact {
  name: string;
  participants: number;
  files: number;
  results: number;
  periods: number;
  hasReport: boolean;
}
