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
import { decodeStored } from '../formats/stored-decoder.ts';
import { mergeRecordings } from '../formats/merge-recordings.ts';
import { applyClockOffset } from '../devices/clock.ts';
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
    if (task.files.length === 0) {
      return fail(task, { code: 'NO_FILES', message: 'no data file was imported for this unit', file: null, line: null, offset: null });
    }
    const totalBytes = task.files.reduce((a, f) => a + f.size, 0) || 1;
    let doneBytes = 0;
    onProgress('reading', 0);
    const recordings = task.files.map((f) => {
      // A file from a unit is in the unit's clock: move it onto the laptop's (the session window's).
      const rec = applyClockOffset(decodeStored(f.format, readFileSync(f.path), f.sourceName), f.clockOffsetMs ?? 0);
      doneBytes += f.size;
      onProgress('reading', (doneBytes / totalBytes) * 0.8);
      return rec;
    });
    const rec = mergeRecordings(recordings);
    if (!rec.gnss && !rec.imu) {
      return fail(task, { code: 'NO_DATA', message: "the unit's files hold no GNSS or accelerometer samples", file: rec.source, line: null, offset: null });
    }
    onProgress('computing', 0.85);

    const metrics: MetricValues = {
      ...(rec.gnss
        ? gnssMetrics(rec.gnss, task.window, task.settings)
        : { duration_s: null, distance_m: null, max_speed_ms: null, hsr_distance_m: null }),
      player_load: rec.imu ? playerLoad(rec.imu, task.window) : null,
    };
    const t = rec.gnss?.t ?? rec.imu!.t;
    onProgress('done', 1);
    return {
      ok: true,
      playerId,
      deviceId,
      metrics,
      problems: rec.problems,
      samples: { gnss: rec.gnss?.t.length ?? 0, imu: rec.imu?.t.length ?? 0 },
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
