/**
 * The deterministic sample session shared by integration and e2e tests (generated once by the
 * global setup into .cache/test-sample; same options, same bytes).
 */
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.ts';
import { DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';
import type { TestCore } from './core.ts';

export const SAMPLE_DIR = join(REPO_ROOT, '.cache', 'test-sample');
export const SAMPLE_OPTIONS = { ...DEFAULT_SAMPLE };
export const SAMPLE_DEVICE_IDS = ['P1-1001', 'P1-1002', 'P1-1003', 'P1-1004', 'P1-1005'];

/**
 * A session over the sample's window, with the sample folder imported into it (scan, then commit,
 * each unit worn by a new player "Wearer of <unit>"); its id.
 */
export async function importSample(t: TestCore, name: string): Promise<string> {
  const start = SAMPLE_OPTIONS.startMs;
  const s = await t.call('sessions:create', { name, startMs: start, endMs: start + SAMPLE_OPTIONS.minutes * 60_000 });
  const scan = await t.call('imports:scan', { sessionId: s.id, paths: [SAMPLE_DIR] });
  await t.call('imports:commit', {
    sessionId: s.id,
    scanId: scan.scanId,
    files: scan.files.map((f) => ({ fileId: f.fileId, deviceId: f.unitId!, player: { newPlayer: { name: `Wearer of ${f.unitId}` } } })),
  });
  return s.id;
}

/**
 * The sample folder imported into a new session over its first 10 minutes, with two periods
 * (Rondo, minutes 0-4; Game, 4-10), processed; the session's id. `call` is a core's API.
 */
export async function processedSampleWithPeriods(call: <T>(method: string, input?: unknown) => Promise<T>, whenIdle: (sessionId: string) => Promise<void>, name: string): Promise<string> {
  const start = SAMPLE_OPTIONS.startMs;
  const min = 60_000;
  const { id } = await call<{ id: string }>('sessions:create', { name, startMs: start, endMs: start + 10 * min });
  await call('sessions:importFolder', { id, folder: SAMPLE_DIR });
  await call('periods:create', { sessionId: id, name: 'Rondo', startMs: start, endMs: start + 4 * min });
  await call('periods:create', { sessionId: id, name: 'Game', startMs: start + 4 * min, endMs: start + 10 * min });
  await call('jobs:start', { sessionId: id });
  await whenIdle(id);
  return id;
}
