/**
 * Where the real device files live: `../shared/data` beside the project root (CI has it there),
 * or $P1_SHARED_DATA. Tests that need them skip with a clear message when the folder is absent
 * (a user's fresh clone). The files are read in place and never copied into the repo.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SHARED_DATA = process.env.P1_SHARED_DATA
  ? resolve(process.env.P1_SHARED_DATA)
  : resolve(REPO_ROOT, '..', 'shared', 'data');

export const HAS_SHARED_DATA = existsSync(join(SHARED_DATA, 'MANIFEST.md'));

export const SHARED_DATA_SKIP_REASON = `real device data not found at ${SHARED_DATA} (set P1_SHARED_DATA or place ../shared/data beside the repo)`;

/** Absolute path of a file under the shared data folder, e.g. sharedData('tcx-tcxparser', 'test.tcx'). */
export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

if (!HAS_SHARED_DATA) console.warn(`[shared-data] ${SHARED_DATA_SKIP_REASON}; tests that need it are skipped.`);
