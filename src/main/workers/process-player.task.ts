/**
 * piscina worker entry. The default export processes one participant; named exports are further
 * tasks of the same pool, chosen with piscina's `name` run option (`scanFile`: one file of an
 * import scan). The Electron build imports this file with `?modulePath`; the CLI and tests hand
 * its path to the pool directly (Node 22 strips the types).
 * Progress goes back over the MessagePort the runner transfers with each processing task.
 */
import type { MessagePort } from 'node:worker_threads';
import { runPlayerTask, type PlayerTaskInput, type PlayerTaskResult } from '../core/jobs/player-task.ts';
import { scanFile as scanOneFile, type ScanFileInput, type ScanFileResult } from '../core/imports/scan-file.ts';
import { trace } from '../core/util/trace.ts';
import { releaseScratch, withScratch } from '../core/util/scratch.ts';
import { releaseFileBuffer } from '../core/jobs/file-buffer.ts';
import { decodeDataFile, type DecodeCounts } from '../core/jobs/read-data-file.ts';
import type { DataFile } from '../../shared/domain/session.ts';
import { writeSessionReport, type SessionReportInput } from '../core/report/session-report.ts';
import { decodedTimeRange } from '../core/devices/file-probe.ts';
import type { TimeWindow } from '../core/devices/types.ts';
import { markWarm, warmUpThread, type WarmUpResult } from '../core/jobs/warm-up.ts';
import { forgetRehearsal, rehearseReport as rehearseTheReport, rehearseUnit as rehearseOneUnit } from '../core/jobs/rehearse-thread.ts';
import type { RehearsalReport, RehearsalUnit } from '../core/jobs/rehearsal.ts';
import { yieldToWindow } from '../core/util/thread-priority.ts';
import { demoRecording as makeDemoRecording, demoSampleBytes, type DemoRecording, type DemoRecordingRequest } from '../core/devices/sim/demo-scenario.ts';

// A pool thread gives way to the window and the core's event loop when a core is contended.
yieldToWindow();
trace('worker:loaded');

export interface WorkerTask {
  input: PlayerTaskInput;
  port: MessagePort;
}

export default function processPlayer({ input, port }: WorkerTask): PlayerTaskResult {
  try {
    // Columns and engine arrays come from this thread's reused memory; the result holds none of
    // them. A unit's arrays take ~1.75 times its CSV bytes (90 minutes: 36 MB for 20.5 MB).
    const bytes = input.files.reduce((a, f) => a + f.size, 0);
    const r = withScratch(() => runPlayerTask(input, (stage, fraction) => port.postMessage({ stage, fraction })), 2 * bytes);
    // The engine has run here on a real unit: a warm-up or a rehearsal would add nothing.
    if (r.ok) {
      markWarm();
      forgetRehearsal();
    }
    // Every file came from the decoded cache: the buffer an import's scan grew to its largest file
    // (~22 MB for a 90-minute 100 Hz unit) goes now rather than after the pool's idle time. (An entry
    // not yet vouched for had its raw file read through it to be checked; the next such read, or a
    // parse, makes another.)
    if (r.ok && r.decodes.parsed === 0) releaseFileBuffer();
    return r;
  } finally {
    port.postMessage({ stage: 'end', fraction: 1 });
    port.close();
  }
}

export interface WarmTask {
  files: DataFile[];
  decodedCacheRoot: string;
}

/**
 * Fills the decoded cache for files that just landed (a download), so the first Process Report
 * reads columns instead of parsing (piscina task name 'warmDecoded'). A file that fails is left
 * for processing to report, naming it.
 */
export function warmDecoded({ files, decodedCacheRoot }: WarmTask): DecodeCounts {
  const counts: DecodeCounts = { parsed: 0, cached: 0 };
  for (const f of files) {
    try {
      withScratch(() => decodeDataFile(f, decodedCacheRoot, counts), 2 * f.size);
    } catch {
      // processing will say what is wrong with it
    }
  }
  return counts;
}

/**
 * A demo unit's recording and its SHA-256 (piscina task name 'demoRecording'), written to the file
 * the request names (the app always names one: the core's process then never holds the recording;
 * without one the bytes are copied back). The simulated samples (~25 MB for 100 minutes) come from
 * this thread's reused memory: as fresh arrays, with the bytes copied to the core, plugging in four
 * demo units made the core's process ~100 MB larger (docs/bench-pipeline.md).
 */
export function demoRecording(r: DemoRecordingRequest): DemoRecording {
  return withScratch(() => makeDemoRecording(r), demoSampleBytes(r.minutes));
}

/** Compiles this thread's engine and report code on a short simulated session, once (piscina task name 'warmUp'; jobs/warm-up.ts). */
export function warmUp(): WarmUpResult {
  return warmUpThread();
}

/** Runs the engine on a real unit of the open session, the result kept for the report's rehearsal only (piscina task name 'rehearseUnit'; jobs/rehearse-thread.ts). */
export function rehearseUnit(unit: RehearsalUnit): WarmUpResult {
  return rehearseOneUnit(unit);
}

/** Renders the report from this thread's rehearsed units and throws it away (piscina task name 'rehearseReport'; jobs/rehearse-thread.ts). */
export function rehearseReport(r: RehearsalReport): WarmUpResult {
  return rehearseTheReport(r);
}

/**
 * Lets this thread's reused memory go (scratch block, file buffer) and keeps its compiled code:
 * asked by the app's pool once its threads have been idle a while (piscina task name
 * 'releaseMemory'; TaskPool.releaseMemory).
 */
export function releaseMemory(): void {
  releaseScratch();
  releaseFileBuffer();
  forgetRehearsal();
}

/** The session's report, built and written off the main thread (piscina task name 'writeReport'). */
export function writeReport(input: SessionReportInput): { path: string } {
  return writeSessionReport(input);
}

/**
 * The time range of a file on a unit's drive (a watch, a logger), decoded here and not on the
 * core's main thread (piscina task name 'timeRange'); null when it does not decode.
 */
export function timeRange({ path }: { path: string }): Promise<TimeWindow | null> {
  return decodedTimeRange(path);
}

export interface ScanWorkerTask {
  input: ScanFileInput;
  /** Told 'reading' when a thread picks the file up (it may wait in the queue before). */
  port: MessagePort;
}

/** One file of an import scan (piscina task name 'scanFile'). */
export async function scanFile({ input, port }: ScanWorkerTask): Promise<ScanFileResult> {
  try {
    port.postMessage({ stage: 'reading' });
    return await scanOneFile(input);
  } finally {
    port.close();
  }
}
