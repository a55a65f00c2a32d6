/**
 * The DeviceService end to end over real ptys with demo units: discovery by synthetic USB
 * events, one-click parallel download with progress, one unit failing with a clear error and
 * being retried after a replug, cancel, and erase only after a verified copy is stored.
 */
import { recordingBytes } from '../../support/sim-recording.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceService } from '../../../src/main/core/devices/device-service.ts';
import { DemoUnits } from '../../../src/main/core/devices/sim/demo.ts';
import type { DeviceInfo, DownloadFailure, DownloadProgress } from '../../../src/main/core/devices/types.ts';
import { hasSocat, sha256, SKIP_REASON, tempDir } from './helpers.ts';

const SESSION = Date.UTC(2026, 5, 1, 10, 0, 0);
const WINDOW = { startMs: SESSION, endMs: SESSION + 90 * 60_000 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(units: number, faults: (i: number) => object | undefined, bytes = 512 * 1024) {
  const tmp = await tempDir('p1-service-');
  const demo = new DemoUnits({ units, sessionStartMs: SESSION, bytesPerRecording: bytes, faults });
  // Each unit also holds yesterday's recording, outside the session window.
  for (const s of demo.specs) {
    s.recordings.unshift({ id: 99, startMs: s.recordings[0].startMs - 86_400_000, endMs: s.recordings[0].endMs - 86_400_000, bytes: new Uint8Array(4096).fill(7) });
  }
  const svc = new DeviceService({ dataDir: tmp.dir, usb: demo.usb, listPorts: demo.listPorts, openTransport: demo.openTransport, volumeRoots: [], debounceMs: 20 });
  cleanup.push(tmp.remove, () => demo.stop(), () => svc.stop());
  await svc.start();
  const attached: DeviceInfo[] = [];
  svc.on('attached', (d) => attached.push(d));
  for (let i = 0; i < units; i++) await demo.plug(i);
  while (svc.list().length < units) await new Promise((r) => svc.once('attached', r));
  return { svc, demo, attached };
}

describe.skipIf(!hasSocat)(`DeviceService over real ptys${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('downloads every unit in parallel; a failing unit names itself, the others land; a retry after replug succeeds', async () => {
    const { svc, demo } = await setup(4, (i) => (i === 2 ? { corruptEveryNthData: 1 } : undefined));
    expect(demo.mode).toBe('pty');
    const progress: DownloadProgress[] = [];
    const failed: DownloadFailure[] = [];
    svc.on('progress', (p) => progress.push(p));
    svc.on('failed', (f) => failed.push(f));
    const outcomes = await svc.download({ window: WINDOW });
    expect(outcomes.filter((o) => o.ok).map((o) => o.unitId).sort()).toEqual(['P1-0001', 'P1-0002', 'P1-0004']);
    expect(failed).toHaveLength(1);
    expect(failed[0].unitId).toBe('P1-0003');
    expect(failed[0].code).toBe('CORRUPT_LINK');
    expect(failed[0].message).toMatch(/^P1-0003: the link keeps corrupting data/);
    for (const o of outcomes) {
      if (!o.ok) continue;
      const spec = demo.specs.find((s) => s.unitId === o.unitId)!;
      expect(o.files.map((f) => f.sha256)).toEqual([sha256(recordingBytes(spec.recordings[1]))]);
      const last = progress.filter((p) => p.unitId === o.unitId).at(-1)!;
      expect(last.bytesDone).toBe(last.bytesTotal);
    }

    // The user fixes the cable: unplug, replug (no fault now), retry that one unit.
    await demo.unplug(2);
    while (svc.list().some((d) => d.unitId === 'P1-0003')) await new Promise((r) => svc.once('detached', r));
    await demo.plug(2, {});
    while (!svc.list().some((d) => d.unitId === 'P1-0003')) await new Promise((r) => svc.once('attached', r));
    const [retry] = await svc.download({ deviceIds: ['player1:1209:5031:P1-0003'], window: WINDOW });
    expect(retry.ok).toBe(true);
    if (retry.ok) expect(retry.files[0].sha256).toBe(sha256(recordingBytes(demo.specs[2].recordings[1])));
  });

  it('erase removes only recordings whose verified copy is stored', async () => {
    const { svc, demo } = await setup(1, () => undefined, 64 * 1024);
    const id = svc.list()[0].deviceId;
    const [o] = await svc.download({ window: WINDOW });
    expect(o.ok).toBe(true);
    const r = await svc.erase({ deviceId: id });
    expect(r.erased).toEqual(['1']);
    expect(r.kept).toEqual([{ recordingId: '99', reason: 'no verified copy in the raw store yet: download it first' }]);
    expect(demo.specs[0].recordings.map((x) => x.id)).toEqual([99]);
  });

  it('cancel stops one unit with CANCELLED and keeps its verified bytes; the download then resumes', async () => {
    const { svc, demo } = await setup(1, () => ({ baud: 4_000_000 }), 512 * 1024);
    const id = svc.list()[0].deviceId;
    svc.on('progress', (p) => {
      if (p.bytesDone > 64 * 1024) svc.cancel(id);
    });
    const [o] = await svc.download({ window: WINDOW });
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.code).toBe('CANCELLED');
    expect(o.bytesVerified).toBeGreaterThan(64 * 1024);
    svc.removeAllListeners('progress');
    const [again] = await svc.download({ window: WINDOW });
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(again.files[0].resumedFromOffset).toBeGreaterThan(0);
      expect(again.files[0].sha256).toBe(sha256(recordingBytes(demo.specs[0].recordings[1])));
    }
  });
});
