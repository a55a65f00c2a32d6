/**
 * Where the worker and the report viewer are when the core runs from source under plain Node
 * (CLI, dev bridge, tests). The Electron build passes its own bundled paths instead.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const NODE_WORKER_PATH = join(REPO_ROOT, 'src', 'main', 'workers', 'process-player.task.ts');

export const REPORT_VIEWER_PATH = join(REPO_ROOT, 'out', 'report-viewer', 'report-viewer.js');
