import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import type { SurveyService } from './survey-service.ts';

type SurveyHandlers = Pick<
  Handlers,
  | 'surveys:settings'
  | 'surveys:updateSettings'
  | 'surveys:session'
  | 'surveys:answer'
  | 'surveys:setDuration'
  | 'surveys:previewImport'
  | 'surveys:import'
  | 'surveys:unmatched'
  | 'surveys:assign'
  | 'load:player'
  | 'load:setAvailability'
>;

export function surveysHandlers(ctx: CoreContext, surveys: SurveyService): SurveyHandlers {
  const info = () => ({ ...surveys.settings(), scales: surveys.scales() });
  const changed = (sessionId: string | null) => ctx.events.emit('surveys:changed', { sessionId });
  return {
    'surveys:settings': () => info(),
    'surveys:updateSettings': ({ patch }) => {
      surveys.updateSettings(patch);
      ctx.events.emit('settings:changed', { key: 'surveys' });
      return info();
    },
    'surveys:session': ({ sessionId }) => surveys.feedback(sessionId),
    'surveys:answer': (input) => {
      const a = surveys.answer(input);
      changed(input.sessionId);
      return a;
    },
    'surveys:setDuration': ({ sessionId, playerId, durationMin }) => {
      const a = surveys.setDuration(sessionId, playerId, durationMin);
      changed(sessionId);
      return a;
    },
    'surveys:previewImport': ({ fileName, text }) => surveys.preview(text, fileName),
    'surveys:import': ({ fileName, text, mapping }) => {
      const r = surveys.import(text, fileName, mapping);
      changed(null);
      return r;
    },
    'surveys:unmatched': () => surveys.repo.unmatched(),
    'surveys:assign': ({ sourcePlayer, playerId }) => {
      if (!ctx.repos.players.get(playerId)) throw new AppError('NOT_FOUND', `no player with id ${playerId}`);
      const assigned = surveys.repo.assign(sourcePlayer, playerId);
      changed(null);
      return { assigned };
    },
    'load:player': ({ playerId, to }) => surveys.overview(playerId, to),
    'load:setAvailability': ({ playerId, from, to, status }) => {
      surveys.setAvailability(playerId, from, to, status);
      return { days: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1 };
    },
  };
}
