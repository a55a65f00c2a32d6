/**
 * The app's pool warms its threads up while the app is idle (jobs/warm-up.ts): each thread runs the
 * engine and renders a report on a short simulated session once, so V8 has compiled that code
 * before Process Report. Proven on the real piscina pool with the real worker: every thread warms
 * once, a warmed pool processes the sample session to exactly the results a fresh one gives, and
 * the app's pool schedules its warm-ups by itself (after it is made, after files were decoded),
 * leaving out one that Process Report overtakes. When a session is opened (jobs:prepare), each
 * thread also runs the engine on the session's largest units, then renders the report from them,
 * throwing all of it away (jobs/rehearse-thread.ts): nothing is stored, and the results after are
 * a fresh pool's. Speed is the app bench's to show, not a test's.
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
  /** When each preparation began and ended (performance.now; end 0 while it runs). */
  spans: { start: number; end: number }[] = [];
  override prepare(...a: Parameters<TaskPool['prepare']>): ReturnType<TaskPool['prepare']> {
    const span = { start: performance.now(), end: 0 };
    this.spans.push(span);
    this.lastPrepare = super.prepare(...a).finally(() => (span.end = performance.now()));
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

/** A core of the app's on this pool (both closed after the test). */
function coreOn(pool: TaskPool): TestCore {
  if (!pools.includes(pool)) pools.push(pool);
  const t = startTestCore({ taskRunner: pool, scanRunner: pool });
  cores.push(t);
  return t;
}

/** The session processed (Process Report until it ends); its results' numbers, by unit (player ids differ between data dirs). */
async function processedByUnit(t: TestCore, sessionId: string): Promise<unknown[]> {
  await t.call('jobs:start', { sessionId });
  await t.core.jobs.whenIdle(sessionId);
  expect((await t.call('sessions:get', { id: sessionId })).processingStatus).toBe('COMPLETED');
  const r = await t.call('results:list', { sessionId });
  return r.players
    .map((p) => ({ unit: p.deviceId, metrics: p.metrics, moments: p.moments, quality: p.quality, warnings: p.warnings, periods: p.periods }))
    .sort((a, b) => a.unit.localeCompare(b.unit));
}

/** The bundled sample session imported and processed on a core with this pool; its results' numbers. */
async function processSample(pool: TaskPool): Promise<unknown[]> {
  const t = coreOn(pool);
  return processedByUnit(t, await importSample(t, 'warm-up'));
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

  it('a session opened (jobs:prepare) has Process Report rehearsed on each thread on its largest units, storing nothing; the rehearsed pool processes to the very results a fresh pool gives', async () => {
    const pool = new WatchedPool(NODE_WORKER_PATH, 2);
    const t = coreOn(pool);
    const sessionId = await importSample(t, 'rehearsal');
    const session = await t.call('sessions:get', { id: sessionId });
    // The units by their files' bytes as the import stored them, largest first.
    const bytes = (p: (typeof session.participants)[number]) => p.files.reduce((a, f) => a + f.size, 0);
    const bySize = [...session.participants].sort((a, b) => bytes(b) - bytes(a));
    expect(bytes(bySize[0])).toBeGreaterThan(bytes(bySize[1]));
    expect(bySize).toHaveLength(5);
    const three = t.core.jobs.rehearsal(sessionId, 3)!;
    expect(three.units.map((u) => u.task.deviceId)).toEqual(bySize.slice(0, 3).map((p) => p.deviceId));
    expect(three.units[0]).toMatchObject({
      playerName: bySize[0].playerName,
      position: bySize[0].position,
      task: { sessionId, playerId: bySize[0].playerId, files: bySize[0].files, window: { startMs: session.startMs, endMs: session.endMs } },
    });
    expect(three.report.window).toEqual({ startMs: session.startMs, endMs: session.endMs });
    // A unit with a file being decoded (a download that just landed) is passed over.
    const skip = (f: { sha256: string | null }) => f.sha256 === bySize[0].files[0].sha256;
    expect(t.core.jobs.rehearsal(sessionId, 2, skip)!.units.map((u) => u.task.deviceId)).toEqual([bySize[1].deviceId, bySize[2].deviceId]);
    expect(t.core.jobs.rehearsal('00000000-0000-4000-8000-000000000000', 3)).toBeNull();

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
    const more = t.core.jobs.rehearsal(other, 5)!;
    expect(more.units).toHaveLength(5);
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, more)).toMatchObject({ rehearsed: 2 * Math.max(0, Math.min(5, REHEARSAL_UNITS - units)) });
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, more)).toMatchObject({ rehearsed: 0 });
    // Nothing stored, nothing changed: the session is as the import left it.
    expect((await t.call('results:list', { sessionId })).players).toEqual([]);
    expect(await t.call('sessions:get', { id: sessionId })).toEqual(session);

    const rehearsed = await processedByUnit(t, sessionId);
    expect(rehearsed).toHaveLength(SAMPLE_OPTIONS.players);
    expect(rehearsed).toEqual(await processSample(new TaskPool(NODE_WORKER_PATH, 2)));
  });

  it('a unit that fails is no rehearsal and is not tried again; a rehearsal stops between units when told, before the report; asks are taken one at a time', async () => {
    const pool = new WatchedPool(NODE_WORKER_PATH, 2);
    const t = coreOn(pool);
    const sessionId = await importSample(t, 'failing rehearsal');
    const root = join(t.dataDir, 'decoded');
    const all = t.core.jobs.rehearsal(sessionId, 5)!;
    // Told to stop after the first unit's tasks: the next units and the report are left.
    let asked = 0;
    const r = await pool.prepare([], root, () => asked++ < 2, { ...all, units: all.units.slice(2) });
    expect(r.rehearsed).toBeGreaterThanOrEqual(1);
    expect(r.rehearsed).toBeLessThanOrEqual(2);
    // No report rendered from the rehearsed units: the simulated warm-up still runs on both threads.
    expect(await pool.warmUp()).toBe(2);

    const [a, b] = all.units;
    // Unit a with its files gone: the engine does not run, on either thread.
    const gone = { ...a, task: { ...a.task, files: a.task.files.map((f) => ({ ...f, path: `${f.path}.gone` })) } };
    expect(await pool.prepare([], root, () => true, { ...all, units: [gone] })).toMatchObject({ rehearsed: 0 });
    // Not tried again, even with its files back; unit b is.
    expect(await pool.prepare([], root, () => true, { ...all, units: [a, b] })).toMatchObject({ rehearsed: 2 });

    // Three asks at once (the page opening, files landing, another session opened): the first
    // begins, the second is overtaken before it began and dropped, the third starts once the first
    // has ended.
    pool.spans.length = 0;
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    await t.call('jobs:prepare', { sessionId });
    await t.call('jobs:prepare', { sessionId });
    for (let i = 0; i < 200 && pool.spans.filter((s) => s.end > 0).length < 2; i++) await sleep(25);
    await sleep(200);
    expect(pool.spans).toHaveLength(2);
    const [s1, s2] = pool.spans;
    expect(s1.end).toBeGreaterThan(0);
    expect(s2.start).toBeGreaterThanOrEqual(s1.end);
  });

  it('a preparation that throws frees its files, and the asks after it still run', async () => {
    class ThrowsOnce extends WatchedPool {
      thrown = false;
      override prepare(...a: Parameters<TaskPool['prepare']>): ReturnType<TaskPool['prepare']> {
        if (this.thrown) return super.prepare(...a);
        this.thrown = true;
        return Promise.reject(new Error('the pool went away'));
      }
    }
    const pool = new ThrowsOnce(NODE_WORKER_PATH, 2);
    const t = coreOn(pool);
    const sessionId = await importSample(t, 'throwing preparation');
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    for (let i = 0; i < 100 && !pool.thrown; i++) await sleep(10);
    await sleep(50);
    // Its 10 files were not marked prepared: the next ask takes them all on, and runs.
    expect(await t.call('jobs:prepare', { sessionId })).toEqual({ files: 10 });
    for (let i = 0; i < 200 && !pool.lastPrepare; i++) await sleep(10);
    expect(await pool.lastPrepare).toMatchObject({ started: 10, failed: false, parsed: 0, cached: 10 });
  });

  it('a thread that processed a unit needs no rehearsal either', async () => {
    const pool = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(pool);
    await processSample(pool); // 5 units on 2 threads
    const t = cores.at(-1)!;
    const sessionId = (await t.call('sessions:list'))[0].id;
    const rehearsal = t.core.jobs.rehearsal(sessionId, REHEARSAL_UNITS)!;
    expect(rehearsal.units.length).toBe(5);
    expect(await pool.prepare([], join(t.dataDir, 'decoded'), () => true, rehearsal)).toMatchObject({ rehearsed: 0 });
    // The same on a fresh pool: both threads rehearse all 5.
    const fresh = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(fresh);
    expect(await fresh.prepare([], join(t.dataDir, 'decoded'), () => true, rehearsal)).toMatchObject({ rehearsed: 10 });
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
