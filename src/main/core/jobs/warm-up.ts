/**
 * A pool thread's warm-up: the engine and the report renderer run once on a short simulated
 * session, so that V8 has compiled their hot code before a real Process Report needs it. Every
 * worker thread is an isolate of its own that starts with nothing compiled: a 90-minute unit met
 * by unoptimized code costs ~2.5x its warm CPU, and a 25-player report's first render ~4x, which
 * made a cold app's first Process Report ~1 s slower than the next ones (docs/bench-pipeline.md).
 *
 * Runs in the pool (piscina task 'warmUp', asked for by TaskPool.warmUp while the app is idle),
 * touches no file and no database, and keeps nothing but the compiled code: its arrays come from
 * the thread's scratch memory and the rendered report is thrown away. Once per thread, and not
 * on a thread that has processed a real unit already. The readers and the decoded cache's reader
 * are not run: their share of a cold task is small (the app bench shows what remains).
 */
import { threadId } from 'node:worker_threads';
import type { Session } from '../../../shared/domain/session.ts';
import { DEFAULT_SETTINGS, settingsKey } from '../../../shared/domain/settings.ts';
import { dataKey } from '../../../shared/domain/staleness.ts';
import type { StoredResult } from '../db/results.repo.ts';
import { ALGORITHM_VERSION } from '../processing/algorithm-version.ts';
import { runEngine } from '../processing/engine.ts';
import { renderReportHtml } from '../report/html-report.ts';
import { packPlayerSeries } from '../../../shared/domain/series-codec.ts';
import { buildReportModel } from '../report/report-model.ts';
import { DEFAULT_SAMPLE, scenarioPlayers, simulateUnit } from '../sample/scenario.ts';
import { withScratch } from '../util/scratch.ts';
import { runPlayerTask, type PlayerTaskInput } from './player-task.ts';

/** Long enough for V8 to optimize the sample loops (tens of thousands of iterations), short enough to cost ~0.1-0.3 s once. */
const WARM_MINUTES = 4;
const WARM_PLAYERS = 3;
/** Engine runs per player: V8 optimizes a function after it has run a few times, not only its loops. */
const WARM_ROUNDS = 3;

let warmed = false;
/** This thread has run the engine on a real unit (processed one, or rehearsed one). */
let metRealData = false;

export interface WarmUpResult {
  threadId: number;
  /** False when this thread was warm already (nothing was run). */
  ran: boolean;
}

/** This thread has processed a real unit: the code is compiled, a warm-up would add nothing. */
export function markWarm(): void {
  warmed = true;
  metRealData = true;
}

/**
 * Runs the engine once on a real unit of the session the user has open (a task as Process Report
 * builds it, jobs/job-runner.ts rehearsalInput) and throws the result away: once per thread, and
 * not on a thread that has processed a real unit already. The simulated warm-up compiles the engine
 * for a short, clean unit; a real 90-minute unit then takes paths it never did (steps sampled
 * across a long recording, other effort and heart-rate branches), and V8 drops the optimized code
 * there and compiles it again: ~20 ms more CPU on each thread's first unit, plus the compilations,
 * which made a cold app's first Process Report ~0.15 s slower than the next (docs/bench-pipeline.md).
 * Reads the unit's decoded-cache entries (or decodes the raw files into it, as a preparation does);
 * stores nothing. `ran` is false for a unit that failed: no rehearsal, and none is counted.
 */
export function rehearseThread(input: PlayerTaskInput): WarmUpResult {
  if (metRealData) return { threadId, ran: false };
  const bytes = input.files.reduce((a, f) => a + f.size, 0);
  // A unit that fails (its file gone, damaged) has not run the engine: the next rehearsal may.
  metRealData = withScratch(() => runPlayerTask(input, () => {}), 2 * bytes).ok;
  return { threadId, ran: metRealData };
}

export function warmUpThread(): WarmUpResult {
  if (warmed) return { threadId, ran: false };
  warmed = true;
  const opts = { ...DEFAULT_SAMPLE, players: WARM_PLAYERS, minutes: WARM_MINUTES };
  const window = { startMs: opts.startMs, endMs: opts.startMs + WARM_MINUTES * 60_000 };
  const half = window.startMs + (WARM_MINUTES / 2) * 60_000;
  const periods = [
    { id: 'warm-a', name: 'First half', startMs: window.startMs, endMs: half },
    { id: 'warm-b', name: 'Second half', startMs: half, endMs: window.endMs },
  ];
  const players = scenarioPlayers(WARM_PLAYERS);
  const results: StoredResult[] = [];
  players.forEach((p, i) => {
    const unit = simulateUnit(opts, i, p);
    for (let round = 0; round < WARM_ROUNDS; round++) {
      const r = withScratch(() => runEngine({ playerId: p.deviceId, gnss: unit.gnss, imu: unit.imu, hr: unit.hr, window, periods, settings: DEFAULT_SETTINGS }));
      if (round === WARM_ROUNDS - 1) {
        results.push({
          sessionId: 'warm-up',
          playerId: p.deviceId,
          unitId: p.deviceId,
          metrics: r.metrics,
          moments: r.moments,
          problems: [],
          algorithmVersion: ALGORITHM_VERSION,
          settings: DEFAULT_SETTINGS,
          settingsKey: settingsKey(DEFAULT_SETTINGS),
          computedAt: window.endMs,
          window,
          dataKey: dataKey([]),
          periods: r.periods,
          quality: r.quality,
          warnings: r.warnings,
          seriesPacked: packPlayerSeries({ playerId: p.deviceId, series: r.series }),
          efforts: r.efforts,
          sources: null,
        });
      }
    }
  });
  const session: Session = {
    id: 'warm-up',
    name: 'Warm-up',
    type: 'training',
    startMs: window.startMs,
    endMs: window.endMs,
    processingStatus: 'COMPLETED',
    reportPath: null,
    lastProcessedAt: null,
    error: null,
    createdAt: window.startMs,
    updatedAt: window.startMs,
    participants: players.map((p) => ({ playerId: p.deviceId, playerName: p.playerName, position: p.position, unitId: p.deviceId, deviceId: p.deviceId, files: [] })),
  };
  for (let round = 0; round < WARM_ROUNDS; round++) {
    const model = buildReportModel({
      session,
      // As the report task builds it: the model without the series, the series as records.
      results: results.map((r) => ({ ...r, seriesPacked: null })),
      generatedAt: window.endMs,
      timeZone: 'UTC',
      app: { name: 'Player1 Pitchside', version: 'warm-up', algorithmVersion: ALGORITHM_VERSION },
      settings: DEFAULT_SETTINGS,
      periods: periods.map((p) => ({ ...p, playerIds: null })),
    });
    renderReportHtml(model, '', results.flatMap((r) => (r.seriesPacked ? [r.seriesPacked] : [])));
  }
  return { threadId, ran: true };
}
