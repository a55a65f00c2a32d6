/**
 * A player's Player Feedback in the metrics JSON (`player1 process --surveys ... --json`): snake
 * case, absent answers are null (never 0). Documented in docs/cli.md.
 */
import type { PlayerFeedback } from '../../../shared/domain/survey.ts';

export interface FeedbackJson {
  /** CR-10, 0..10, or null when not answered. */
  rpe: number | null;
  /** rpe × duration_min (Foster 2001), AU. */
  srpe_au: number | null;
  duration_min: number | null;
  /** 'answer': the minutes given with the RPE; 'session': the session window. */
  duration_source: 'answer' | 'session' | null;
  /** The load the survey file stated, AU (null when it had none). */
  stated_load_au: number | null;
  /** Given less than the early limit (default 30 min) after the session ended. */
  early: boolean;
  wellness: {
    scale: { id: string; version: number; name: string };
    items: Record<string, number | null>;
    total: number | null;
  } | null;
  flags: { kind: string; level: string; item: string | null; z: number | null; text: string }[];
}

export function feedbackJson(pf: PlayerFeedback, scaleItems: (id: string, version: number) => string[]): FeedbackJson {
  const w = pf.wellness;
  return {
    rpe: pf.rpe,
    srpe_au: pf.srpeAu,
    duration_min: pf.durationMin,
    duration_source: pf.durationSource,
    stated_load_au: pf.statedLoad,
    early: pf.early,
    wellness: w
      ? {
          scale: { id: w.scaleId, version: w.scaleVersion, name: w.scaleName },
          items: Object.fromEntries(scaleItems(w.scaleId, w.scaleVersion).map((k) => [k, w.items[k] ?? null])),
          total: w.total,
        }
      : null,
    flags: pf.flags.map((f) => ({ kind: f.kind, level: f.level, item: f.item, z: f.z, text: f.text })),
  };
}
