import type { Handlers } from '../../../shared/api/contract.ts';
import type { SettingsInfo } from '../../../shared/api/settings.contract.ts';
import { DEFAULT_SETTINGS, settingsKey } from '../../../shared/domain/settings.ts';
import { ALGORITHM_VERSION } from '../processing/algorithm-version.ts';
import type { CoreContext } from '../context.ts';

/**
 * Team settings. Changing them recomputes nothing: every stored result keeps the settings it was
 * computed with, and results:list marks those computed with other settings until the session is
 * processed again (explicitly, with jobs:start).
 */
export function settingsHandlers(ctx: CoreContext): Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:reset'> {
  const info = (): SettingsInfo => {
    const { settings, updatedAt, unreadable } = ctx.repos.settings.get();
    return { settings, defaults: DEFAULT_SETTINGS, key: settingsKey(settings), updatedAt, algorithmVersion: ALGORITHM_VERSION, unreadable };
  };
  const changed = () => {
    const i = info();
    ctx.events.emit('settings:changed', { key: i.key });
    return i;
  };
  return {
    'settings:get': () => info(),
    'settings:update': ({ settings }) => {
      ctx.repos.settings.set(settings, ctx.clock());
      return changed();
    },
    'settings:reset': () => {
      ctx.repos.settings.reset();
      return changed();
    },
  };
}
