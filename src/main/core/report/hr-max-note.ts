/**
 * The sentence saying which HRmax a report's heart-rate zones and TRIMP were read against
 * (shared/domain/settings-rules.ts hrMaxNote), from the settings the results were computed with
 * and the players with heart-rate data: the report's Heart rate section and the app's results
 * (results:list) say the same words. Null when no player has heart-rate data.
 */
import type { ReportModel } from '../../../shared/domain/report.ts';
import { EngineSettingsSchema } from '../../../shared/domain/settings.ts';
import { hrMaxNote } from '../../../shared/domain/settings-rules.ts';

export function hrMaxNoteOf(model: Pick<ReportModel, 'settings' | 'players'>): string | null {
  const parsed = EngineSettingsSchema.safeParse(model.settings);
  if (!parsed.success) return null;
  return hrMaxNote(parsed.data, model.players.filter((p) => p.metrics.hr_mean_bpm != null).map((p) => ({ playerId: p.playerId, name: p.name })));
}
