/**
 * One session is never processed twice at once: concurrent jobs:start calls give exactly one job,
 * within one core and across two cores sharing the database file (two app instances). And a
 * session a crash left PROCESSING becomes FAILED ("interrupted") at the next start-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startTestCore, makeTempDir, type TestCore } from '../support/core.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { STALE_AFTER_MS } from '../../src/main/core/jobs/runner-identity.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { TaskPool, type TaskRunner } from '../../src/main/core/jobs/task-pool.ts';
import { NODE_WORKER_PATH } from '../../src/main/core/node-paths.ts';
import type { PlayerTaskResult } from '../../src/main/core/jobs/player-task.ts';

const START = SAMPLE_OPTIONS.startMs;
const END = START + SAMPLE_OPTIONS.minutes * 60_000;
const open: TestCore[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close(true);
});

/** A pool whose tasks wait until released: lets a test hold a session in PROCESSING. */
function heldPool(): TaskRunner & { release: () => void; started: number } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const pool = {
    started: 0,
    release: () => release(),
    async run(input: { playerId: string; deviceId: string }): Promise<PlayerTaskResult> {
      pool.started++;
      await gate;
      return { ok: false, playerId: input.playerId, deviceId: input.deviceId, error: { code: 'HELD', message: 'held', file: null, line: null, offset: null } };
    },
    async destroy() {},
  };
  return pool;
}

async function readySession(t: TestCore) {
  const s = await t.call('sessions:create', { name: 'race', startMs: START, endMs: END });
  await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
  return s.id;
}

describe('exactly one job per session', () => {
  it('20 concurrent jobs:start calls on one core: one QUEUED, 19 CONFLICT', async () => {
    const pool = heldPool();
    const t = startTestCore({ taskRunner: pool });
    open.push(t);
    const id = await readySession(t);
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.raw('jobs:start', { sessionId: id })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(19);
    for (const r of refused) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    // One task per participant, not twenty runs' worth.
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.started).toBe(5);
    pool.release();
    await t.core.jobs.whenIdle(id);
  });

  it('two app instances on one database: the database lets only one start it', async () => {
    const dataDir = makeTempDir();
    const poolA = heldPool();
    const poolB = heldPool();
    const a = startTestCore({ dataDir, taskRunner: poolA });
    const b = startTestCore({ dataDir, taskRunner: poolB });
    open.push(a, b);
    const id = await readySession(a);
    const answers = await Promise.all([a.raw('jobs:start', { sessionId: id }), b.raw('jobs:start', { sessionId: id }), a.raw('jobs:start', { sessionId: id }), b.raw('jobs:start', { sessionId: id })]);
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(answers.filter((x) => !x.ok && x.error.code === 'CONFLICT')).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(poolA.started + poolB.started).toBe(5);
    poolA.release();
    poolB.release();
    await a.core.jobs.whenIdle(id);
    await b.core.jobs.whenIdle(id);
  });

  it('a session cannot be edited while it is processing', async () => {
    const pool = heldPool();
    const t = startTestCore({ taskRunner: pool });
    open.push(t);
    const id = await readySession(t);
    await t.call('jobs:start', { sessionId: id });
    const r = await t.raw('sessions:update', { id, name: 'renamed' });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    const r2 = await t.raw('sessions:importFolder', { id, folder: SAMPLE_DIR });
    expect(!r2.ok && r2.error.code).toBe('CONFLICT');
    pool.release();
    await t.core.jobs.whenIdle(id);
  });
});

describe('crash recovery', () => {
  /** Start a held run in another process on the data dir; resolves once it is PROCESSING. */
  function holdInChild(dataDir: string, sessionId: string): Promise<ChildProcess> {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'node'), [join(REPO_ROOT, 'tests', 'integration', 'fixtures', 'hold-job.ts'), dataDir, sessionId], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (String(d).startsWith('PROCESSING')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`the holding process exited (${code}) first`)));
    });
  }

  it('a session left PROCESSING by a crashed process (kill -9) is FAILED ("interrupted") at the next start-up', async () => {
    const dataDir = makeTempDir();
    const setup = startTestCore({ dataDir });
    const id = await readySession(setup);
    await setup.close(true);

    const child = await holdInChild(dataDir, id);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const second = startTestCore({ dataDir });
    open.push(second);
    expect(second.core.interrupted).toEqual([id]);
    const s = await second.call('sessions:get', { id });
    expect(s.processingStatus).toBe('FAILED');
    expect(s.error).toMatchObject({ scope: 'session', code: 'INTERRUPTED' });
    expect(s.error!.message).toMatch(/interrupted/);
    // ...and it can be run again.
    await second.call('jobs:start', { sessionId: id });
    await second.core.jobs.whenIdle(id);
    expect((await second.call('sessions:get', { id })).processingStatus).toBe('COMPLETED');
  });

  it('a second app instance starting up leaves a run another live process owns alone', async () => {
    const dataDir = makeTempDir();
    const setup = startTestCore({ dataDir });
    const id = await readySession(setup);
    await setup.close(true);

    const child = await holdInChild(dataDir, id);
    try {
      const second = startTestCore({ dataDir });
      open.push(second);
      expect(second.core.interrupted).toEqual([]);
      expect((await second.call('sessions:get', { id })).processingStatus).toBe('PROCESSING');
      // and it still cannot be started twice
      const r = await second.raw('jobs:start', { sessionId: id });
      expect(!r.ok && r.error.code).toBe('CONFLICT');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a run whose owner has been silent too long counts as gone, even if its pid exists', async () => {
    // A pid reused by another program after a crash: the owner row names a live pid (this test
    // process) but its heartbeat is older than STALE_AFTER_MS.
    const dataDir = makeTempDir();
    const setup = startTestCore({ dataDir });
    const id = await readySession(setup);
    setup.core.ctx.db
      .prepare("UPDATE sessions SET processing_status = 'PROCESSING', runner_pid = ?, runner_host = ?, runner_seen_at = ? WHERE id = ?")
      .run(process.pid, hostname(), Date.now() - STALE_AFTER_MS - 1000, id);
    await setup.close(true);
    const second = startTestCore({ dataDir });
    open.push(second);
    expect(second.core.interrupted).toEqual([id]);
  });
});

describe('closing, and a result the store refuses', () => {
  it('once the app is closing, Process Report is refused; a run already going finishes first', async () => {
    const pool = heldPool();
    const t = startTestCore({ taskRunner: pool });
    const a = await readySession(t);
    const b = await readySession(t);
    expect((await t.raw('jobs:start', { sessionId: a })).ok).toBe(true);
    const closing = t.core.close();
    // While A still runs (held), B cannot start: it would be killed with the pool, or outlive it.
    const r = await t.raw('jobs:start', { sessionId: b });
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_STATE', message: '"race" was not started: the app is closing' });
    pool.release();
    await closing;
    // A ran to its end (its held tasks "fail" by design), B never left PENDING.
    const again = startTestCore({ dataDir: t.dataDir });
    open.push(again);
    expect(again.core.interrupted).toEqual([]);
    expect((await again.call('sessions:get', { id: a })).processingStatus).toBe('FAILED');
    expect((await again.call('sessions:get', { id: b })).processingStatus).toBe('PENDING');
  });

  it('a task the pool drops while the app closes: the run is "interrupted", no unit is blamed', async () => {
    // A pool whose tasks, once released, end as piscina ends a task it is destroyed under.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const dropping: TaskRunner = {
      run: async () => {
        await gate;
        throw new Error('Terminating worker thread');
      },
      destroy: async () => {},
    };
    const t = startTestCore({ taskRunner: dropping });
    const id = await readySession(t);
    await t.call('jobs:start', { sessionId: id });
    const closing = t.core.close();
    release();
    await closing;
    const again = startTestCore({ dataDir: t.dataDir });
    open.push(again);
    const s = await again.call('sessions:get', { id });
    expect(s.processingStatus).toBe('FAILED');
    expect(s.error).toMatchObject({ scope: 'session', deviceId: null, code: 'INTERRUPTED' });
    expect(s.error!.message).toMatch(/^processing was interrupted \(the app closed while it ran\); click Process Report to run it again$/);
  });

  it('after the workers are stopped nothing starts; a destroyed pool makes no new pool behind the closing app', async () => {
    const t = startTestCore();
    open.push(t);
    await t.core.stopWorkers();
    const id = await readySession(t);
    const r = await t.raw('jobs:start', { sessionId: id });
    expect(!r.ok && r.error.code).toBe('INVALID_STATE');
    const pool = new TaskPool(NODE_WORKER_PATH, 1);
    await pool.destroy();
    await expect(pool.run({} as never, () => {})).rejects.toThrow('the worker pool is closed (the app is closing)');
  });

  it('a result the store refuses fails that unit by name; the run ends only after every task, so it cannot overlap a restart', async () => {
    const t = startTestCore();
    open.push(t);
    const id = await readySession(t);
    // The store refuses the first result it is given (another process holding the write lock past
    // the timeout, a full disk); count every save, and when each happens.
    const results = t.core.ctx.repos.results;
    const save = results.save.bind(results);
    const saves: string[] = [];
    let refused = '';
    results.save = (r) => {
      saves.push(r.playerId);
      if (!refused) {
        refused = r.playerId;
        throw new Error('database is locked');
      }
      return save(r);
    };
    await t.call('jobs:start', { sessionId: id });
    await t.core.jobs.whenIdle(id);
    const savesAtIdle = saves.length;
    expect(savesAtIdle).toBe(5); // every task had ended when the run did
    const s = await t.call('sessions:get', { id });
    expect(s.processingStatus).toBe('FAILED');
    const who = s.participants.find((p) => p.playerId === refused)!;
    expect(s.error).toMatchObject({
      scope: 'unit',
      deviceId: who.deviceId,
      playerName: who.playerName,
      code: 'RESULT_NOT_STORED',
      message: 'the result was computed but could not be stored: database is locked',
    });
    // The other four are stored; nothing arrives later.
    await new Promise((r) => setTimeout(r, 300));
    expect(saves.length).toBe(savesAtIdle);
    expect((await t.call('results:list', { sessionId: id })).players.map((p) => p.playerId).sort()).toEqual(
      s.participants.map((p) => p.playerId).filter((p) => p !== refused).sort(),
    );
  });
});
