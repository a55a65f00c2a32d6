/**
 * Device protocol throughput, measured side by side in one run on this machine. The unit's side
 * runs in its own process (unit-side.process.ts), as a real unit is a separate device; the host
 * side runs here, as in the app:
 *  - raw: N bytes written by the unit process into one end of a socat pty pair and read here from the
 *    other, both ends through serialport (the ceiling any protocol over that pty can reach);
 *  - protocol: the same N bytes as one recording, served by the emulator in the worker and
 *    downloaded here by the Player1 downloader: framing, CRCs, pipelined READs, part file, journal,
 *    whole-file sha256 and atomic landing in the raw store included;
 *  - aggregate: 1, 4 and 8 emulated units (one process each) downloaded in parallel.
 * Also measured, in the same rounds: the emulator on the downloader's own event loop (phase A's
 * set-up) and one part-file write per chunk instead of batched writes.
 * Prints figures only; asserts nothing. Flags: --mib=<n> per transfer (default 32), --rounds=<n> (9: the share swings with the load, and the median of more rounds swings less).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DownloadJournal } from '../src/main/core/devices/download/journal.ts';
import { downloadPlayer1 } from '../src/main/core/devices/download/player1-download.ts';
import { Player1Link } from '../src/main/core/devices/protocol/link.ts';
import { createPtyPair, socatAvailable } from '../src/main/core/devices/sim/pty-pair.ts';
import type { PtyPair } from '../src/main/core/devices/sim/pty-pair.ts';
import { deterministicBytes } from '../src/main/core/devices/sim/scenario.ts';
import { UnitEmulator } from '../src/main/core/devices/sim/unit-emulator.ts';
import { SerialTransport } from '../src/main/core/devices/transport/serial.transport.ts';
import { RawStore } from '../src/main/core/store/raw-store.ts';
import { median as medianOf } from '../src/main/core/processing/sample-rate.ts';
import type { UnitSideData } from './unit-side.process.ts';

const MiB = 1024 * 1024;

function flag(args: string[], name: string, dflt: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
}

const UNIT_SIDE = fileURLToPath(new URL('./unit-side.process.ts', import.meta.url));

interface UnitSide {
  child: ChildProcess;
  pair: PtyPair;
  send(m: object): void;
  close(): Promise<void>;
}

async function startUnitSide(data: Omit<UnitSideData, 'path'>): Promise<UnitSide> {
  const pair = await createPtyPair();
  const child = fork(UNIT_SIDE, [JSON.stringify({ ...data, path: pair.unitPath })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`unit process exited (${code}) before it was ready`)));
  });
  return {
    child,
    pair,
    send: (m) => child.send(m),
    async close() {
      if (child.connected) child.send({ stop: true });
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
      await pair.close();
    },
  };
}

async function rawCopy(size: number, seed: string): Promise<number> {
  const unit = await startUnitSide({ mode: 'raw', unitId: 'raw', seed, size });
  const host = await SerialTransport.open(unit.pair.hostPath);
  try {
    let n = 0;
    const done = new Promise<void>((resolve) =>
      host.onData((d) => {
        n += d.length;
        if (n >= size) resolve();
      }),
    );
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    unit.send({ go: true });
    await done;
    lastCpuMs = cpuMs(c0);
    return performance.now() - t0;
  } finally {
    await host.close();
    await unit.close();
  }
}

/** The unit's emulator in this process, on this event loop (how phase A measured it). */
async function inProcessUnitSide(unitId: string, seed: string, size: number): Promise<{ pair: PtyPair; close(): Promise<void> }> {
  const pair = await createPtyPair();
  const unitEnd = await SerialTransport.open(pair.unitPath);
  const now = Date.now();
  new UnitEmulator(
    { unitId, firmware: 'bench', batteryPct: 90, batteryMv: 4000, clockOffsetMs: 0, recordings: [{ id: 1, startMs: now, endMs: now + 60_000, bytes: deterministicBytes(seed, size) }] },
    unitEnd,
  );
  return {
    pair,
    async close() {
      await unitEnd.close();
      await pair.close();
    },
  };
}

interface Variant {
  /** Where the emulator runs. */
  unit: 'process' | 'same-loop';
  /** Part-file write batch in bytes; undefined = the downloader's default. */
  writeBatchBytes?: number;
  /** READs in flight; default the downloader's. */
  pipeline?: number;
  /** The unit's largest chunk; default the emulator's. */
  maxChunk?: number;
}

async function protocolDownload(units: number, size: number, seed: string, v: Variant): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-dev-'));
  const sides = await Promise.all(
    Array.from({ length: units }, async (_, i) => {
      const unit =
        v.unit === 'process'
          ? await startUnitSide({ mode: 'emulator', unitId: `B-${i}`, seed: `${seed}-${i}`, size, maxChunk: v.maxChunk })
          : await inProcessUnitSide(`B-${i}`, `${seed}-${i}`, size);
      const link = new Player1Link(await SerialTransport.open(unit.pair.hostPath));
      const hello = await link.hello();
      return { unit, link, hello };
    }),
  );
  try {
    const store = new RawStore(join(dir, 'raw'));
    const journal = new DownloadJournal(join(dir, 'downloads'));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await Promise.all(
      sides.map((s) => downloadPlayer1({ link: s.link, hello: s.hello, deviceId: s.hello.info.unitId, journal, store, writeBatchBytes: v.writeBatchBytes, pipeline: v.pipeline })),
    );
    lastCpuMs = cpuMs(c0);
    return performance.now() - t0;
  } finally {
    for (const s of sides) {
      await s.link.close();
      await s.unit.close();
    }
    await rm(dir, { recursive: true, force: true });
  }
}

/** CPU time (user + system) this process used during the last measured transfer, ms. */
let lastCpuMs = 0;
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

const median = (xs: number[]): number => medianOf(Float64Array.from(xs)) ?? NaN;

export async function run(args: string[]): Promise<void> {
  if (!socatAvailable()) {
    console.log('devices bench skipped: socat is not installed (needed for real pseudo-terminals)');
    return;
  }
  const mib = flag(args, 'mib', 32);
  const rounds = flag(args, 'rounds', 9);
  const size = mib * MiB;
  const variants: { name: string; v: Variant }[] = [
    { name: "emulator on the downloader's event loop (phase A set-up)", v: { unit: 'same-loop' } },
    { name: 'emulator in its own process, 4 READs in flight, one write per chunk', v: { unit: 'process', pipeline: 4, writeBatchBytes: 0 } },
    { name: 'emulator in its own process, downloader defaults (batched writes, ~50 ms in flight)', v: { unit: 'process' } },
  ];
  // Interleaved, round by round, so load from elsewhere hits every variant alike; each variant's
  // figure is the median of its per-round ratios to that round's raw copy.
  const raw: number[] = [];
  const rawCpu: number[] = [];
  const ms = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    raw.push(await rawCopy(size, `raw-${r}`));
    rawCpu.push(lastCpuMs);
    for (const [i, x] of variants.entries()) {
      ms[i].push(await protocolDownload(1, size, `bench-${r}`, x.v));
      cpu[i].push(lastCpuMs);
    }
  }
  // CPU per MiB on the host side: what the downloader costs, whatever else the machine runs.
  const perMiB = (xs: number[]) => `${(median(xs) / mib).toFixed(1)} ms CPU/MiB on the host side`;
  const mbs = (t: number) => size / MiB / (t / 1000);
  console.log(`${rounds} rounds of ${mib} MiB; raw baseline and unit side in their own process, host side in this one`);
  console.log(`raw pty copy: ${mbs(median(raw)).toFixed(1)} MiB/s, ${perMiB(rawCpu)} (${raw.map((x) => x.toFixed(0)).join(', ')} ms)`);
  for (const [i, x] of variants.entries()) {
    const ratio = median(ms[i].map((t, r) => raw[r] / t));
    console.log(
      `protocol download, ${x.name}: ${mbs(median(ms[i])).toFixed(1)} MiB/s, ${Math.round(ratio * 100)}% of raw, ${perMiB(cpu[i])} (${ms[i].map((t) => t.toFixed(0)).join(', ')} ms)`,
    );
  }
  const best = variants.length - 1;
  console.log(`device protocol throughput: ${Math.round(median(ms[best].map((t, r) => raw[r] / t)) * 100)}% of raw pty copy`);

  const per = Math.max(1, Math.floor(mib / 4));
  for (const n of [1, 4, 8]) {
    const t = await protocolDownload(n, per * MiB, `agg${n}`, { unit: 'process' });
    console.log(`aggregate ${n} unit${n > 1 ? 's' : ''}: ${((n * per) / (t / 1000)).toFixed(1)} MiB/s (${n} x ${per} MiB in ${t.toFixed(0)} ms, one process per unit)`);
  }
}
