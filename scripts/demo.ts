/**
 * `npm run demo`: generates the bundled sample session (deterministic, 5 players x 10 minutes)
 * into resources/sample-session, processes it end to end with the same core as the app
 * (worker pool, report writer), and prints where the report is.
 */
import { join } from 'node:path';
import { ensureSampleSession } from '../src/main/core/sample/sample-session.ts';
import { REPO_ROOT } from '../src/main/core/node-paths.ts';
import { main } from '../src/main/cli/main.ts';

const sample = ensureSampleSession(join(REPO_ROOT, 'resources', 'sample-session'));
const outDir = join(REPO_ROOT, 'demo-output');
console.log(`Sample session: ${sample.dir} (${sample.deviceIds.length} units)`);
const code = await main([
  'process',
  sample.dir,
  '--name',
  'Demo session',
  '--out',
  join(outDir, 'report.html'),
  '--json',
  join(outDir, 'metrics.json'),
]);
if (code === 0) console.log(`\nOpen the report in any browser: ${join(outDir, 'report.html')}`);
process.exitCode = code;
