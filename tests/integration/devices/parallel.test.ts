/**
 * Eight simulated units on eight real pty pairs, downloaded in parallel through the real
 * serialport binding: every landed file is byte-identical to the unit's (sha256 computed here
 * from the scenario's bytes), only the session's recordings are fetched, and each file carries
 * its unit's clock offset with times moved onto the host clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { DownloadManager } from '../../../src/main/core/devices/download/download-manager.ts';
import { player1Driver, player1DeviceId } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import type { AttachedUnit } from '../../../src/main/core/devices/drivers/driver.ts';
import { makeScenario } from '../../../src/main/core/devices/sim/scenario.ts';
import type { DownloadProgress } from '../../../src/main/core/devices/types.ts';
import { driverContext, hasSocat, plugSimUnit, sha256, SKIP_REASON, tempDir } from './helpers.ts';
import type { SimPlug } from './helpers.ts';

const SESSION = Date.UTC(2026, 5, 1, 10, 0, 0);
const DURATION = 90 * 60_000;

describe.skipIf(!hasSocat)(`8 units in parallel over real ptys${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  const specs = makeScenario({ units: 8, sessionStartMs: SESSION, sessionDurationMs: DURATION, bytesPerRecording: 768 * 1024, olderRecordings: 1 });
  let plugs: SimPlug[] = [];
  let tmp: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    tmp = await tempDir('p1-parallel-');
    plugs = await Promise.all(specs.map((s) => plugSimUnit(s)));
  });
  afterAll(async () => {
    await Promise.all(plugs.map((p) => p.unplug()));
    await tmp?.remove();
  });

  it('lands every session recording byte-identical, with progress per unit', async () => {
    const ctx = driverContext(tmp.dir);
    const manager = new DownloadManager({ progressIntervalMs: 0 });
    const progress = new Map<string, DownloadProgress[]>();
    manager.on('progress', (p) => progress.set(p.unitId, [...(progress.get(p.unitId) ?? []), p]));
    const units: AttachedUnit[] = [];
    for (const p of plugs) units.push((await player1Driver.probe!({ path: p.hostPath, vendorId: '1209', productId: '5031' }, ctx))!);
    expect(units.map((u) => u.deviceId)).toEqual(specs.map((s) => player1DeviceId(s.unitId)));

    const window = { startMs: SESSION, endMs: SESSION + DURATION };
    const outcomes = await manager.runAll(units.map((u) => ({
      deviceId: u.deviceId,
      unitId: u.unitId,
      run: (jc) => player1Driver.download!(u, { window, signal: jc.signal, onProgress: jc.progress }, ctx),
    })));

    for (const [i, o] of outcomes.entries()) {
      const spec = specs[i];
      expect(o.ok, o.ok ? '' : o.message).toBe(true);
      if (!o.ok) continue;
      const session = spec.recordings[spec.recordings.length - 1];
      expect(o.files).toHaveLength(1); // yesterday's recording is outside the window: left alone
      const f = o.files[0];
      expect(f.recordingId).toBe(String(session.id));
      expect(f.sha256).toBe(sha256(session.bytes));
      expect(sha256(await readFile(f.path))).toBe(sha256(session.bytes));
      // Offset measured over the link is within a few ms of the emulated one; times are host time.
      expect(Math.abs(f.clockOffsetMs - spec.clockOffsetMs)).toBeLessThan(250);
      expect(f.startMs).toBeCloseTo(session.startMs - f.clockOffsetMs, 6);
      const p = progress.get(spec.unitId)!;
      expect(p.at(-1)!.bytesDone).toBe(session.bytes.length);
      expect(p.at(-1)!.bytesTotal).toBe(session.bytes.length);
      expect(p.length).toBeGreaterThan(2);
      expect(plugs[i].emulator.reads.every((r) => r.id === session.id)).toBe(true);
    }
  });
});
