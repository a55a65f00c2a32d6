import { z } from 'zod';
import { id, method, none } from './method.ts';
import {
  ImportMappingSchema,
  scaleRefSchema,
  type ImportPreview,
  type SessionFeedback,
  type SurveyAnswer,
  type SurveyImportResult,
  type SurveyScale,
  type SurveySettings,
} from '../domain/survey.ts';

/** A survey CSV's text (read by the renderer or the CLI): 32 MiB at most. */
const csvText = z.string().max(32 * 1024 * 1024, 'a survey file is at most 32 MiB');
const fileName = z.string().min(1).max(260);

export interface SurveySettingsInfo {
  settings: SurveySettings;
  /** The stored survey settings could not be read (another version wrote them): defaults are in use. */
  unreadable: boolean;
  scales: SurveyScale[];
}

export const surveysContract = {
  'surveys:settings': method<SurveySettingsInfo>()(none),
  /** Change some survey settings (the rest keep their values). Never makes a result stale. */
  'surveys:updateSettings': method<SurveySettingsInfo>()(z.object({ patch: z.record(z.string(), z.unknown()) }).strict()),
  /** A session's feedback: each participant's answers, sRPE, checks against baseline, flags, completion. */
  'surveys:session': method<SessionFeedback>()(z.object({ sessionId: id }).strict()),
  /** One answer (one item of RPE or wellness), saved the moment it is given. value null clears it. */
  'surveys:answer': method<SurveyAnswer>()(
    z
      .object({
        sessionId: id,
        playerId: id,
        kind: z.enum(['rpe', 'wellness']),
        item: z.string().min(1).max(80),
        value: z.number().finite().nullable(),
        source: z.enum(['kiosk', 'grid']).default('grid'),
        /** Wellness: the scale asked (default: the answer's own, else the team's). */
        scale: scaleRefSchema.nullable().default(null),
      })
      .strict(),
  ),
  /** The minutes a player's sRPE is computed with (null: the session window). */
  'surveys:setDuration': method<SurveyAnswer>()(
    z.object({ sessionId: id, playerId: id, durationMin: z.number().finite().min(0).max(1440).nullable() }).strict(),
  ),
  /** Reads a survey CSV and guesses which column holds what. Stores nothing. */
  'surveys:previewImport': method<ImportPreview>()(z.object({ fileName, text: csvText }).strict()),
  /** Imports a survey CSV with the confirmed mapping. Importing the same rows again adds nothing. */
  'surveys:import': method<SurveyImportResult>()(z.object({ fileName, text: csvText, mapping: ImportMappingSchema }).strict()),
  /** Imported players the roster did not match, waiting for assignment. */
  'surveys:unmatched': method<{ sourcePlayer: string; answers: number; firstDay: string; lastDay: string }[]>()(none),
  /** Gives every unmatched answer of that name to a roster player (later imports match it too). */
  'surveys:assign': method<{ assigned: number }>()(z.object({ sourcePlayer: z.string().min(1).max(200), playerId: id }).strict()),
};
