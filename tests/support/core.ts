/** A real core (real SQLite file, real piscina pool) in a fresh temp data dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/app.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../../src/main/core/node-paths.ts';
import type { Envelope } from '../../src/shared/api/errors.ts';
import type { Input, MethodName, Output } from '../../src/shared/api/contract.ts';

export interface TestCore {
  core: Core;
  dataDir: string;
  /** Call a method through the validating dispatcher; throws with the error message on failure. */
  call<K extends MethodName>(method: K, input?: Input<K>): Promise<Output<K>>;
  /** Call and return the raw envelope. */
  raw(method: string, input?: unknown): Promise<Envelope<unknown>>;
  close(keepDir?: boolean): Promise<void>;
}

export function makeTempDir(prefix = 'p1-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function startTestCore(opts: Partial<CoreOptions> & { dataDir?: string } = {}): TestCore {
  const dataDir = opts.dataDir ?? makeTempDir();
  const core = createCore({
    workerPath: NODE_WORKER_PATH,
    reportViewerPath: REPORT_VIEWER_PATH,
    host: { kind: 'cli' },
    maxThreads: 2,
    ...opts,
    dataDir,
  });
  return {
    core,
    dataDir,
    async call(method, input) {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
      return r.value as never;
    },
    raw: (method, input) => core.dispatch(method, input),
    async close(keepDir = false) {
      await core.close();
      if (!keepDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `call(method, input)` on a core reached when called (a dev host started in `beforeAll`): the
 * method's value, or a throw with the error's message.
 */
export function coreCall(core: () => Pick<Core, 'dispatch'>) {
  return async <T>(method: string, input?: unknown): Promise<T> => {
    const r = await core().dispatch(method as never, input as never);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
}
