/**
 * Demo units' recordings are made in the worker pool, not on the core's main thread (a session's
 * recording is ~0.3 s of CPU and ~25 MB of samples before encoding): a core whose pool counts the
 * requests it is handed makes every unit's two recordings there, and what a unit then serves is
 * byte for byte what demo-scenario.ts makes here on the test's own thread.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { DEMO_FLASH_DIR, flashOwner, sweepDemoFlash } from '../../../src/main/core/devices/device-runtime.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskPool } from '../../../src/main/core/jobs/task-pool.ts';
import { demoSpecs, type DemoRecording, type DemoRecordingRequest } from '../../../src/main/core/devices/sim/demo-scenario.ts';
import { NODE_WORKER_PATH } from '../../../src/main/core/node-paths.ts';
import { startTestCore, type TestCore } from '../../support/core.ts';

const T0 = Date.UTC(2026, 2, 14, 10, 0);
const WINDOW = { startMs: T0, endMs: T0 + 5 * 60_000 };
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

class CountingPool extends TaskPool {
  readonly made: DemoRecordingRequest[] = [];
  /** While set, a recording is handed back only once it resolves (a pool busy with a Process Report). */
  gate: Promise<void> | null = null;
  override async demoRecording(r: DemoRecordingRequest): Promise<DemoRecording> {
    this.made.push(r);
    const made = await super.demoRecording(r);
    await this.gate;
    return made;
  }
}

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('demo units with the app pool', () => {
  it("makes each unit's recordings in the pool, and the units serve exactly those bytes", async () => {
    const pool = new CountingPool(NODE_WORKER_PATH, 2);
    t = startTestCore({ taskRunner: pool, scanRunner: pool, devices: { demo: { inProcess: true, bytesPerSec: 8 * 1024 * 1024 }, debounceMs: 20 } });
    const s = await t.call('sessions:create', { name: 'Demo', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 2, faulty: 0 });
    // Two units, each with yesterday's one-minute recording and the session's.
    expect(pool.made.map((r) => [r.index, r.minutes]).sort()).toEqual([
      [0, 1],
      [0, 15],
      [1, 1],
      [1, 15],
    ]);
    const specs = demoSpecs({ window: WINDOW, units: 2 }); // recomputed here, not in the pool
    // The core's process holds none of the recordings: each is a file in this start's own folder.
    const runtime = (await t.core.ctx.devices!.get()).runtime;
    const [flashDir] = runtime.demoFlashDirs;
    expect(runtime.demoFlashDirs).toHaveLength(1);
    expect(dirname(flashDir)).toBe(join(t.dataDir, DEMO_FLASH_DIR));
    const flash = runtime.demoUnits!.specs.flatMap((u) => u.recordings);
    expect(flash.map((r) => [r.bytes, r.file && relative(flashDir, r.file.path)])).toEqual([
      [undefined, 'DEMO-01-1.p1'],
      [undefined, 'DEMO-01-2.p1'],
      [undefined, 'DEMO-02-1.p1'],
      [undefined, 'DEMO-02-2.p1'],
    ]);
    expect(readdirSync(flashDir).sort()).toEqual(['DEMO-01-1.p1', 'DEMO-01-2.p1', 'DEMO-02-1.p1', 'DEMO-02-2.p1']);
    await waitFor(async () => (await t!.call('devices:list')).devices.length === 2);
    const done = new Map<string, { sha256: string; size: number }>();
    t.core.events.on('devices:done', (e) => done.set(e.unitId, e.files[0]));
    await t.call('devices:download', { sessionId: s.id });
    await waitFor(async () => done.size === 2);
    for (const [i, unit] of ['DEMO-01', 'DEMO-02'].entries()) {
      const session = specs[i].recordings[1].bytes;
      expect(done.get(unit)).toMatchObject({ sha256: sha256(session), size: session.length });
    }
    // Stopping the demo takes its folder away.
    await t.call('devices:demo', { action: 'stop' });
    expect(existsSync(flashDir)).toBe(false);
    expect(runtime.demoFlashDirs).toEqual([]);
  });

  it("a unit whose flash file went away answers the download with an error naming the recording, and the app says which unit", async () => {
    const pool = new CountingPool(NODE_WORKER_PATH, 2);
    t = startTestCore({ taskRunner: pool, scanRunner: pool, devices: { demo: { inProcess: true, bytesPerSec: 8 * 1024 * 1024 }, debounceMs: 20 } });
    const s = await t.call('sessions:create', { name: 'Demo', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 1, faulty: 0 });
    const runtime = (await t.core.ctx.devices!.get()).runtime;
    rmSync(runtime.demoFlashDirs[0], { recursive: true, force: true });
    await waitFor(async () => (await t!.call('devices:list')).devices.length === 1);
    const failed: { unitId: string; message: string }[] = [];
    t.core.events.on('devices:failed', (e) => failed.push(e));
    await t.call('devices:download', { sessionId: s.id });
    await waitFor(async () => failed.length === 1);
    expect(failed[0].unitId).toBe('DEMO-01');
    expect(failed[0].message).toMatch(/recording 2 cannot be read from the simulated flash/);
  });

  it('a stop while the recordings are being made wins: no unit is plugged in afterwards', async () => {
    const pool = new CountingPool(NODE_WORKER_PATH, 2);
    let open!: () => void;
    pool.gate = new Promise<void>((r) => (open = r));
    t = startTestCore({ taskRunner: pool, scanRunner: pool, devices: { demo: { inProcess: true }, debounceMs: 20 } });
    const s = await t.call('sessions:create', { name: 'Demo', ...WINDOW });
    const starting = t.call('devices:demo', { action: 'start', sessionId: s.id, units: 2, faulty: 0 });
    await waitFor(async () => pool.made.length === 4); // every recording asked for, none handed back
    expect(await t.call('devices:demo', { action: 'stop' })).toEqual({ running: false, units: [], faulty: [] });
    open();
    expect(await starting).toEqual({ running: false, units: [], faulty: [] });
    // Given time to appear, nothing does, and the recordings made meanwhile are gone with their folder.
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.call('devices:list')).devices).toEqual([]);
    expect((await t.core.ctx.devices!.get()).runtime.demoFlashDirs).toEqual([]);
    const dirs = new Set(pool.made.map((r) => dirname(r.path!)));
    expect(dirs.size).toBe(1);
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});

describe('demo start and stop in quick succession', () => {
  it('a stop asked for after a start wins, even while the units before are being unplugged', async () => {
    const pool = new CountingPool(NODE_WORKER_PATH, 2);
    t = startTestCore({ taskRunner: pool, scanRunner: pool, devices: { demo: { inProcess: true }, debounceMs: 20 } });
    const s = await t.call('sessions:create', { name: 'Demo', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 1, faulty: 0 });
    const again = t.call('devices:demo', { action: 'start', sessionId: s.id, units: 2, faulty: 0 });
    const stop = t.call('devices:demo', { action: 'stop' });
    expect(await stop).toMatchObject({ running: false });
    expect(await again).toMatchObject({ running: false, units: [] });
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.call('devices:list')).devices).toEqual([]);
    expect((await t.core.ctx.devices!.get()).runtime.demoFlashDirs).toEqual([]);
  });
});

describe('demo units\' flash folders', () => {
  it('the app closing while the recordings are being made takes their folder away', async () => {
    const pool = new CountingPool(NODE_WORKER_PATH, 2);
    let open!: () => void;
    pool.gate = new Promise<void>((r) => (open = r));
    const core = startTestCore({ taskRunner: pool, scanRunner: pool, devices: { demo: { inProcess: true }, debounceMs: 20 } });
    t = core; // closed by afterEach if an assertion fails before the close below
    const s = await core.call('sessions:create', { name: 'Demo', ...WINDOW });
    const starting = core.raw('devices:demo', { action: 'start', sessionId: s.id, units: 2, faulty: 0 });
    await waitFor(async () => pool.made.length === 4);
    const dir = dirname(pool.made[0].path!);
    await waitFor(async () => existsSync(dir) && readdirSync(dir).length === 4); // every recording written
    // Closed while the start still waits for its recordings to be handed back: the folder goes with the app.
    t = null;
    await core.close();
    expect(existsSync(dir)).toBe(false);
    open();
    expect(await starting).toMatchObject({ ok: true, value: { running: false, units: [] } });
    expect(existsSync(dir)).toBe(false);
  });

  it("folders this host's processes left when they are gone are swept at the next demo start; a live process's and another host's are kept", async () => {
    const root = mkdtempSync(join(tmpdir(), 'p1-flash-sweep-'));
    try {
      const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!; // ended by now
      const here = hostname();
      mkdirSync(join(root, `${flashOwner(here, dead)}-abc123`));
      writeFileSync(join(root, `${flashOwner(here, dead)}-abc123`, 'DEMO-01-2.p1'), 'x');
      mkdirSync(join(root, `${flashOwner(here, process.pid)}-def456`));
      mkdirSync(join(root, `${flashOwner('other-laptop', dead)}-ghi789`)); // a shared data folder: not ours to judge
      mkdirSync(join(root, 'notes'));
      expect(await sweepDemoFlash(root)).toEqual([`${flashOwner(here, dead)}-abc123`]);
      expect(readdirSync(root).sort()).toEqual([`${flashOwner(here, process.pid)}-def456`, `${flashOwner('other-laptop', dead)}-ghi789`, 'notes'].sort());
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a demo start sweeps what a killed app left in the data folder', async () => {
    const pool = new CountingPool(NODE_WORKER_PATH, 2);
    t = startTestCore({ taskRunner: pool, scanRunner: pool, devices: { demo: { inProcess: true }, debounceMs: 20 } });
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    const left = join(t.dataDir, DEMO_FLASH_DIR, `${flashOwner(hostname(), dead)}-zzz999`);
    mkdirSync(left, { recursive: true });
    writeFileSync(join(left, 'DEMO-01-2.p1'), 'x');
    const s = await t.call('sessions:create', { name: 'Demo', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 1, faulty: 0 });
    expect(existsSync(left)).toBe(false);
    expect(readdirSync(join(t.dataDir, DEMO_FLASH_DIR))).toHaveLength(1); // this start's own
  });
});

async function waitFor(test: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
