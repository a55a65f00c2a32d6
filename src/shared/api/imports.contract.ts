/**
 * Importing any supported file into a session: scan (what is in these files and folders?), let
 * the user see it and assign unknown units to players, then commit (copy into the raw store and
 * link to the session). Per-file findings are pushed as `imports:progress` / `imports:found`
 * while a scan runs, and returned at its end.
 */
import { z } from 'zod';
import { id, method } from './method.ts';
import type { Session } from '../domain/session.ts';
import { birthDate, deviceIdName, playerName, positionName, shirtNumber } from '../domain/roster.ts';
import { timeZoneName, type FileReadOptions } from '../domain/read-options.ts';
import type { WindowOverlap } from '../domain/window-overlap.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** Most files and folders one scan takes, and most files a folder walk collects. */
export const MAX_SCAN_PATHS = 500;
export const MAX_SCAN_FILES = 2000;
/** Largest file accepted through imports:upload (a 90-minute P1 file is ~10 MB, its CSV ~32 MB). */
export const MAX_UPLOAD_FILE_BYTES = 256 * 1024 * 1024;
/** Largest decoded chunk of one imports:upload call (its base64 text fits the bridge's 4 MB frames). */
export const MAX_UPLOAD_CHUNK_BYTES = 1024 * 1024;

export interface StreamFinding {
  samples: number;
  firstMs: number | null;
  lastMs: number | null;
  /** From the median step between samples; null with fewer than two samples. */
  rateHz: number | null;
}

/** Something the reader noticed (a skipped line, a bad block), or why the file cannot be read. */
export interface FindingProblem {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  line: number | null;
  offset: number | null;
  count: number | null;
}

/** Who the unit's data will be linked to unless the user says otherwise. */
export type PlayerSuggestion =
  | { kind: 'player'; playerId: string; name: string; why: 'session' | 'usual-wearer' | 'layout-name' }
  | { kind: 'new'; name: string; position: string; shirtNumber?: number | null; birthDate?: string | null; why: 'layout' };

/**
 * The file names a person whom the roster cannot tell for sure (a person is not a name): several
 * players of that name, or one whose details differ from the file's. The user says which one is
 * meant, or that it is a new player (`newPlayer`, from the file's details).
 */
export interface PlayerQuestion {
  name: string;
  candidates: { playerId: string; name: string; position: string; shirtNumber: number | null; birthDate: string | null; detail: string }[];
  newPlayer: { name: string; position: string; shirtNumber: number | null; birthDate: string | null; detail: string };
}

/** skipped: found by walking a folder, but not a data file (listed in ScanResult.skipped). */
export type FileStage = 'queued' | 'reading' | 'done' | 'failed' | 'skipped';

export interface FileFinding {
  /** Stable within its scan ('f1', 'f2', ...). */
  fileId: string;
  /** Name shown and stored: relative to the chosen folder ("P1-1003/gps.csv"), else the file name. */
  sourceName: string;
  /** Where it was read: the file itself, or its copy in the upload staging area. */
  path: string;
  size: number;
  sha256: string | null;
  stage: FileStage;
  format: { id: string; label: string } | null;
  /** The unit id proposed for the file, from its content, else its folder, else its name. */
  unitId: string | null;
  unitSource: 'file' | 'layout' | 'folder' | 'name' | null;
  /** The roster's unit with that id, if there is one. */
  knownUnit: { id: string; deviceId: string; label: string } | null;
  suggestion: PlayerSuggestion | null;
  /** Which person is meant, when the name alone cannot say (then `suggestion` is null); absent = no question. */
  ask?: PlayerQuestion | null;
  /** The file's time range over all its streams (UTC ms). */
  firstMs: number | null;
  lastMs: number | null;
  /** Overlap with the session window when the scan ran. */
  overlap: WindowOverlap | null;
  streams: { gnss: StreamFinding | null; imu: StreamFinding | null; hr: StreamFinding | null };
  problems: FindingProblem[];
  /** Why the file cannot be imported as it is (file and place in the message). */
  error: FindingProblem | null;
  /** A damaged FIT file the user may choose to read anyway (ignoreChecksums). */
  canIgnoreChecksums: boolean;
  /** The unit's clock runs on local time: options.timeZone says how it was read. */
  localClock: boolean;
  /** The options it was read with; stored with the session's link so processing reads the same. */
  options: FileReadOptions;
  /** Identical bytes are already linked to this session: importing again changes nothing. */
  alreadyImported: { deviceId: string; sourceName: string } | null;
}

export interface SkippedFile {
  sourceName: string;
  path: string;
  reason: string;
}

export interface ScanResult {
  scanId: string;
  sessionId: string;
  window: { startMs: number; endMs: number };
  /** The import time, given to the readers as referenceMs. */
  referenceMs: number;
  files: FileFinding[];
  /** Files found while walking folders that are not data (unknown content, layout metadata, empty). */
  skipped: SkippedFile[];
  /** Player1 CSV layout folders found (their meta.csv names the players). */
  layouts: { folder: string; metaFile: string; units: number }[];
  warnings: string[];
}

export interface CommittedFile {
  fileId: string;
  sourceName: string;
  deviceId: string;
  playerName: string;
  format: string;
  sha256: string;
  /** imported: newly linked; replaced: a different file of that name and unit was linked before; unchanged: nothing to do. */
  outcome: 'imported' | 'replaced' | 'unchanged';
}

export interface ImportCommitResult {
  session: Session;
  files: CommittedFile[];
  createdUnits: string[];
  createdPlayers: string[];
  warnings: string[];
}

export interface UploadResult {
  uploadId: string;
  received: number;
  complete: boolean;
  /** The batch's folder in the staging area: give it to imports:scan once every file is complete. */
  batchPath: string;
}

const playerChoice = z.union([
  z.object({ playerId: id }).strict(),
  z
    .object({
      newPlayer: z
        .object({ name: playerName, position: positionName.default(''), shirtNumber: shirtNumber.nullable().optional(), birthDate: birthDate.nullable().optional() })
        .strict(),
    })
    .strict(),
]);

/** A relative path from a drop or a folder input: plain segments, no '..', no absolute path. */
const relativePath = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (p) => {
      const parts = p.split('/');
      return parts.length <= 16 && parts.every((s) => s.length > 0 && s.length <= 255 && s !== '.' && s !== '..' && !/[\\\0]/.test(s) && !/^[A-Za-z]:$/.test(s));
    },
    { message: 'must be a relative path of plain names separated by /' },
  );

export const importsContract = {
  /**
   * Look at files and folders (folders are walked for supported files; a Player1 CSV layout keeps
   * its meta.csv names). Every file is decoded in the worker pool; findings are pushed as they
   * come (imports:progress, imports:found) and returned at the end. Nothing is stored yet.
   */
  'imports:scan': method<ScanResult>()(
    z
      .object({
        sessionId: id,
        paths: z.array(z.string().trim().min(1).max(4096)).min(1).max(MAX_SCAN_PATHS),
        /** Lets the caller recognise the pushed events of its own scan (else one is made). */
        scanId: uuid.optional(),
        /** Zone for units whose clock runs on local time (default UTC, with a note on the file). */
        timeZone: timeZoneName.optional(),
      })
      .strict(),
  ),
  /**
   * Read one scanned file again with other options: a time zone for a local-clock unit, or
   * ignoreChecksums once the user has seen a damaged FIT file's error and accepts it.
   */
  'imports:rescan': method<FileFinding>()(
    z
      .object({
        scanId: uuid,
        fileId: z.string().min(1).max(16),
        timeZone: timeZoneName.optional(),
        ignoreChecksums: z.boolean().optional(),
      })
      .strict(),
  ),
  /**
   * Import scanned files: copy into the raw store (sha256, atomic; identical bytes are stored
   * once), create unknown units in the roster with the chosen player as usual wearer, and link
   * each file to the session with its format and read options. Identical bytes already linked to
   * the session are left as they are.
   */
  'imports:commit': method<ImportCommitResult>()(
    z
      .object({
        sessionId: id,
        scanId: uuid,
        files: z
          .array(z.object({ fileId: z.string().min(1).max(16), deviceId: deviceIdName, player: playerChoice }).strict())
          .min(1)
          .max(MAX_SCAN_FILES),
      })
      .strict(),
  ),
  /**
   * Bytes of a dropped file where no path exists (a browser through the dev bridge), in order, in
   * chunks of at most 1 MiB (base64), files of at most 256 MiB. Lands in the raw store's staging
   * area under <batch>/<relativePath>; scan the batchPath when every file is complete.
   */
  'imports:upload': method<UploadResult>()(
    z
      .object({
        uploadId: uuid,
        batchId: uuid,
        relativePath,
        totalBytes: z.number().int().min(0).max(MAX_UPLOAD_FILE_BYTES),
        offset: z.number().int().min(0).max(MAX_UPLOAD_FILE_BYTES),
        data: z.string().max(Math.ceil(MAX_UPLOAD_CHUNK_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
      })
      .strict(),
  ),
};

export type { FileReadOptions };
