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
import type { MetricValues } from '../../../shared/domain/metrics.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { ChartSeries, DataQuality, EngineWarning, PeriodResult, PeriodWindow } from '../../../shared/domain/player-result.ts';
import type { Problem } from '../formats/canonical.ts';
import { FormatError } from '../formats/format-error.ts';
import { readPlayer1Gps, readPlayer1Imu } from '../formats/player1-csv.reader.ts';
import { runEngine } from '../processing/engine.ts';
import { readFileReusing } from './file-buffer.ts';

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

export type TaskStage = 'reading' | 'computing' | 'done';

export interface TaskFailure {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  offset: number | null;
}

export type PlayerTaskResult =
  | {
      ok: true;
      playerId: string;
      deviceId: string;
      algorithmVersion: string;
      /** Whole-session metrics (catalogue keys). */
      metrics: MetricValues;
      periods: PeriodResult[];
      quality: DataQuality;
      /** What the engine noticed (a period the unit does not cover, no heart rate...). */
      warnings: EngineWarning[];
      series: ChartSeries;
      /** What the readers noticed in the files (skipped lines, time going back...). */
      problems: Problem[];
      samples: { gnss: number; imu: number; hr: number };
      firstMs: number | null;
      lastMs: number | null;
    }
  | { ok: false; playerId: string; deviceId: string; error: TaskFailure };

export function runPlayerTask(
  task: PlayerTaskInput,
  onProgress: (stage: TaskStage, fraction: number) => void = () => {},
): PlayerTaskResult {
  const { playerId, deviceId } = task;
  try {
    const gpsFile = task.files.find((f) => f.kind === 'gps');
    if (!gpsFile) {
      return fail(task, { code: 'NO_GPS_FILE', message: 'no gps.csv was imported for this unit', file: null, line: null, offset: null });
    }
    const imuFile = task.files.find((f) => f.kind === 'imu');
    const totalBytes = gpsFile.size + (imuFile?.size ?? 0) || 1;

    onProgress('reading', 0);
    const gps = readPlayer1Gps(readFileReusing(gpsFile.path), gpsFile.sourceName);
    onProgress('reading', (gpsFile.size / totalBytes) * 0.8);
    const imu = imuFile ? readPlayer1Imu(readFileReusing(imuFile.path), imuFile.sourceName) : null;
    onProgress('computing', 0.85);

    const r = runEngine({
      playerId,
      gnss: gps.gnss,
      imu: imu ? imu.imu : null,
      hr: gps.hr,
      window: task.window,
      periods: task.periods,
      settings: task.settings,
    });
    const t = gps.gnss.t;
    onProgress('done', 1);
    return {
      ok: true,
      playerId,
      deviceId,
      algorithmVersion: r.algorithmVersion,
      metrics: r.metrics,
      periods: r.periods,
      quality: r.quality,
      warnings: r.warnings,
      series: r.series,
      problems: [...gps.problems, ...(imu?.problems ?? [])],
      samples: { gnss: t.length, imu: imu ? imu.imu.t.length : 0, hr: gps.hr ? gps.hr.t.length : 0 },
      firstMs: t.length ? t[0] : null,
      lastMs: t.length ? t[t.length - 1] : null,
    };
  } catch (err) {
    if (err instanceof FormatError) {
      return fail(task, { code: err.code, message: err.message, file: err.file, line: err.line, offset: err.offset });
    }
    const e = err as NodeJS.ErrnoException;
    if (e && e.code === 'ENOENT') {
      return fail(task, { code: 'FILE_MISSING', message: `a stored data file is missing: ${e.path ?? ''}`, file: e.path ?? null, line: null, offset: null });
    }
    return fail(task, { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), file: null, line: null, offset: null });
  }
}

function fail(task: PlayerTaskInput, error: TaskFailure): PlayerTaskResult {
  return { ok: false, playerId: task.playerId, deviceId: task.deviceId, error };
}
