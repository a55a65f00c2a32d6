/**
 * A named cleaning step. Each one is a file of its own, listed in registry.ts in the order they
 * run, configured by the team settings, and reports what it changed in counts and in words, so
 * the report can state the exclusion rules and their effect per unit (Malone 2017).
 *
 * Steps before `gaps` mark fixes to drop in `state.fixes`; `gaps` builds `state.track` (the
 * resampled, interpolated track in unbroken stretches); the steps after it work on the track.
 */
import type { EngineSettings } from '../../../../shared/domain/settings.ts';
import type { CleanTrack, FixTable } from '../track.ts';

export interface CleaningState {
  settings: EngineSettings;
  fixes: FixTable;
  track: CleanTrack | null;
}

export interface CleaningOutcome {
  changes: Record<string, number>;
  summary: string;
}

export interface CleaningProcessor {
  id: string;
  label: string;
  /** The rule with the thresholds in force, for the report. */
  rule(s: EngineSettings, state?: CleaningState): string;
  run(state: CleaningState): CleaningOutcome;
}

/** The track, for steps that run after `gaps`. */
export function requireTrack(state: CleaningState, id: string): CleanTrack {
  if (!state.track) throw new Error(`cleaning step '${id}' needs the track built by 'gaps': check the order in cleaning/registry.ts`);
  return state.track;
}
