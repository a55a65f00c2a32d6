/**
 * One participant's processing, as run inside a pool worker: read the unit's files, decode them,
 * run the engine (cleaning, metrics for the session window and each period, data quality).
 * Workers get paths and settings and return a compact result (metrics, quality, warnings and
 * down-sampled chart series), never the samples themselves.
 *
 * It never throws for bad data: a missing or undecodable file becomes a failed result that names
 * the unit, the file and the place, so the job runner can say exactly which unit failed. Data that
 * decodes but does not cover the session or a period is a warning in the result, not a failure.
 */
import type { DataFile } from '../../../shared/domain/session.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { PeriodWindow, PlayerEngineResult } from '../../../shared/domain/player-result.ts';
import type { Problem } from '../formats/canonical.ts';
import { FormatError } from '../formats/format-error.ts';
import { decodeBytes } from '../formats/decode-file.ts';
import { mergeRecordings } from '../formats/merge-recordings.ts';
import { applyClockOffset } from '../devices/clock.ts';
import { runEngine } from '../processing/engine.ts';
import { readFileReusing } from './file-buffer.ts';
import { createHash } from 'node:crypto';
import { StageTimes, TRACE_ON, trace } from '../util/trace.ts';

export interface WindowMs {
  startMs: number;
  endMs: number;
}

export interface PlayerTaskInput {
  sessionId: string;
  playerId: string;
  deviceId: string;
  files: DataFile[];
  /** The session window, half-open [startMs, endMs). */
  window: WindowMs;
  /** The periods that apply to this player. */
  periods: PeriodWindow[];
  settings: EngineSettings;
}

/** A task's progress stages; 'done' is the job runner's, sent once the result is stored. */
export type TaskStage = 'reading' | 'computing' | 'done';

export interface TaskFailure {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  offset: number | null;
}

export type PlayerTaskResult =
  | (PlayerEngineResult & {
      ok: true;
      playerId: string;
      deviceId: string;
      /** What the readers noticed in the files (skipped lines, time going back...). */
      problems: Problem[];
      samples: { gnss: number; imu: number; hr: number };
      firstMs: number | null;
      lastMs: number | null;
    })
  | { ok: false; playerId: string; deviceId: string; error: TaskFailure };

export function runPlayerTask(
  task: PlayerTaskInput,
  onProgress: (stage: TaskStage, fraction: number) => void = () => {},
): PlayerTaskResult {
  const { playerId, deviceId } = task;
  try {
    if (task.files.length === 0) {
      return fail(task, { code: 'NO_FILES', message: 'no data file was imported for this unit', file: null, line: null, offset: null });
    }
    const totalBytes = task.files.reduce((a, f) => a + f.size, 0) || 1;
    let doneBytes = 0;
    onProgress('reading', 0);
    // P1_TRACE=1: wall and CPU ms of each stage, for the pipeline bench.
    const stages = TRACE_ON ? new StageTimes() : null;
    const recordings = task.files.map((f) => {
      // The reader and the read options recorded at import decode it; content is not sniffed again.
      // A file from a unit is in the unit's clock: it is moved onto the laptop's (the session window's).
      const bytes = readStored(f);
      const changed = changedSinceImport(f, bytes);
      if (changed) throw changed;
      stages?.lap('read');
      const rec = applyClockOffset(decodeBytes(bytes, f.sourceName, { ...f.options, format: f.format }), f.clockOffsetMs ?? 0);
      stages?.lap(`decode:${f.format}`);
      doneBytes += f.size;
      onProgress('reading', (doneBytes / totalBytes) * 0.8);
      return rec;
    });
    const rec = mergeRecordings(recordings);
    if (!rec.gnss && !rec.imu) {
      return fail(task, { code: 'NO_DATA', message: "the unit's files hold no GNSS or accelerometer samples", file: rec.source, line: null, offset: null });
    }
    onProgress('computing', 0.85);
    stages?.lap(null);

    const r = runEngine({
      playerId,
      gnss: rec.gnss,
      imu: rec.imu,
      hr: rec.hr,
      window: task.window,
      periods: task.periods,
      settings: task.settings,
    });
    const t = rec.gnss?.t ?? rec.imu!.t;
    if (stages) {
      stages.lap('engine');
      trace('task', { unit: deviceId, ...stages.done() });
    }
    // No 'done' from here: the job runner says it once the result is stored.
    return {
      ok: true,
      playerId,
      deviceId,
      // everything the engine returns, as it returns it
      ...r,
      problems: rec.problems,
      samples: { gnss: rec.gnss?.t.length ?? 0, imu: rec.imu?.t.length ?? 0, hr: rec.hr?.t.length ?? 0 },
      firstMs: t.length ? t[0] : null,
      lastMs: t.length ? t[t.length - 1] : null,
    };
  } catch (err) {
    if (err instanceof FileFailure) return fail(task, err.failure);
    if (err instanceof FormatError) {
      return fail(task, { code: err.code, message: err.message, file: err.file, line: err.line, offset: err.offset });
    }
    return fail(task, { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), file: null, line: null, offset: null });
  }
}

/** A data file that cannot be used as imported: missing, unreadable, or changed since. */
class FileFailure {
  readonly failure: TaskFailure;
  constructor(failure: TaskFailure) {
    this.failure = failure;
  }
}

/** The file's bytes; a file gone or unreadable (a folder in its place, no permission) names itself. */
function readStored(f: DataFile): Uint8Array {
  try {
    return readFileReusing(f.path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const what = f.sha256 !== null ? `the app's stored copy of ${f.sourceName}` : f.sourceName;
    const failure: TaskFailure =
      e.code === 'ENOENT'
        ? { code: 'FILE_MISSING', message: `${what} is missing (${f.path}): import the unit's file again`, file: f.sourceName, line: null, offset: null }
        : { code: 'FILE_UNREADABLE', message: `${what} cannot be read (${e.code ?? 'error'}: ${e.message}): import the unit's file again`, file: f.sourceName, line: null, offset: null };
    throw new FileFailure(failure);
  }
}

/**
 * A file is processed only as it was when imported (what the import showed, what a result's
 * data key names): same size, and for the app's stored copy the same SHA-256 (~11 ms for 20 MB).
 * Otherwise the unit fails naming the file, and its earlier result is kept: a truncated or
 * damaged copy never silently replaces a good result.
 */
function changedSinceImport(f: DataFile, bytes: Uint8Array): FileFailure | null {
  const stored = f.sha256 !== null;
  const sizeDiffers = bytes.length !== f.size;
  if (!sizeDiffers && !(stored && createHash('sha256').update(bytes).digest('hex') !== f.sha256)) return null;
  const how = sizeDiffers ? `${f.size} bytes when imported, ${bytes.length} now` : 'the same size, other content';
  const message = stored
    ? `the app's stored copy of ${f.sourceName} has changed since it was imported (${how}): it was damaged on disk; import the unit's file again`
    : `${f.sourceName} has changed since it was imported (${how}; it is read where it is): import it again to process what it holds now`;
  return new FileFailure({ code: 'FILE_CHANGED', message, file: f.sourceName, line: null, offset: null });
}

function fail(task: PlayerTaskInput, error: TaskFailure): PlayerTaskResult {
  return { ok: false, playerId: task.playerId, deviceId: task.deviceId, error };
}
