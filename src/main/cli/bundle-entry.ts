/**
 * Entry of the bundled CLI (out/main/cli.js, built by electron-vite next to the app): the same
 * commands, with the worker bundled as its own chunk (found through ?modulePath) so neither the
 * main thread nor the pool's threads spend their start-up stripping types from ~80 source files.
 * bin/player1.js runs it when it is at least as new as the sources.
 */
import { join } from 'node:path';
import workerPath from '../workers/process-player.task.ts?modulePath';
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), undefined, {
  workerPath,
  reportViewerPath: join(import.meta.dirname, '..', 'report-viewer', 'report-viewer.js'),
});
