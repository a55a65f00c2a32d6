/**
 * Every injected fault ends in a verified file or a clear per-unit error, never a corrupt file
 * marked done. Real ptys, real serialport binding, the real Player1 driver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeviceError } from '../../../src/main/core/devices/device-error.ts';
import { player1Driver } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import type { DriverContext } from '../../../src/main/core/devices/drivers/driver.ts';
import { Player1Link } from '../../../src/main/core/devices/protocol/link.ts';
import { makeScenario } from '../../../src/main/core/devices/sim/scenario.ts';
import { recordingBytes } from '../../support/sim-recording.ts';
import type { SimUnitSpec } from '../../../src/main/core/devices/sim/scenario.ts';
import type { EmulatorFaults } from '../../../src/main/core/devices/sim/unit-emulator.ts';
import { openSerialTransport } from '../../../src/main/core/devices/transport/serial.transport.ts';
import type { LandedFile } from '../../../src/main/core/devices/types.ts';
import { driverContext, hasSocat, plugSimUnit, sha256, SKIP_REASON, tempDir } from './helpers.ts';
import type { SimPlug } from './helpers.ts';

const SESSION = Date.UTC(2026, 5, 1, 10, 0, 0);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function run(spec: SimUnitSpec, faults: EmulatorFaults): Promise<{
  result: LandedFile[] | DeviceError; plug: SimPlug; ctx: DriverContext; dir: string;
}> {
  const tmp = await tempDir('p1-fault-');
  const plug = await plugSimUnit(spec, faults);
  cleanup.push(tmp.remove, plug.unplug);
  const ctx = driverContext(tmp.dir);
  const unit = (await player1Driver.probe!({ path: plug.hostPath, vendorId: '1209', productId: '5031' }, ctx))!;
  try {
    const files = await player1Driver.download!(unit, { signal: new AbortController().signal, onProgress: () => {} }, ctx);
    return { result: files, plug, ctx, dir: tmp.dir };
  } catch (e) {
    if (!(e instanceof DeviceError)) throw e;
    return { result: e, plug, ctx, dir: tmp.dir };
  }
}

async function rawFiles(dir: string): Promise<string[]> {
  const root = join(dir, 'raw');
  const out: string[] = [];
  for (const sub of await readdir(root).catch(() => [] as string[])) {
    if (sub === '.tmp') continue;
    for (const f of await readdir(join(root, sub))) out.push(f);
  }
  return out;
}

function one(size: number, o: Partial<SimUnitSpec> = {}): SimUnitSpec {
  return { ...makeScenario({ units: 1, sessionStartMs: SESSION, bytesPerRecording: size, seed: `fault-${size}-${JSON.stringify(o)}` })[0], ...o };
}

async function expectVerified(r: Awaited<ReturnType<typeof run>>, spec: SimUnitSpec): Promise<void> {
  if (r.result instanceof DeviceError) throw new Error(`expected a verified file, got: ${r.result.message}`);
  const want = sha256(recordingBytes(spec.recordings[0]));
  expect(r.result.map((f) => f.sha256)).toEqual([want]);
  expect(sha256(await readFile(r.result[0].path))).toBe(want);
}

describe.skipIf(!hasSocat)(`fault injection over real ptys${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('dropped bytes: lost replies are detected and re-requested, the file verifies', async () => {
    const spec = one(400 * 1024);
    const r = await run(spec, { dropEveryNthData: 3, dropBytes: 5 });
    await expectVerified(r, spec);
    expect(r.plug.emulator.dataFrames).toBeGreaterThan(r.plug.emulator.reads.length - 1);
  });

  it('corrupted bytes and line noise: bad frames are skipped, resync recovers, the file verifies', async () => {
    const spec = one(400 * 1024);
    const r = await run(spec, { corruptEveryNthData: 4, noiseEveryNthData: 5 });
    await expectVerified(r, spec);
    // Each corrupted frame was served again: more DATA frames than the chunks in the file.
    const chunks = new Set(r.plug.emulator.reads.map((x) => x.offset)).size;
    expect(r.plug.emulator.dataFrames).toBeGreaterThan(chunks);
  });

  it('a link that corrupts every frame ends in a clear CORRUPT_LINK error naming the unit, nothing stored', async () => {
    const spec = one(64 * 1024);
    const r = await run(spec, { corruptEveryNthData: 1 });
    expect(r.result).toBeInstanceOf(DeviceError);
    const e = r.result as DeviceError;
    expect(e.code).toBe('CORRUPT_LINK');
    expect(e.unit).toBe(spec.unitId);
    expect(e.message).toMatch(new RegExp(`^${spec.unitId}: the link keeps corrupting data: chunk at offset 0 of recording 1 failed 8 times`));
    expect(await rawFiles(r.dir)).toEqual([]);
    expect((await r.ctx.journal.read(spec.unitId, '1'))?.verifiedOffset).toBe(0);
  });

  it('a stall longer than the idle timeout: the request times out, is retried, and the file verifies', async () => {
    const spec = one(256 * 1024);
    const r = await run(spec, { stall: { afterDataFrames: 2, ms: 2500 } });
    await expectVerified(r, spec);
  });

  it('a wrong whole-file checksum: CHECKSUM_MISMATCH naming the unit, not stored, the bytes kept aside', async () => {
    const spec = one(128 * 1024);
    const r = await run(spec, { wrongChecksum: true });
    expect(r.result).toBeInstanceOf(DeviceError);
    const e = r.result as DeviceError;
    expect(e.code).toBe('CHECKSUM_MISMATCH');
    expect(e.message.startsWith(`${spec.unitId}: recording 1: all 131072 bytes arrived`)).toBe(true);
    expect(await rawFiles(r.dir)).toEqual([]);
    // The bytes the unit sent are kept (not lost), and they are the unit's real content.
    const kept = String(e.details?.keptAs);
    expect(sha256(await readFile(kept))).toBe(sha256(recordingBytes(spec.recordings[0])));
  });

  it('a slow link (230400 baud): chunks shrink to the link and the file verifies', async () => {
    const spec = one(96 * 1024);
    const r = await run(spec, { baud: 230_400 });
    await expectVerified(r, spec);
    const lengths = r.plug.emulator.reads.map((x) => x.length);
    expect(lengths[0]).toBe(16 * 1024);
    expect(Math.min(...lengths.slice(0, -1))).toBeLessThan(16 * 1024);
  });

  it('a unit clock 5 s ahead: the handshake measures it within half the round trip', async () => {
    const spec = makeScenario({ units: 1, sessionStartMs: SESSION, bytesPerRecording: 1024, clockOffsetMs: () => 5000 })[0];
    const plug = await plugSimUnit(spec);
    cleanup.push(plug.unplug);
    const link = new Player1Link(await openSerialTransport(plug.hostPath));
    try {
      const h = await link.hello();
      expect(Math.abs(h.clockOffsetMs - 5000)).toBeLessThanOrEqual(h.rttMs / 2 + 1);
    } finally {
      await link.close();
    }
    const tmp = await tempDir('p1-clock-');
    cleanup.push(tmp.remove);
    const ctx = driverContext(tmp.dir);
    const unit = (await player1Driver.probe!({ path: plug.hostPath, vendorId: '1209', productId: '5031' }, ctx))!;
    const [f] = await player1Driver.download!(unit, { signal: new AbortController().signal, onProgress: () => {} }, ctx);
    expect(f.startMs).toBe(spec.recordings[0].startMs - f.clockOffsetMs);
    expect(Math.abs(f.startMs - SESSION)).toBeLessThan(250);
  });

  it('a unit that refuses a request answers with an ERROR the user can read', async () => {
    const spec = one(1024);
    const plug = await plugSimUnit(spec);
    cleanup.push(plug.unplug);
    const link = new Player1Link(await openSerialTransport(plug.hostPath));
    try {
      await link.hello();
      await expect(link.readChunk(1, 1000, 100)).rejects.toThrow(/P1-0001: unit refused READ: OUT_OF_RANGE: read 1000\+100 outside recording 1/);
      await expect(link.erase(1, sha256(new Uint8Array([1])))).rejects.toThrow(/CHECKSUM_MISMATCH/);
      expect(spec.recordings).toHaveLength(1);
    } finally {
      await link.close();
    }
  });
});
