/**
 * `player1-pitchside --self-test`: proves a packaged app works on this laptop, without a window.
 * Each step is run and reported, in order; the exit code is 0 only when every step passed:
 *  1. SQLite: a new database in a temporary data dir, every migration, integrity_check;
 *  2. serial ports: the native serialport binding lists the ports (none is fine);
 *  3. USB: the native usb binding (libusb) enumerates the devices;
 *  4. worker: a one-player sample session processed by the real piscina pool (one worker task);
 *  5. report: that run's HTML report written and readable.
 * Electron-free: the Electron entry calls it with the packaged paths; tests call it under Node.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from './app.ts';
import { openDatabase } from './db/database.ts';
import { ensureSampleSession } from './sample/sample-session.ts';
import { DEFAULT_SAMPLE } from './sample/scenario.ts';

export interface SelfTestStep {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface SelfTestDeps {
  workerPath: string;
  reportViewerPath: string;
  /** Default: the serialport binding's list(). */
  listSerialPorts?: () => Promise<{ path: string }[]>;
  /** Default: the usb binding's getDeviceList(). */
  listUsbDevices?: () => Promise<unknown[]>;
  log?: (line: string) => void;
}

async function defaultSerial(): Promise<{ path: string }[]> {
  const { listSerialPorts } = await import('./devices/discovery/serial-lister.ts');
  return listSerialPorts();
}

async function defaultUsb(): Promise<unknown[]> {
  const mod = (await import('usb')) as unknown as { getDeviceList: () => unknown[] };
  return mod.getDeviceList();
}

export async function runSelfTest(deps: SelfTestDeps): Promise<{ ok: boolean; steps: SelfTestStep[] }> {
  const log = deps.log ?? ((l: string) => console.log(l));
  const steps: SelfTestStep[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'player1-self-test-'));
  const step = async (name: string, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = performance.now();
    let s: SelfTestStep;
    try {
      s = { name, ok: true, detail: await fn(), ms: 0 };
    } catch (e) {
      s = { name, ok: false, detail: e instanceof Error ? e.message : String(e), ms: 0 };
    }
    s.ms = Math.round(performance.now() - t0);
    steps.push(s);
    log(`${s.ok ? 'ok  ' : 'FAIL'} ${name}: ${s.detail} (${s.ms} ms)`);
    return s.ok;
  };
  try {
    await step('sqlite', async () => {
      const db = openDatabase(join(dir, 'check', 'player1.sqlite'));
      try {
        const check = db.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
        const v = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number };
        return `opened, schema version ${v.v}, integrity ok`;
      } finally {
        db.close();
      }
    });
    await step('serial ports', async () => {
      const ports = await (deps.listSerialPorts ?? defaultSerial)();
      return `${ports.length} port(s)${ports.length ? `: ${ports.map((p) => p.path).join(', ')}` : ''}`;
    });
    await step('usb', async () => `${(await (deps.listUsbDevices ?? defaultUsb)()).length} device(s)`);
    let reportPath: string | null = null;
    await step('worker', async () => {
      const sample = ensureSampleSession(join(dir, 'sample'), { players: 1, minutes: 1 });
      const core = createCore({ dataDir: join(dir, 'data'), workerPath: deps.workerPath, reportViewerPath: deps.reportViewerPath, host: { kind: 'cli' }, maxThreads: 1 });
      try {
        const call = async (m: string, input: unknown) => {
          const r = await core.dispatch(m as never, input as never);
          if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
          return r.value as never;
        };
        const s = (await call('sessions:create', { name: 'self-test', startMs: DEFAULT_SAMPLE.startMs, endMs: DEFAULT_SAMPLE.startMs + 60_000 })) as { id: string };
        await call('sessions:importFolder', { id: s.id, folder: sample.dir, storage: 'copy' });
        await call('jobs:start', { sessionId: s.id });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the worker did not finish within 60 s')), 60_000);
        });
        await Promise.race([core.jobs.whenIdle(s.id), timeout]).finally(() => clearTimeout(timer));
        const done = (await call('sessions:get', { id: s.id })) as { processingStatus: string; error: { message: string } | null; reportPath: string | null };
        if (done.processingStatus !== 'COMPLETED') throw new Error(`processing ${done.processingStatus}: ${done.error?.message ?? ''}`);
        reportPath = done.reportPath;
        return 'one player processed by a pool thread';
      } finally {
        await core.close();
      }
    });
    await step('report', async () => {
      if (!reportPath) throw new Error('no report (the worker step failed)');
      const html = readFileSync(reportPath, 'utf8');
      if (!html.startsWith('<!doctype html>') || !html.includes('id="report-data"')) throw new Error(`${reportPath} is not a report`);
      return `written (${html.length} bytes)`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ok = steps.every((s) => s.ok);
  log(ok ? 'self-test passed' : `self-test FAILED: ${steps.filter((s) => !s.ok).map((s) => s.name).join(', ')}`);
  return { ok, steps };
}
