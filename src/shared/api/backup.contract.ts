import { z } from 'zod';
import { method, none } from './method.ts';

/** One part of the data folder, as Settings lists it. */
export interface DataFolderPart {
  /** Folder or file name inside the data folder ('player1.sqlite', 'raw', 'reports', 'decoded'). */
  name: string;
  /** What it holds, in the user's words. */
  what: string;
  bytes: number;
  files: number;
  /** Whether a backup holds it (the decoded cache is left out: it is rebuilt from the raw files). */
  inBackup: boolean;
}

export interface DataFolderInfo {
  dataDir: string;
  parts: DataFolderPart[];
  /** The host can open the folder in the file manager (backup:openFolder). */
  canOpen: boolean;
  /** The host has save/open dialogs (backup:pickSave, backup:pickArchive); else a path is typed. */
  canPick: boolean;
  /** Data set aside by earlier restores (kept until removed by hand), newest first. */
  previous: { path: string; at: number }[];
  /** A backup or restore under way, if any. */
  busy: 'backup' | 'verify' | 'restore' | null;
}

/** What a backup archive holds, from its manifest (and, for a verified archive, its database). */
export interface BackupSummary {
  createdAt: number;
  appName: string;
  appVersion: string;
  schemaVersion: number;
  /** Files in the archive besides the manifest (the database, raw files, reports). */
  files: number;
  /** Their total size before compression, in bytes. */
  bytes: number;
  sessions: number;
  players: number;
  rawFiles: number;
  reports: number;
  /** The data folder it was made from. */
  sourceDataDir: string;
}

export interface BackupResult {
  path: string;
  /** Size of the archive on disk. */
  archiveBytes: number;
  summary: BackupSummary;
  /** What a backup leaves out on purpose, in the user's words. */
  leftOut: string[];
}

export interface VerifiedBackup {
  /** Pass to backup:restore to replace the data with this archive's. */
  token: string;
  path: string;
  summary: BackupSummary;
  /** What the data folder holds now (what would be replaced). */
  current: { sessions: number; players: number; rawFiles: number; reports: number };
}

export interface RestoreResult {
  summary: BackupSummary;
  /** Where the data that was replaced is kept (a dated folder beside the data), or null when it was removed. */
  previousDataAt: string | null;
}

export type BackupPhase = 'database' | 'files' | 'hashing' | 'archive' | 'extracting' | 'checking' | 'swapping' | 'done';

export const backupContract = {
  /** The data folder (database, raw files, reports, decoded cache) with each part's size. */
  'backup:info': method<DataFolderInfo>()(none),
  /** Opens the data folder in the system's file manager (where the host can). */
  'backup:openFolder': method<{ opened: boolean }>()(none),
  /** The host's save dialog for a new backup; hosts without one answer UNAVAILABLE (type a path). */
  'backup:pickSave': method<{ path: string | null }>()(none),
  /** The host's open dialog for a backup archive; hosts without one answer UNAVAILABLE. */
  'backup:pickArchive': method<{ path: string | null }>()(none),
  /**
   * Writes one archive (.tar.gz) at `path`: the database (SQLite's online backup, consistent while
   * the app runs), the raw files, the reports and a manifest of sha256s (docs/backup.md). The
   * archive appears whole or not at all. Progress: backup:progress.
   */
  'backup:create': method<BackupResult>()(
    z.object({ path: z.string().trim().min(1, 'choose where to save the backup').max(4096) }).strict(),
  ),
  /**
   * Reads a backup completely before anything is replaced: manifest, every file's sha256, the
   * database opens and passes integrity_check, its schema is not newer than this app's. Answers a
   * token for backup:restore. Nothing in the data folder changes.
   */
  'backup:verify': method<VerifiedBackup>()(
    z.object({ path: z.string().trim().min(1, 'choose the backup to restore').max(4096) }).strict(),
  ),
  /** Replaces the data with a verified backup's, atomically; the app's database is closed and reopened around the swap. */
  'backup:restore': method<RestoreResult>()(z.object({ token: z.string().min(1).max(64) }).strict()),
  /** Deletes data an earlier restore set aside (one of backup:info's `previous`; nothing else can be named). */
  'backup:removePrevious': method<{ removed: boolean }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** Stops a backup or verification under way, or forgets a verified backup not restored. */
  'backup:cancel': method<{ cancelled: boolean }>()(none),
};
