/**
 * `npm run dev:web`: the real UI in your browser against the real core, through the loopback
 * bridge (no Electron needed). Data goes to .cache/dev-data unless P1_DATA_DIR is set.
 */
import { join, resolve } from 'node:path';
import { startDevHost } from '../src/main/devbridge/dev-host.ts';
import { REPO_ROOT } from '../src/main/core/node-paths.ts';

const dataDir = resolve(process.env.P1_DATA_DIR ?? join(REPO_ROOT, '.cache', 'dev-data'));
const host = await startDevHost({ dataDir, port: process.env.P1_BRIDGE_PORT ? Number(process.env.P1_BRIDGE_PORT) : 0 });
console.log(`Player1 Pitchside (dev bridge) — data in ${dataDir}`);
console.log(`Open: ${host.bridge.pageUrl}`);
console.log('Ctrl+C to stop.');
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
