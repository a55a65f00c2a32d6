/**
 * The app's pool warms its threads up while the app is idle (jobs/warm-up.ts): each thread runs the
 * engine and renders a report on a short simulated session once, so V8 has compiled that code
 * before Process Report. Proven on the real piscina pool with the real worker: every thread warms
 * once, a warmed pool processes the sample session to exactly the results a fresh one gives, and
 * the app's pool schedules its warm-ups by itself (after it is made, after files were decoded),
 * leaving out one that Process Report overtakes. When a session is opened (jobs:prepare), each
 * thread also runs the engine on the session's largest units and throws the results away
 * (rehearseThread): nothing is stored, and the results after are a fresh pool's. Speed is the app
 * bench's to show, not a test's.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskPool } from '../../src/main/core/jobs/task-pool.ts';
import { NODE_WORKER_PATH } from '../../src/main/core/node-paths.ts';
import { startTestCore, type TestCore } from './../support/core.ts';
import { importSample, SAMPLE_OPTIONS } from '../support/sample.ts';
import { REHEARSAL_UNITS } from '../../src/main/core/jobs/rehearsal.ts';

const cores: TestCore[] = [];
const pools: TaskPool[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
});

/** The app's pool, noting each warm-up as it begins and what it gave, each release of memory, and the last preparation. */
class WatchedPool extends TaskPool {
  begun = 0;
  warmUps: number[] = [];
  releases = 0;
  lastPrepare: ReturnType<TaskPool['prepare']> | null = null;
  override prepare(...a: Parameters<TaskPool['prepare']>): ReturnType<TaskPool['prepare']> {
    this.lastPrepare = super.prepare(...a);
    return this.lastPrepare;
  }
  override async warmUp(): Promise<number> {
    this.begun++;
    const n = await super.warmUp();
    this.warmUps.push(n);
    return n;
  }
  override async releaseMemory(): Promise<void> {
    this.releases++;
    return super.releaseMemory();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bundled sample session imported and processed on a core with this pool; its results' numbers. */
async function processSample(pool: TaskPool): Promise<unknown> {
  const t = startTestCore({ taskRunner: pool, scanRunner: pool });
  cores.push(t);
  const sessionId = await importSample(t, 'warm-up');
  await t.call('jobs:start', { sessionId });
  await t.core.jobs.whenIdle(sessionId);
  expect((await t.call('sessions:get', { id: sessionId })).processingStatus).toBe('COMPLETED');
  const r = await t.call('results:list', { sessionId });
  // Everything computed, by unit (player ids differ between the two data dirs).
  return r.players
    .map((p) => ({ unit: p.deviceId, metrics: p.metrics, moments: p.moments, quality: p.quality, warnings: p.warnings, periods: p.periods }))
    .sort((a, b) => a.unit.localeCompare(b.unit));
}

describe('warming the pool up', () => {
  it('each thread warms once, and a warmed pool processes the sample to the very results a fresh pool gives', async () => {
    const warmed = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(warmed);
    // Both threads ran the warm-up; asked again, neither runs it twice.
    expect(await warmed.warmUp()).toBe(2);
    expect(await warmed.warmUp()).toBe(0);
    const fresh = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(fresh);
    const [a, b] = [await processSample(warmed), await processSample(fresh)];
    expect((a as unknown[]).length).toBe(SAMPLE_OPTIONS.players);
    expect(a).toEqual(b);
  });

  it("the app's pool warms up after it is made and after files were decoded, but not ahead of a Process Report", async () => {
    const pool = new WatchedPool(NODE_WORKER_PATH, 2, { warmAfterMs: 100 });
    pools.push(pool);
    // Made: a warm-up follows by itself, both threads.
    for (let i = 0; i < 100 && pool.warmUps.length < 1; i++) await sleep(100);
    expect(pool.warmUps).toEqual([2]);
    // Files decoded (here none: the task still runs): another follows, with nothing left to do.
    await pool.warm([], '/nonexistent');
    for (let i = 0; i < 100 && pool.warmUps.length < 2; i++) await sleep(100);
    expect(pool.warmUps).toEqual([2, 0]);

    // Process Report right after the files: the warm-up not yet begun is left out.
    const late = new WatchedPool(NODE_WORKER_PATH, 2, { warmAfterMs: 1500 });
    pools.push(late);
    await late.warm([], '/nonexistent');
    const r = await late.run({ sessionId: 's', playerId: 'p', deviceId: 'U1', files: [], window: { startMs: 0, endMs: 1 }, periods: [], settings: {} as never }, () => {});
    expect(r.ok).toBe(false); // no files: a failed result naming why, as ever
    await sleep(2500);
    expect(late.begun).toBe(0);
  });

  it('a thread that processed a unit needs no warm-up', async () => {
    const pool = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(pool);
    await processSample(pool); // 5 units on 2 threads
    expect(await pool.warmUp()).toBe(0);
  });

  it('a session opened (jobs:prepare) has the engine rehearsed on each thread on its largest units, storing nothing; the rehearsed pool processes to the very results a fresh pool gives', async () => {
    const pool = new WatchedPool(NODE_WORKER_PATH, 2);
    pools.push(pool);
    const t = startTestCore({ taskRunner: pool, scanRunner: pool });
    cores.push(t);
    const sessionId = await importSample(t, 'rehearsal');
    const session = await t.call('sessions:get', { id: sessionId });
    // The units by their files' bytes as the import stored them, largest first.
    const bytes = (p: (typeof session.participants)[number]) => p.files.reduce((a, f) => a + f.size, 0);
    const bySize = [...session.participants].sort((a, b) => bytes(b) - bytes(a));
    expect(bytes(bySize[0])).toBeGreaterThan(bytes(bySize[1]));
    expect(bySize).toHaveLength(5);
    const inputs = t.core.jobs.rehearsalInputs(sessionId, 3);
    expect(inputs.map((i) => i.deviceId)).toEqual(bySize.slice(0, 3).map((p) => p.deviceId));
    expect(inputs[0]).toMatchObject({ sessionId, playerId: bySize[0].playerId, files: bySize[0].files, window: { startMs: session.startMs, endMs: session.endMs } });
    // A unit with a file being decoded (a download that just landed) is passed over.
    const skip = (f: { sha256: string | null }) => f.sha256 === bySize[0].files[0].sha256;
    expect(t.core.jobs.rehearsalInputs(sessionId, 2, skip).map((i) => i.deviceId)).toEqual([bySize[1].deviceId, bySize[2].deviceId]);
    expect(t.core.jobs.rehearsalInputs('00000000-0000-4000-8000-000000000000', 3)).toEqual([]);

    // A unit that fails (here its files gone) is no rehearsal: the engine did not run.
    const gone = { ...inputs[0], files: inputs[0].files.map((f) => ({ ...f, path: `${f.path}.gone` })) };
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, [gone])).toMatchObject({ rehearsed: 0 });

    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    // Each of the largest units (all 5 here) on both threads.
    const units = Math.min(REHEARSAL_UNITS, 5);
    expect(await pool.lastPrepare).toEqual({ parsed: 0, cached: 10, started: 10, failed: false, rehearsed: 2 * units });
    // Then each thread rendered the report from its rehearsed units: the simulated warm-up has nothing left to do.
    expect(await pool.warmUp()).toBe(0);
    // Asked again at once: no file to take on, but the threads are still offered the rehearsal (a
    // thread started since would need it); both have had it.
    const first = pool.lastPrepare;
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 0 });
    expect(pool.lastPrepare).not.toBe(first);
    expect(await pool.lastPrepare).toEqual({ parsed: 0, cached: 0, started: 0, failed: false, rehearsed: 0 });
    // A thread rehearses REHEARSAL_UNITS units in its life, not more: of another session's 5, the ones left.
    const other = await importSample(t, 'rehearsal, again');
    const more = t.core.jobs.rehearsalInputs(other, 5);
    expect(more).toHaveLength(5);
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, more)).toMatchObject({ rehearsed: 2 * Math.max(0, Math.min(5, REHEARSAL_UNITS - units)) });
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, more)).toMatchObject({ rehearsed: 0 });
    // Nothing stored, nothing changed: the session is as the import left it.
    expect((await t.call('results:list', { sessionId })).players).toEqual([]);
    expect(await t.call('sessions:get', { id: sessionId })).toEqual(session);

    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const r = await t.call('results:list', { sessionId });
    const rehearsed = r.players
      .map((p) => ({ unit: p.deviceId, metrics: p.metrics, moments: p.moments, quality: p.quality, warnings: p.warnings, periods: p.periods }))
      .sort((a, b) => a.unit.localeCompare(b.unit));
    const fresh = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(fresh);
    expect(rehearsed).toHaveLength(SAMPLE_OPTIONS.players);
    expect(rehearsed).toEqual(await processSample(fresh));
  });

  it('a thread that processed a unit needs no rehearsal either', async () => {
    const pool = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(pool);
    await processSample(pool); // 5 units on 2 threads
    const t = cores.at(-1)!;
    const sessionId = (await t.call('sessions:list'))[0].id;
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, t.core.jobs.rehearsalInputs(sessionId, REHEARSAL_UNITS))).toMatchObject({ rehearsed: 0 });
  });

  it("the app's idle threads let their memory go, and process to the same results after", async () => {
    const pool = new WatchedPool(NODE_WORKER_PATH, 2, { warmAfterMs: 600_000, releaseAfterMs: 300 });
    pools.push(pool);
    const first = await processSample(pool);
    for (let i = 0; i < 100 && pool.releases < 1; i++) await sleep(100);
    expect(pool.releases).toBeGreaterThanOrEqual(1);
    expect(await processSample(pool)).toEqual(first);
  });
});
