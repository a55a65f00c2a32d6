/**
 * The cleaning steps, in the order they run. A new step is one file plus one line here.
 * Order matters: steps that drop fixes come before `gaps`, which builds the track; steps that
 * work on the track come after it.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import { qualityGate } from './quality-gate.processor.ts';
import { spikes } from './spikes.processor.ts';
import { gaps } from './gaps.processor.ts';
import { speedSource } from './speed-source.processor.ts';
import { smoothing } from './smoothing.processor.ts';

export const CLEANING_PROCESSORS: readonly CleaningProcessor[] = [qualityGate, spikes, gaps, speedSource, smoothing];
