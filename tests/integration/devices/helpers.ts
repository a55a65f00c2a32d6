/** Shared set-up for the device integration suite: real socat ptys, the real serialport binding. */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverContext } from '../../../src/main/core/devices/drivers/driver.ts';
import { DownloadJournal } from '../../../src/main/core/devices/download/journal.ts';
import { createPtyPair, socatAvailable } from '../../../src/main/core/devices/sim/pty-pair.ts';
import type { PtyPair } from '../../../src/main/core/devices/sim/pty-pair.ts';
import type { SimUnitSpec } from '../../../src/main/core/devices/sim/scenario.ts';
import { UnitEmulator } from '../../../src/main/core/devices/sim/unit-emulator.ts';
import type { EmulatorFaults } from '../../../src/main/core/devices/sim/unit-emulator.ts';
import { openSerialTransport } from '../../../src/main/core/devices/transport/serial.transport.ts';
import type { Transport } from '../../../src/main/core/devices/transport/transport.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';

export const hasSocat = socatAvailable();
export const SKIP_REASON = 'socat is not installed: the device integration suite needs real pseudo-terminals';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface SimPlug {
  pair: PtyPair;
  unitEnd: Transport;
  emulator: UnitEmulator;
  hostPath: string;
  unplug(): Promise<void>;
}

/** A simulated unit on a fresh pty pair. Pulling the plug (or the disconnect fault) kills socat. */
export async function plugSimUnit(spec: SimUnitSpec, faults?: EmulatorFaults): Promise<SimPlug> {
  const pair = await createPtyPair();
  const unitEnd = await openSerialTransport(pair.unitPath);
  const unplug = async (): Promise<void> => {
    await pair.close();
    await unitEnd.close().catch(() => {});
  };
  const emulator = new UnitEmulator(spec, unitEnd, { faults, onDisconnect: () => void unplug() });
  return { pair, unitEnd, emulator, hostPath: pair.hostPath, unplug };
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function driverContext(dataDir: string): DriverContext {
  return {
    openTransport: openSerialTransport,
    store: new RawStore(join(dataDir, 'raw')),
    journal: new DownloadJournal(join(dataDir, 'downloads')),
    liveDir: join(dataDir, 'live'),
    now: Date.now,
  };
}
