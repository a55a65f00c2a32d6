/** Runs the registered cleaning steps over one unit's fixes in a window; returns the track and what each step did. */
import type { GnssStream } from '../../formats/canonical.ts';
import type { EngineSettings } from '../../../../shared/domain/settings.ts';
import type { ProcessorReport } from '../../../../shared/domain/player-result.ts';
import { fixTable, type CleanTrack, type FixTable } from '../track.ts';
import type { CleaningProcessor, CleaningState } from './cleaning-processor.ts';
import { CLEANING_PROCESSORS } from './registry.ts';

export interface CleanedGnss {
  fixes: FixTable;
  track: CleanTrack;
  steps: ProcessorReport[];
}

export function cleanGnss(
  g: GnssStream,
  from: number,
  to: number,
  settings: EngineSettings,
  processors: readonly CleaningProcessor[] = CLEANING_PROCESSORS,
): CleanedGnss {
  const state: CleaningState = { settings, fixes: fixTable(g, from, to, settings.gaps), track: null };
  const steps: ProcessorReport[] = [];
  for (const p of processors) {
    const out = p.run(state);
    steps.push({ id: p.id, label: p.label, rule: p.rule(settings, state), changes: out.changes, summary: out.summary });
  }
  if (!state.track) throw new Error("the cleaning steps built no track: 'gaps' must be registered");
  return { fixes: state.fixes, track: state.track, steps };
}
