/**
 * Decode once, end to end on a real core (SQLite, raw store, the real piscina pool): the import
 * scan decodes each file into the decoded cache and a download landing decodes its files in the
 * pool; Process Report then reads the cache. Re-processing after a settings change or a period
 * edit never invokes a reader (counted per task by the worker: `decodes.parsed`); a damaged
 * entry is rebuilt from the raw file (that one file parsed once), and the results stay the same.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskPool, type TaskRunner } from '../../src/main/core/jobs/task-pool.ts';
import type { DecodeCounts } from '../../src/main/core/jobs/read-data-file.ts';
import { NODE_WORKER_PATH } from '../../src/main/core/node-paths.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { importSample, SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** The real pool, noting how each processing task had its files. */
function countingPool() {
  const real = new TaskPool(NODE_WORKER_PATH, 2);
  let runs: DecodeCounts[] = [];
  const runner: TaskRunner = {
    run: async (input, onProgress) => {
      const r = await real.run(input, onProgress);
      if (r.ok) runs.push(r.decodes);
      return r;
    },
    destroy: () => real.destroy(),
  };
  /** Files parsed and read from the cache since the last call. */
  const take = () => {
    const sum = runs.reduce((a, c) => ({ parsed: a.parsed + c.parsed, cached: a.cached + c.cached }), { parsed: 0, cached: 0 });
    const tasks = runs.length;
    runs = [];
    return { ...sum, tasks };
  };
  return { runner, take };
}

/** The app's pool itself (processing, scans and preparation), noting how each processing task had its files. */
class CountingTaskPool extends TaskPool {
  private runs: DecodeCounts[] = [];
  override async run(...a: Parameters<TaskPool['run']>): ReturnType<TaskPool['run']> {
    const r = await super.run(...a);
    if (r.ok) this.runs.push(r.decodes);
    return r;
  }
  take() {
    const sum = this.runs.reduce((a, c) => ({ parsed: a.parsed + c.parsed, cached: a.cached + c.cached }), { parsed: 0, cached: 0 });
    const tasks = this.runs.length;
    this.runs = [];
    return { ...sum, tasks };
  }
}

/** The app's pool whose preparation task fails once, as when a thread ends (the second file it is asked for). */
class FailingOncePool extends CountingTaskPool {
  warms = 0;
  lastPrepare: Promise<unknown> | null = null;
  override async warm(...a: Parameters<TaskPool['warm']>): ReturnType<TaskPool['warm']> {
    if (++this.warms === 2) throw new Error('the worker thread ended');
    return super.warm(...a);
  }
  override prepare(...a: Parameters<TaskPool['prepare']>): ReturnType<TaskPool['prepare']> {
    const p = super.prepare(...a);
    this.lastPrepare = p;
    return p;
  }
}

function entries(dataDir: string): string[] {
  const root = join(dataDir, 'decoded');
  let out: string[] = [];
  for (const shard of (() => {
    try {
      return readdirSync(root);
    } catch {
      return [];
    }
  })()) {
    if (shard !== '.tmp') out = out.concat(readdirSync(join(root, shard)).map((n) => join(root, shard, n)));
  }
  return out;
}

describe('decode once', () => {
  it('imported files are parsed by the scan only: processing, and processing again after a settings change or a period edit, read the cache', async () => {
    const pool = countingPool();
    t = startTestCore({ taskRunner: pool.runner });
    const start = SAMPLE_OPTIONS.startMs;
    const s = await t.call('sessions:create', { name: 'decode once', startMs: start, endMs: start + SAMPLE_OPTIONS.minutes * 60_000 });
    const scan = await t.call('imports:scan', { sessionId: s.id, paths: [SAMPLE_DIR] });
    expect(scan.files).toHaveLength(10);
    // One entry per file, written by the scan in the pool.
    expect(entries(t.dataDir)).toHaveLength(10);
    await t.call('imports:commit', {
      sessionId: s.id,
      scanId: scan.scanId,
      files: scan.files.map((f) => ({ fileId: f.fileId, deviceId: f.unitId!, player: { newPlayer: { name: `Wearer of ${f.unitId}` } } })),
    });

    const process = async () => {
      await t!.call('jobs:start', { sessionId: s.id });
      await t!.core.jobs.whenIdle(s.id);
      const st = await t!.call('sessions:get', { id: s.id });
      expect(st.error).toBeNull();
      return t!.call('results:list', { sessionId: s.id });
    };
    const first = await process();
    expect(pool.take()).toEqual({ parsed: 0, cached: 10, tasks: 5 });

    const info = await t.call('settings:get');
    const [e1, e2, e3, e4] = info.settings.velocityBands.absoluteMs;
    await t.call('settings:update', { settings: { ...info.settings, velocityBands: { ...info.settings.velocityBands, absoluteMs: [e1, e2, e3 - 0.5, e4] } } });
    const afterSettings = await process();
    expect(pool.take()).toEqual({ parsed: 0, cached: 10, tasks: 5 });
    // The new settings were applied (the results carry them), from the same decoded samples.
    expect(afterSettings.players.map((p) => p.metrics)).not.toEqual(first.players.map((p) => p.metrics));

    await t.call('periods:create', { sessionId: s.id, name: 'First half', startMs: start, endMs: start + 5 * 60_000 });
    const afterPeriod = await process();
    expect(pool.take()).toEqual({ parsed: 0, cached: 10, tasks: 5 });
    expect(afterPeriod.periods.map((p) => p.name)).toEqual(['First half']);

    // A damaged entry: that one file is decoded again from its raw copy, the entry rewritten.
    const one = entries(t.dataDir).find((p) => statSync(p).size > 1_000_000)!;
    const b = readFileSync(one);
    b[b.length - 3] ^= 0x40;
    writeFileSync(one, b);
    const afterDamage = await process();
    expect(pool.take()).toEqual({ parsed: 1, cached: 9, tasks: 5 });
    expect(afterDamage.players.map((p) => p.metrics)).toEqual(afterPeriod.players.map((p) => p.metrics));
    await process();
    expect(pool.take()).toEqual({ parsed: 0, cached: 10, tasks: 5 });
  });

  it('a download landing is decoded into the cache in the pool: the first Process Report parses nothing', async () => {
    const pool = countingPool();
    t = startTestCore({ taskRunner: pool.runner, devices: { demo: { inProcess: true }, debounceMs: 20 } });
    const T0 = Date.UTC(2026, 2, 14, 10, 0);
    const s = await t.call('sessions:create', { name: 'download', startMs: T0, endMs: T0 + 5 * 60_000 });
    const done = new Promise<string[]>((resolve) => t!.core.events.on('devices:done', (d) => resolve(d.files.map((f) => f.sha256))));
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 1, faulty: 0 });
    let unit = null as null | { deviceId: string };
    for (let i = 0; i < 200 && !unit; i++) {
      unit = (await t.call('devices:list')).devices[0] ?? null;
      if (!unit) await new Promise((r) => setTimeout(r, 25));
    }
    await t.call('devices:assign', { deviceId: unit!.deviceId, newPlayer: { name: 'Sam Silva' }, sessionId: s.id });
    await t.call('devices:download', { sessionId: s.id });
    const shas = await done;
    expect(shas).toHaveLength(1);
    // Decoded in the background: wait (bounded) for its entry.
    for (let i = 0; i < 400 && !entries(t.dataDir).some((p) => p.includes(shas[0])); i++) await new Promise((r) => setTimeout(r, 25));
    expect(entries(t.dataDir).filter((p) => p.includes(shas[0]))).toHaveLength(1);
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    expect((await t.call('sessions:get', { id: s.id })).processingStatus).toBe('COMPLETED');
    expect(pool.take()).toEqual({ parsed: 0, cached: 1, tasks: 1 });
  });

  it('a session opened (jobs:prepare) has its entries read, and a lost one decoded again, while the app is idle: Process Report then parses nothing', async () => {
    // One pool for everything, as in the app: the preparation runs on the threads that process.
    const pool = new CountingTaskPool(NODE_WORKER_PATH, 2);
    t = startTestCore({ taskRunner: pool, scanRunner: pool });
    const sessionId = await importSample(t, 'prepared');
    // The pool stops taking files on as soon as it is told (a Process Report started): a file at a
    // time, and no rehearsal of the engine after.
    const files = (await t.call('sessions:get', { id: sessionId })).participants.flatMap((p) => p.files);
    let asked = 0;
    expect(await pool.prepare(files, join(t.dataDir, 'decoded'), () => asked++ < 3, t.core.jobs.rehearsal(sessionId, 3))).toEqual({
      parsed: 0,
      cached: 3,
      started: 3,
      failed: false,
      rehearsed: 0,
    });

    // Nothing is taken on while a session is being processed (its own reads check the entries).
    await t.call('jobs:start', { sessionId });
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 0 });
    await t.core.jobs.whenIdle(sessionId);
    expect(pool.take()).toEqual({ parsed: 0, cached: 10, tasks: 5 });

    // An entry lost since (a cache folder cleaned up): without the preparation, Process Report parses that file.
    const lost = entries(t.dataDir).find((p) => statSync(p).size > 1_000_000)!;
    rmSync(lost);
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    // Not again so soon.
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 0 });
    for (let i = 0; i < 400 && !existsSync(lost); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(lost)).toBe(true);
    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    expect((await t.call('sessions:get', { id: sessionId })).processingStatus).toBe('COMPLETED');
    expect(pool.take()).toEqual({ parsed: 0, cached: 10, tasks: 5 });
    expect(await t.raw('jobs:prepare', { sessionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a preparation whose task fails (a thread that ended) stops, resolves once every lane is done, and leaves its files to be taken on again', async () => {
    const pool = new FailingOncePool(NODE_WORKER_PATH, 2);
    t = startTestCore({ taskRunner: pool, scanRunner: pool });
    const sessionId = await importSample(t, 'failing');
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    const r = (await pool.lastPrepare) as { started: number; failed: boolean; rehearsed: number };
    expect(r.failed).toBe(true);
    expect(r.started).toBeLessThan(10); // stopped early
    expect(r.rehearsed).toBe(0); // and no rehearsal of the engine after
    const warms = pool.warms;
    await new Promise((q) => setTimeout(q, 300));
    expect(pool.warms).toBe(warms); // nothing started after it resolved
    // Its files are free again: the next ask takes them all on.
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    // Then the engine is rehearsed on both threads, on the session's largest units: all 5 of the sample (jobs/rehearse-thread.ts).
    expect(await pool.lastPrepare).toMatchObject({ started: 10, failed: false, rehearsed: 2 * 5 });
  });
});
