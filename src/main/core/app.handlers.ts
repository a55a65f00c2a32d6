import { AppError } from '../../shared/api/errors.ts';
import type { Handlers } from '../../shared/api/contract.ts';
import type { CoreContext } from './context.ts';
import { ALGORITHM_VERSION } from './processing/algorithm-version.ts';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app:info' | 'app:pickFolder' | 'app:pickFiles'> {
  return {
    'app:info': () => ({
      name: ctx.appName,
      version: ctx.appVersion,
      dataDir: ctx.dataDir,
      host: ctx.host.kind,
      algorithmVersion: ALGORITHM_VERSION,
    }),
    'app:pickFolder': async ({ title }) => {
      if (!ctx.host.pickFolder) throw new AppError('UNAVAILABLE', 'no folder picker here: type the folder path');
      return { path: await ctx.host.pickFolder(title ?? 'Choose a folder') };
    },
    'app:pickFiles': async ({ title }) => {
      if (!ctx.host.pickFiles) throw new AppError('UNAVAILABLE', 'no file picker here: drop the files, or type a path');
      return { paths: await ctx.host.pickFiles(title ?? 'Choose files') };
    },
  };
}
