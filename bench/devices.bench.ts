/**
 * Device protocol throughput, measured side by side in one run on this machine:
 *  - raw: N bytes written into one end of a socat pty pair and read from the other, both ends
 *    through serialport (the ceiling any protocol over that pty can reach);
 *  - protocol: the same N bytes as one recording, downloaded by the Player1 driver from the
 *    emulator over the same kind of pty: framing, CRCs, pipelined READs, part file, journal,
 *    whole-file sha256 and atomic landing in the raw store included;
 *  - aggregate: 1, 4 and 8 emulated units downloaded in parallel.
 * Prints figures only; asserts nothing. Flags: --mib=<n> per transfer (default 32), --rounds=<n>.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadJournal } from '../src/main/core/devices/download/journal.ts';
import { downloadPlayer1 } from '../src/main/core/devices/download/player1-download.ts';
import { Player1Link } from '../src/main/core/devices/protocol/link.ts';
import { createPtyPair, socatAvailable } from '../src/main/core/devices/sim/pty-pair.ts';
import { deterministicBytes, makeScenario } from '../src/main/core/devices/sim/scenario.ts';
import type { SimUnitSpec } from '../src/main/core/devices/sim/scenario.ts';
import { UnitEmulator } from '../src/main/core/devices/sim/unit-emulator.ts';
import { SerialTransport } from '../src/main/core/devices/transport/serial.transport.ts';
import { RawStore } from '../src/main/core/store/raw-store.ts';

const MiB = 1024 * 1024;

function flag(args: string[], name: string, dflt: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
}

async function rawCopy(bytes: Uint8Array): Promise<number> {
  const pair = await createPtyPair();
  const a = await SerialTransport.open(pair.unitPath);
  const b = await SerialTransport.open(pair.hostPath);
  try {
    let n = 0;
    const t0 = performance.now();
    const done = new Promise<void>((resolve) =>
      b.onData((d) => {
        n += d.length;
        if (n >= bytes.length) resolve();
      }),
    );
    for (let i = 0; i < bytes.length; i += 64 * 1024) await a.write(bytes.subarray(i, i + 64 * 1024));
    await done;
    return performance.now() - t0;
  } finally {
    await a.close();
    await b.close();
    await pair.close();
  }
}

async function protocolDownload(specs: SimUnitSpec[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-dev-'));
  const setups = await Promise.all(
    specs.map(async (spec) => {
      const pair = await createPtyPair();
      const unitEnd = await SerialTransport.open(pair.unitPath);
      new UnitEmulator(spec, unitEnd);
      const link = new Player1Link(await SerialTransport.open(pair.hostPath));
      const hello = await link.hello();
      return { pair, unitEnd, link, hello };
    }),
  );
  try {
    const store = new RawStore(join(dir, 'raw'));
    const journal = new DownloadJournal(join(dir, 'downloads'));
    const t0 = performance.now();
    await Promise.all(setups.map((s) => downloadPlayer1({ link: s.link, hello: s.hello, deviceId: s.hello.info.unitId, journal, store })));
    return performance.now() - t0;
  } finally {
    for (const s of setups) {
      await s.link.close();
      await s.unitEnd.close();
      await s.pair.close();
    }
    await rm(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(args: string[]): Promise<void> {
  if (!socatAvailable()) {
    console.log('devices bench skipped: socat is not installed (needed for real pseudo-terminals)');
    return;
  }
  const mib = flag(args, 'mib', 32);
  const rounds = flag(args, 'rounds', 3);
  const size = mib * MiB;
  const bytes = deterministicBytes('bench', size);
  const raw: number[] = [];
  const proto: number[] = [];
  for (let r = 0; r < rounds; r++) {
    raw.push(await rawCopy(bytes));
    const spec = makeScenario({ units: 1, sessionStartMs: Date.now(), bytesPerRecording: 0, seed: `r${r}` })[0];
    spec.recordings[0].bytes = deterministicBytes(`bench-${r}`, size);
    proto.push(await protocolDownload([spec]));
  }
  const rawMBs = size / MiB / (median(raw) / 1000);
  const protoMBs = size / MiB / (median(proto) / 1000);
  console.log(`raw pty copy: ${rawMBs.toFixed(1)} MiB/s (median of ${rounds} x ${mib} MiB; ${raw.map((x) => x.toFixed(0)).join(', ')} ms)`);
  console.log(`protocol download: ${protoMBs.toFixed(1)} MiB/s (median of ${rounds}; ${proto.map((x) => x.toFixed(0)).join(', ')} ms)`);
  console.log(`device protocol throughput: ${Math.round((protoMBs / rawMBs) * 100)}% of raw pty copy`);

  const per = Math.max(1, Math.floor(mib / 4));
  for (const n of [1, 4, 8]) {
    const specs = makeScenario({ units: n, sessionStartMs: Date.now(), bytesPerRecording: per * MiB, seed: `agg${n}` });
    const ms = await protocolDownload(specs);
    console.log(`aggregate ${n} unit${n > 1 ? 's' : ''}: ${((n * per) / (ms / 1000)).toFixed(1)} MiB/s (${n} x ${per} MiB in ${ms.toFixed(0)} ms)`);
  }
}
