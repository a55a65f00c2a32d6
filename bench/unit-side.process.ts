/**
 * The unit's side of the devices bench, in its own process (a unit is a separate device: it must
 * not share the downloader's event loop; serialport's native poller cannot run in a worker
 * thread). Opens the unit end of a pty and either serves one recording with the emulator
 * ('emulator') or writes raw bytes as fast as the pty takes them ('raw', the baseline). Bytes are
 * made here from the seed, so nothing large crosses processes. Talks to the bench over IPC.
 */
import { deterministicBytes } from '../src/main/core/devices/sim/scenario.ts';
import type { SimUnitSpec } from '../src/main/core/devices/sim/scenario.ts';
import { UnitEmulator } from '../src/main/core/devices/sim/unit-emulator.ts';
import { SerialTransport } from '../src/main/core/devices/transport/serial.transport.ts';

export interface UnitSideData {
  mode: 'emulator' | 'raw';
  path: string;
  unitId: string;
  seed: string;
  size: number;
  /** The unit's largest DATA chunk (HELLO_OK maxChunk); default the emulator's 64 KiB. */
  maxChunk?: number;
}

const d = JSON.parse(process.argv[2]) as UnitSideData;
const send = (m: object) => process.send!(m);
const bytes = deterministicBytes(d.seed, d.size);
const transport = await SerialTransport.open(d.path);

if (d.mode === 'emulator') {
  const spec: SimUnitSpec = {
    unitId: d.unitId,
    firmware: 'bench',
    batteryPct: 90,
    batteryMv: 4000,
    clockOffsetMs: 0,
    recordings: [{ id: 1, startMs: Date.now(), endMs: Date.now() + 60_000, bytes }],
  };
  new UnitEmulator(spec, transport, { maxChunk: d.maxChunk });
}
process.on('message', async (m: { go?: boolean; stop?: boolean }) => {
  if (m.go && d.mode === 'raw') {
    for (let i = 0; i < bytes.length; i += 64 * 1024) await transport.write(bytes.subarray(i, i + 64 * 1024));
    send({ written: true });
  }
  if (m.stop) {
    await transport.close();
    process.disconnect();
  }
});
send({ ready: true });
