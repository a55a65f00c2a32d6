import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import { commitImport } from './import-commit.ts';
import type { ImportScanner } from './scanner.ts';
import type { UploadStaging } from './upload-staging.ts';

type ImportHandlers = Pick<Handlers, 'imports:scan' | 'imports:rescan' | 'imports:commit' | 'imports:upload'>;

export function importsHandlers(ctx: CoreContext, scanner: ImportScanner, staging: UploadStaging): ImportHandlers {
  return {
    'imports:scan': (input) => scanner.scan(input),
    'imports:rescan': (input) => scanner.rescan(input),
    'imports:commit': (input) => commitImport(ctx, scanner, input),
    'imports:upload': (input) => staging.receive(input),
  };
}
