/**
 * Hotplug through the USB adapter with synthetic attach/detach events: the DeviceService runs
 * its real discovery, driver registry and Player1 handshake against simulated units on
 * in-process links (no pty here: that is the integration suite's job).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceService } from '../../../src/main/core/devices/device-service.ts';
import { FakeUsbAdapter } from '../../../src/main/core/devices/discovery/fake-usb.adapter.ts';
import { SerialDiscovery } from '../../../src/main/core/devices/discovery/serial-discovery.ts';
import { unavailableUsb } from '../../../src/main/core/devices/discovery/usb.adapter.ts';
import type { AttachedUnit, Driver } from '../../../src/main/core/devices/drivers/driver.ts';
import { DemoUnits } from '../../../src/main/core/devices/sim/demo.ts';
import type { DeviceInfo, PortInfo } from '../../../src/main/core/devices/types.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function nextEvent<T>(svc: { once(e: string, cb: (v: T) => void): unknown }, name: string): Promise<T> {
  return new Promise((resolve) => svc.once(name, resolve));
}

async function setup(playerFor?: (unitId: string) => { id: string; name: string } | null) {
  const dataDir = await mkdtemp(join(tmpdir(), 'hotplug-'));
  const demo = new DemoUnits({ units: 2, sessionStartMs: Date.UTC(2026, 5, 1, 10), bytesPerRecording: 1024, inProcess: true });
  const svc = new DeviceService({
    dataDir, usb: demo.usb, listPorts: demo.listPorts, openTransport: demo.openTransport, volumeRoots: [],
    debounceMs: 20, playerFor,
  });
  cleanup.push(async () => {
    await svc.stop();
    await demo.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  await svc.start();
  return { svc, demo };
}

describe('hotplug through the USB adapter', () => {
  it('units appear on attach and disappear on detach, identified by VID/PID + handshake', async () => {
    const { svc, demo } = await setup();
    expect(svc.list()).toEqual([]);
    const attached = nextEvent<DeviceInfo>(svc, 'attached');
    await demo.plug(0); // fires a synthetic USB attach
    const a = await attached;
    expect(a.deviceId).toBe('player1:1209:5031:P1-0001');
    expect(a.unitId).toBe('P1-0001');
    expect(a.firmware).toBe('1.4.2');
    expect(a.batteryPct).toBe(demo.specs[0].batteryPct);
    expect(svc.list().map((d) => d.unitId)).toEqual(['P1-0001']);

    const detached = nextEvent<{ deviceId: string }>(svc, 'detached');
    await demo.unplug(0); // synthetic USB detach
    expect((await detached).deviceId).toBe('player1:1209:5031:P1-0001');
    expect(svc.list()).toEqual([]);
  });

  it('the same unit on a new port is the same device; a different unit is a different one', async () => {
    const { svc, demo } = await setup();
    let ev = nextEvent<DeviceInfo>(svc, 'attached');
    await demo.plug(0);
    const first = await ev;
    const gone = nextEvent(svc, 'detached');
    await demo.unplug(0);
    await gone;
    ev = nextEvent<DeviceInfo>(svc, 'attached');
    await demo.plug(0); // a new link: new port path
    const again = await ev;
    expect(again.location).not.toBe(first.location);
    expect(again.deviceId).toBe(first.deviceId);
    ev = nextEvent<DeviceInfo>(svc, 'attached');
    await demo.plug(1);
    const other = await ev;
    expect(other.deviceId).toBe('player1:1209:5031:P1-0002');
    expect(svc.list().map((d) => d.deviceId).sort()).toEqual([first.deviceId, other.deviceId]);
  });

  it('shows the player a unit is assigned to, and re-announces after an assignment', async () => {
    const assigned = new Map<string, { id: string; name: string }>([['P1-0002', { id: 'p7', name: 'Alex Morgan' }]]);
    const { svc, demo } = await setup((u) => assigned.get(u) ?? null);
    let ev = nextEvent<DeviceInfo>(svc, 'attached');
    await demo.plug(1);
    expect((await ev).player).toEqual({ id: 'p7', name: 'Alex Morgan' });
    ev = nextEvent<DeviceInfo>(svc, 'attached');
    await demo.plug(0);
    expect((await ev).player).toBeNull();
    assigned.set('P1-0001', { id: 'p9', name: 'Sam Kerr' });
    const seen: DeviceInfo[] = [];
    svc.on('attached', (d) => seen.push(d));
    svc.refreshAssignments();
    expect(seen.find((d) => d.unitId === 'P1-0001')?.player).toEqual({ id: 'p9', name: 'Sam Kerr' });
  });
});

describe('SerialDiscovery', () => {
  const unitFor = (p: PortInfo, id: string): AttachedUnit => ({
    deviceId: `x:${id}`, driver: 'player1', unitId: id, label: id, location: p.path, vendorId: p.vendorId ?? null,
    productId: p.productId ?? null, firmware: null, batteryPct: null, clockOffsetMs: null, clockUncertaintyMs: null,
    capabilities: { download: true, erase: false, live: false }, player: null, busy: false,
  });

  it('polls the listing when USB is unavailable, and never probes ports no driver wants', async () => {
    let ports: PortInfo[] = [{ path: '/dev/ttyS0' }];
    const probed: string[] = [];
    const d = new SerialDiscovery({
      listPorts: async () => ports,
      usb: unavailableUsb('no bus in tests'),
      wanted: (p) => p.vendorId === '1209',
      identify: async (p) => {
        probed.push(p.path);
        return unitFor(p, 'U1');
      },
      pollMs: 30,
    });
    const seen: string[] = [];
    d.on('attached', (u) => seen.push(`+${u.unitId}@${u.location}`));
    d.on('detached', (u) => seen.push(`-${u.unitId}@${u.location}`));
    await d.start();
    ports = [{ path: '/dev/ttyS0' }, { path: '/dev/ttyACM0', vendorId: '1209', productId: '5031' }];
    await new Promise<void>((r) => d.once('attached', () => r()));
    ports = [{ path: '/dev/ttyS0' }];
    await new Promise<void>((r) => d.once('detached', () => r()));
    d.stop();
    expect(seen).toEqual(['+U1@/dev/ttyACM0', '-U1@/dev/ttyACM0']);
    expect(probed).toEqual(['/dev/ttyACM0']);
  });

  it('re-probes a port that failed to identify when USB reports a new attach', async () => {
    const usb = new FakeUsbAdapter();
    const ports: PortInfo[] = [{ path: '/dev/ttyACM3', vendorId: '1209', productId: '5031' }];
    let answer = false;
    let probes = 0;
    const d = new SerialDiscovery({
      listPorts: async () => ports, usb, wanted: () => true, debounceMs: 5, settleMs: 10_000,
      identify: async (p) => {
        probes++;
        return answer ? unitFor(p, 'U2') : null; // booting: no answer yet
      },
    });
    await d.start();
    expect(d.units()).toEqual([]);
    await d.rescan();
    expect(probes).toBe(1); // a port that did not answer is not hammered on every scan
    answer = true;
    const got = new Promise<AttachedUnit>((r) => d.once('attached', r));
    usb.attach({ vendorId: 0x1209, productId: 0x5031 });
    expect((await got).unitId).toBe('U2');
    d.stop();
  });

  it('a port whose probe hangs holds back no other port: a unit plugged in meanwhile attaches at once', async () => {
    const ports: PortInfo[] = [{ path: '/dev/ttyACM0' }];
    let releaseSlow!: () => void;
    const slow = new Promise<void>((r) => (releaseSlow = r));
    const d = new SerialDiscovery({
      listPorts: async () => ports, usb: unavailableUsb('no bus in tests'), wanted: () => true, pollMs: 10_000,
      identify: async (p) => {
        if (p.path === '/dev/ttyACM0') {
          await slow; // a chattering unit, probed until its own timeout
          return null;
        }
        return unitFor(p, 'FAST');
      },
    });
    const attached: string[] = [];
    d.on('attached', (u) => attached.push(u.unitId));
    const first = d.start(); // probing ACM0, which does not answer yet
    await new Promise((r) => setTimeout(r, 20));
    ports.push({ path: '/dev/ttyACM1' });
    const second = d.rescan();
    await new Promise<void>((r) => d.once('attached', () => r()));
    expect(attached).toEqual(['FAST']); // while ACM0 is still being probed
    releaseSlow();
    await Promise.all([first, second]);
    expect(d.units().map((u) => u.unitId)).toEqual(['FAST']);
    d.stop();
  }, 10_000); // before: FAST waited for ACM0's probe, which here never ends on its own
});

describe('a DeviceService given its own drivers', () => {
  it('uses them for downloads too, not only for discovery', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'drivers-'));
    const downloaded: string[] = [];
    const fake: Driver = {
      id: 'player1',
      kind: 'serial',
      summary: 'test double',
      match: () => 'yes',
      probe: async (port) => ({
        deviceId: 'fake:FAKE-1', driver: 'player1', unitId: 'FAKE-1', label: 'Fake', location: port.path, vendorId: null, productId: null,
        firmware: null, batteryPct: null, clockOffsetMs: null, clockUncertaintyMs: null,
        capabilities: { download: true, erase: false, live: false }, player: null, busy: false,
      }),
      download: async (unit) => {
        downloaded.push(unit.unitId);
        return [];
      },
    };
    const svc = new DeviceService({
      dataDir, usb: new FakeUsbAdapter(), listPorts: async () => [{ path: '/dev/fake0' }], volumeRoots: [], drivers: [fake],
      openTransport: async () => {
        throw new Error('no port in this test');
      },
    });
    cleanup.push(async () => {
      await svc.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    await svc.start();
    expect(svc.list().map((d) => d.unitId)).toEqual(['FAKE-1']);
    const [outcome] = await svc.download({});
    expect(outcome).toMatchObject({ ok: true, unitId: 'FAKE-1', files: [] });
    expect(downloaded).toEqual(['FAKE-1']);
  });
});
