/**
 * `npm run sample [-- <dir> --players N --minutes M]`: writes the deterministic sample session
 * (Player1 CSV layout). Default: resources/sample-session, 5 players x 10 minutes.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { ensureSampleSession } from '../src/main/core/sample/sample-session.ts';
import { REPO_ROOT } from '../src/main/core/node-paths.ts';

const { values, positionals } = parseArgs({
  options: { players: { type: 'string' }, minutes: { type: 'string' }, seed: { type: 'string' } },
  allowPositionals: true,
});
const dir = resolve(positionals[0] ?? join(REPO_ROOT, 'resources', 'sample-session'));
const info = ensureSampleSession(dir, {
  ...(values.players ? { players: Number(values.players) } : {}),
  ...(values.minutes ? { minutes: Number(values.minutes) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
});
console.log(`sample session (${info.deviceIds.length} units, ${info.options.minutes} min) in ${info.dir}`);
