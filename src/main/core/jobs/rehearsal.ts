/**
 * The rehearsal of Process Report while the app is idle (jobs:prepare): each pool thread runs the
 * engine on some of the open session's largest units and then renders the report from them,
 * throwing everything away, so that V8 has compiled that code for real data
 * (jobs/rehearse-thread.ts). What both sides share: the core picks the units (JobRunner.rehearsal)
 * and the pool thread stops at REHEARSAL_UNITS.
 */
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { PeriodDef } from '../processing/periods.ts';
import type { PlayerTaskInput } from './player-task.ts';

/**
 * How many of the open session's units each pool thread runs the engine on, and the most a thread
 * rehearses in its life. Units differ in the paths they take through the engine (sprints, dips,
 * heart rate), and V8 compiles for what it has seen. Measured on 25 × 90 minutes, alternating
 * (docs/bench-pipeline.md): a cold app's first Process Report took ~1.0 s of CPU after 1 unit,
 * ~0.98 s after 3, ~0.93 s after 6, against ~0.85 s warm; 6 units cost ~0.2 s of CPU per thread,
 * once, in the background.
 */
export const REHEARSAL_UNITS = 6;

/** A unit to rehearse: the task Process Report would hand the pool, and who wears it (the report lists them). */
export interface RehearsalUnit {
  task: PlayerTaskInput;
  playerName: string;
  position: string;
}

/** What the report's rehearsal needs besides the thread's rehearsed results. */
export interface RehearsalReport {
  window: { startMs: number; endMs: number };
  periods: PeriodDef[];
  settings: EngineSettings;
}

export interface Rehearsal {
  /** Largest first. */
  units: RehearsalUnit[];
  report: RehearsalReport;
}
