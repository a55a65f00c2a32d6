/**
 * One participant's processing, as run inside a pool worker: read the unit's files, decode them,
 * compute the metrics for the session window. Workers get paths and settings and return a
 * compact result (metrics and problems), never the samples themselves.
 *
 * It never throws for bad data: a missing or undecodable file becomes a failed result that names
 * the unit, the file and the place, so the job runner can say exactly which unit failed.
 */
import { readFileSync } from 'node:fs';
import type { DataFile } from '../../../shared/domain/session.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';
import type { Problem } from '../formats/canonical.ts';
import { FormatError } from '../formats/format-error.ts';
import { readPlayer1Gps, readPlayer1Imu } from '../formats/player1-csv.reader.ts';
import { gnssMetrics, playerLoad, type BasicSettings, type WindowMs } from '../processing/basic-metrics.ts';

export interface PlayerTaskInput {
  sessionId: string;
  playerId: string;
  deviceId: string;
  files: DataFile[];
  window: WindowMs;
  settings: BasicSettings;
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
      metrics: MetricValues;
      problems: Problem[];
      samples: { gnss: number; imu: number };
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
    const gps = readPlayer1Gps(readStored(gpsFile), gpsFile.sourceName);
    onProgress('reading', gpsFile.size / totalBytes * 0.8);
    const imu = imuFile ? readPlayer1Imu(readStored(imuFile), imuFile.sourceName) : null;
    onProgress('computing', 0.85);

    const metrics: MetricValues = {
      ...gnssMetrics(gps.gnss, task.window, task.settings),
      player_load: imu ? playerLoad(imu.imu, task.window) : null,
    };
    const problems = [...gps.problems, ...(imu?.problems ?? [])];
    const t = gps.gnss.t;
    onProgress('done', 1);
    return {
      ok: true,
      playerId,
      deviceId,
      metrics,
      problems,
      samples: { gnss: t.length, imu: imu ? imu.imu.t.length : 0 },
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

function readStored(f: DataFile): Uint8Array {
  return readFileSync(f.path);
}

function fail(task: PlayerTaskInput, error: TaskFailure): PlayerTaskResult {
  return { ok: false, playerId: task.playerId, deviceId: task.deviceId, error };
}
