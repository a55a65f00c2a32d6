/**
 * A pool thread's warm-up: the engine and the report renderer run once on a short simulated
 * session, so that V8 has compiled their hot code before a real Process Report needs it. Every
 * worker thread is an isolate of its own that starts with nothing compiled: a 90-minute unit met
 * by unoptimized code costs ~2.5x its warm CPU, and a 25-player report's first render ~4x, which
 * made a cold app's first Process Report ~1 s slower than the next ones (docs/bench-pipeline.md).
 *
 * Runs in the pool (piscina task 'warmUp', asked for by TaskPool.warmUp while the app is idle),
 * touches no file and no database, and keeps nothing but the compiled code: its arrays come from
 * the thread's scratch memory and the rendered report is thrown away. Once per thread, and not on
 * a thread that has processed a real unit, or rendered the report of a rehearsal on real units
 * (jobs/rehearse-thread.ts), already. The readers and the decoded cache's reader are not run: the
 * rehearsal on the open session's units does that.
 */
import { threadId } from 'node:worker_threads';
import type { Session } from '../../../shared/domain/session.ts';
import { DEFAULT_SETTINGS, settingsKey, type EngineSettings } from '../../../shared/domain/settings.ts';
import type { PeriodDef } from '../processing/periods.ts';
import { dataKey } from '../../../shared/domain/staleness.ts';
import type { StoredResult } from '../db/results.repo.ts';
import { ALGORITHM_VERSION } from '../processing/algorithm-version.ts';
import { runEngine } from '../processing/engine.ts';
import { renderReportHtml } from '../report/html-report.ts';
import { packPlayerSeries } from '../../../shared/domain/series-codec.ts';
import { buildReportModel } from '../report/report-model.ts';
import { DEFAULT_SAMPLE, scenarioPlayers, simulateUnit } from '../sample/scenario.ts';
import { withScratch } from '../util/scratch.ts';

/** Long enough for V8 to optimize the sample loops (tens of thousands of iterations), short enough to cost ~0.1-0.3 s once. */
const WARM_MINUTES = 4;
const WARM_PLAYERS = 3;
/** Engine runs per player: V8 optimizes a function after it has run a few times, not only its loops. */
const WARM_ROUNDS = 3;

let warmed = false;
/** This thread has processed a real unit (a rehearsal adds nothing then). */
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

/** Whether this thread has processed a real unit (a rehearsal adds nothing then). */
export function hasProcessedRealUnit(): boolean {
  return metRealData;
}

/** The report has been rendered on this thread from real results (a rehearsal's): the simulated warm-up would add nothing. */
export function markReportWarm(): void {
  warmed = true;
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
  throwawayReports(
    results,
    players.map((p) => ({ playerId: p.deviceId, playerName: p.playerName, position: p.position })),
    window,
    periods.map((p) => ({ ...p, playerIds: null })),
    DEFAULT_SETTINGS,
    WARM_ROUNDS,
  );
  return { threadId, ran: true };
}

/** Who a throwaway report lists. */
export interface ThrowawayPlayer {
  playerId: string;
  playerName: string;
  position: string;
}

/** The report built and rendered `rounds` times from these results, as the report task does, and thrown away. */
export function throwawayReports(
  results: StoredResult[],
  players: ThrowawayPlayer[],
  window: { startMs: number; endMs: number },
  periods: PeriodDef[],
  settings: EngineSettings,
  rounds: number,
): void {
  const byId = new Map(players.map((p) => [p.playerId, p]));
  const session: Session = {
    id: results[0].sessionId,
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
    participants: results.map((r) => ({
      playerId: r.playerId,
      playerName: byId.get(r.playerId)?.playerName ?? r.playerId,
      position: byId.get(r.playerId)?.position ?? '',
      unitId: r.unitId,
      deviceId: r.unitId,
      files: [],
    })),
  };
  for (let round = 0; round < rounds; round++) {
    const model = buildReportModel({
      session,
      // As the report task builds it: the model without the series, the series as records.
      results: results.map((r) => ({ ...r, seriesPacked: null })),
      generatedAt: window.endMs,
      timeZone: 'UTC',
      app: { name: 'Player1 Pitchside', version: 'warm-up', algorithmVersion: ALGORITHM_VERSION },
      settings,
      periods,
    });
    renderReportHtml(model, '', results.flatMap((r) => (r.seriesPacked ? [r.seriesPacked] : [])));
  }
}
