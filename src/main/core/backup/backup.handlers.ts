import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import type { BackupService } from './backup-service.ts';
import { defaultBackupName } from './create-backup.ts';

type BackupMethods = 'backup:info' | 'backup:openFolder' | 'backup:pickSave' | 'backup:pickArchive' | 'backup:create' | 'backup:verify' | 'backup:restore' | 'backup:cancel' | 'backup:removePrevious';

export function backupHandlers(ctx: CoreContext, service: BackupService): Pick<Handlers, BackupMethods> {
  return {
    'backup:info': () => service.info(),
    'backup:openFolder': async () => {
      if (!ctx.host.openPath) return { opened: false };
      await ctx.host.openPath(ctx.dataDir);
      return { opened: true };
    },
    'backup:pickSave': async () => {
      if (!ctx.host.pickSavePath) throw new AppError('UNAVAILABLE', 'no save dialog here: type where to save the backup');
      return { path: await ctx.host.pickSavePath({ title: 'Save a backup of Player1 Pitchside', defaultName: defaultBackupName(ctx.clock()), filters: [{ name: 'Player1 backup', extensions: ['tar.gz', 'tgz'] }] }) };
    },
    'backup:pickArchive': async () => {
      if (!ctx.host.pickFile) throw new AppError('UNAVAILABLE', 'no file dialog here: type the path of the backup');
      return { path: await ctx.host.pickFile({ title: 'Restore a backup of Player1 Pitchside', filters: [{ name: 'Player1 backup', extensions: ['tar.gz', 'tgz', 'gz'] }] }) };
    },
    'backup:create': ({ path }) => service.create(path),
    'backup:verify': ({ path }) => service.verify(path),
    'backup:restore': ({ token }) => service.restore(token),
    'backup:cancel': () => ({ cancelled: service.cancel() }),
    'backup:removePrevious': ({ path }) => ({ removed: service.removePrevious(path) }),
  };
}
