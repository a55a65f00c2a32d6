/**
 * A pool thread's rehearsal on real units (piscina tasks 'rehearseUnit' and 'rehearseReport',
 * asked for by TaskPool.prepare after it has read and checked the open session's files).
 *
 * The simulated warm-up (warm-up.ts) compiles the engine for a short, clean unit; a real 90-minute
 * unit takes paths it never did (steps sampled across a long recording, other effort and
 * heart-rate branches), and V8 dropped the optimized code there and compiled it again on each
 * thread's first units: a cold app's first Process Report was ~0.15 s slower than the next
 * (docs/bench-pipeline.md). So each thread runs the engine on up to REHEARSAL_UNITS real units,
 * each once (a unit that fails counts too: it is not tried again), as Process Report would (the
 * same task, the decoded cache), and then renders the report from those results, once; from then
 * on the simulated warm-up is not run on it (its short units would only send V8 back to code for
 * them). Nothing on a thread that has processed a real unit already.
 *
 * Reads the units' decoded-cache entries (or decodes the raw files into it, as a preparation does);
 * writes nothing else, stores nothing, emits nothing. The results are held until the report's
 * rehearsal, a real unit processed on the thread, or its memory released, whichever comes first.
 */
import { threadId } from 'node:worker_threads';
import { settingsKey } from '../../../shared/domain/settings.ts';
import { dataKey } from '../../../shared/domain/staleness.ts';
import type { StoredResult } from '../db/results.repo.ts';
import { withScratch } from '../util/scratch.ts';
import { runPlayerTask } from './player-task.ts';
import { REHEARSAL_UNITS, type RehearsalReport, type RehearsalUnit } from './rehearsal.ts';
import { hasProcessedRealUnit, markReportWarm, throwawayReports, type ThrowawayPlayer, type WarmUpResult } from './warm-up.ts';

/** Renders of the report's rehearsal (the report task renders once; V8 optimizes a function after a few calls). */
const REPORT_ROUNDS = 2;

/** The units this thread has rehearsed or tried to (session and unit). */
const attempted = new Set<string>();
/** Their results, until the report's rehearsal. */
let held: { result: StoredResult; player: ThrowawayPlayer }[] = [];
let reportRehearsed = false;

/** Runs the engine on one real unit and keeps the result for the report's rehearsal; `ran` false when it did not run the engine. */
export function rehearseUnit({ task, playerName, position }: RehearsalUnit): WarmUpResult {
  const key = `${task.sessionId}|${task.deviceId}`;
  if (hasProcessedRealUnit() || attempted.size >= REHEARSAL_UNITS || attempted.has(key)) return { threadId, ran: false };
  attempted.add(key);
  const bytes = task.files.reduce((a, f) => a + f.size, 0);
  const r = withScratch(() => runPlayerTask(task, () => {}), 2 * bytes);
  if (!r.ok) return { threadId, ran: false };
  if (!reportRehearsed) {
    held.push({
      result: {
        sessionId: task.sessionId,
        playerId: task.playerId,
        unitId: task.deviceId,
        metrics: r.metrics,
        moments: r.moments,
        problems: r.problems,
        algorithmVersion: r.algorithmVersion,
        settings: task.settings,
        settingsKey: settingsKey(task.settings),
        computedAt: task.window.endMs,
        window: task.window,
        dataKey: dataKey(task.files),
        periods: r.periods,
        quality: r.quality,
        warnings: r.warnings,
        seriesPacked: r.seriesPacked,
        efforts: r.efforts,
        sources: null,
      },
      player: { playerId: task.playerId, playerName, position },
    });
  }
  return { threadId, ran: true };
}

/** Renders the report from this thread's rehearsed results and throws it away, once per thread; `ran` false when there was nothing to do. */
export function rehearseReport(r: RehearsalReport): WarmUpResult {
  const mine = held;
  held = [];
  if (reportRehearsed || hasProcessedRealUnit() || mine.length === 0) return { threadId, ran: false };
  reportRehearsed = true;
  markReportWarm();
  throwawayReports(
    mine.map((h) => h.result),
    mine.map((h) => h.player),
    r.window,
    r.periods,
    r.settings,
    REPORT_ROUNDS,
  );
  return { threadId, ran: true };
}

/** Lets the held results go (a real unit processed here; the thread's memory released). */
export function forgetRehearsal(): void {
  held = [];
}
