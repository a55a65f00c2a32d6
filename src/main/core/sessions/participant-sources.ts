/**
 * The choice of units in force for a participant (which unit gives GNSS, accelerometer, heart
 * rate): the stored choice, keeping only units the participant still wears, and nothing at all for
 * a participant of one unit (there is nothing to choose). Processing records it with the result;
 * staleness compares it with the choice now.
 */
import { participantUnits, type Participant } from '../../../shared/domain/session.ts';
import { STREAM_KINDS, choiceKey, type StreamChoice } from '../../../shared/domain/stream-sources.ts';

export function currentChoice(p: Pick<Participant, 'unitId' | 'deviceId' | 'files' | 'units' | 'sources'>): StreamChoice {
  const units = participantUnits(p);
  if (units.length < 2) return {};
  const out: StreamChoice = {};
  for (const k of STREAM_KINDS) {
    const u = p.sources?.[k];
    if (u && units.some((x) => x.unitId === u)) out[k] = u;
  }
  return out;
}

/** The staleness key of the participant's choice now. */
export const currentChoiceKey = (p: Pick<Participant, 'unitId' | 'deviceId' | 'files' | 'units' | 'sources'>): string => choiceKey(currentChoice(p));
