import type { ParticipantProgress } from './jobs.contract.ts';
import type { DeviceView, DownloadDoneView, DownloadFailedView, DownloadProgressView, PortProblem } from './devices.contract.ts';
import type { ProcessingStatus, SessionError } from '../domain/session.ts';
import type { EventName } from './channels.ts';
import type { SyncStatus } from './sync.contract.ts';
import type { FileFinding, FileStage } from './imports.contract.ts';
import type { BackupPhase } from './backup.contract.ts';

/** Payloads of the push events (main -> renderer). */
export interface EventPayloads {
  'jobs:progress': { sessionId: string } & ParticipantProgress;
  'sessions:changed': { sessionId: string; status: ProcessingStatus; error: SessionError | null };
  'roster:changed': { kind: 'players' | 'units' };
  /** A unit was found (or its details changed, e.g. its player): upsert by deviceId. */
  'devices:attached': DeviceView;
  'devices:detached': { deviceId: string; unitId: string };
  /** At most every 100 ms per unit while it downloads, and once at the end. */
  'devices:progress': DownloadProgressView;
  /** A unit's download ended: its files are stored and linked to the session. */
  'devices:done': DownloadDoneView;
  /** A unit's download failed (the others go on): the message names the unit and says why. */
  'devices:failed': DownloadFailedView;
  /** A port could not be opened or identified while looking for units (e.g. refused: the udev rule). */
  'devices:problem': PortProblem;
  /** A session's periods were created, edited or deleted (its results may now be stale). */
  'periods:changed': { sessionId: string };
  /** The team settings changed (stored results keep the settings they were computed with). */
  'settings:changed': { key: string };
  /** A scanned file changed stage (queued, reading, done, failed); done/total count the scan's files. */
  'imports:progress': { scanId: string; sessionId: string; fileId: string; sourceName: string; stage: FileStage; done: number; total: number };
  /** What a scan found in one file (also after imports:rescan). */
  'imports:found': { scanId: string; sessionId: string; finding: FileFinding };
  /** Survey answers changed: one session's (sessionId), or many at once (an import: null). */
  'surveys:changed': { sessionId: string | null };
  /** The sync status changed (a bundle queued, sent, refused; the token refused). */
  'sync:changed': SyncStatus;
  /** A backup, a backup's check or a restore moved on (done/total in bytes or steps), at most every 100 ms. */
  'backup:progress': { op: 'backup' | 'verify' | 'restore'; phase: BackupPhase; done: number; total: number };
}

export type EventPayload<E extends EventName> = EventPayloads[E];
