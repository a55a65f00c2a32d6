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
import { combineUnits, type CombinedRecording, type DeviceChoice } from './combine-units.ts';
import { applyClockOffset } from '../devices/clock.ts';
import { runEngine } from '../processing/engine.ts';
import { decodeDataFile, FileFailure, type DecodeCounts, type TaskFailure } from './read-data-file.ts';
import { StageTimes, TRACE_ON, trace } from '../util/trace.ts';
import { packPlayerSeries } from '../../../shared/domain/series-codec.ts';

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
  /**
   * The decoded cache's folder (store/decoded-cache.ts): files of the raw store are read from it
   * and their entries written there; null: every file is parsed (the CLI's one-shot runs).
   */
  decodedCacheRoot?: string | null;
  /** A player wearing several units: which unit (device id) each kind of stream comes from; absent = automatic. */
  sources?: DeviceChoice;
}

/** A task's progress stages; 'done' is the job runner's, sent once the result is stored. */
export type TaskStage = 'reading' | 'computing' | 'done';

export type { TaskFailure } from './read-data-file.ts';

export type PlayerTaskResult =
  | (Omit<PlayerEngineResult, 'series'> & {
      ok: true;
      /**
       * The engine's 1 s chart series, packed here in the pool thread (series-codec.ts
       * packPlayerSeries): stored as it is, and joined with the others' for the report and the
       * session page (a tenth of the series as numbers to hand over and no JSON to write).
       */
      seriesPacked: Uint8Array;
      playerId: string;
      deviceId: string;
      /** What the readers noticed in the files (skipped lines, time going back...). */
      problems: Problem[];
      samples: { gnss: number; imu: number; hr: number };
      /** Which unit each kind of stream came from (one unit: that unit for every kind present). */
      sources: CombinedRecording['sources'];
      firstMs: number | null;
      lastMs: number | null;
      /** How many of the unit's files a reader parsed, and how many came from the decoded cache. */
      decodes: DecodeCounts;
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
    const decodes: DecodeCounts = { parsed: 0, cached: 0 };
    const recordings = task.files.map((f) => {
      // Decoded once, at import: read from the decoded cache, or parsed with the reader and read
      // options recorded at import (content is not sniffed again) and cached for next time.
      // A file from a unit is in the unit's clock: it is moved onto the laptop's (the session window's).
      const parsedBefore = decodes.parsed;
      const rec = applyClockOffset(decodeDataFile(f, task.decodedCacheRoot ?? null, decodes), f.clockOffsetMs ?? 0);
      stages?.lap(decodes.parsed > parsedBefore ? `decode:${f.format}` : 'cache');
      doneBytes += f.size;
      onProgress('reading', (doneBytes / totalBytes) * 0.8);
      return rec;
    });
    // Several files of a unit are merged in time; several units, kind by kind.
    const { recording: rec, sources } = combineUnits(task.files, recordings, deviceId, task.sources);
    if (!rec.gnss && !rec.imu) {
      return fail(task, { code: 'NO_DATA', message: "the unit's files hold no GNSS or accelerometer samples", file: rec.source, line: null, offset: null });
    }
    onProgress('computing', 0.85);
    stages?.lap(null);

    const { series, ...r } = runEngine({
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
      // everything the engine returns, as it returns it, the series packed
      ...r,
      seriesPacked: packPlayerSeries({ playerId, series }),
      problems: rec.problems,
      samples: { gnss: rec.gnss?.t.length ?? 0, imu: rec.imu?.t.length ?? 0, hr: rec.hr?.t.length ?? 0 },
      sources,
      firstMs: t.length ? t[0] : null,
      lastMs: t.length ? t[t.length - 1] : null,
      decodes,
    };
  } catch (err) {
    if (err instanceof FileFailure) return fail(task, err.failure);
    if (err instanceof FormatError) {
      return fail(task, { code: err.code, message: err.message, file: err.file, line: err.line, offset: err.offset });
    }
    return fail(task, { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), file: null, line: null, offset: null });
  }
}

function fail(task: PlayerTaskInput, error: TaskFailure): PlayerTaskResult {
  return { ok: false, playerId: task.playerId, deviceId: task.deviceId, error };
}
