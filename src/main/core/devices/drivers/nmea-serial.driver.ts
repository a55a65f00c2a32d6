/**
 * Generic NMEA 0183 receivers on a serial port (USB GPS pucks). Probe: listen at the common
 * baud rates for sentences with valid checksums. Record: append the raw stream to a session
 * file while the receiver is connected, flushed as it arrives and fsync'd every second, so an
 * unplug keeps everything received; the finished file then lands in the raw store.
 */
import { serialOpenReason } from '../serial-access.ts';
import { open, mkdir } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DeviceError } from '../device-error.ts';
import { safeName } from '../download/journal.ts';
import { countValidSentences } from '../protocol/nmea.ts';
import type { Transport } from '../transport/transport.ts';
import type { PortInfo } from '../types.ts';
import { hex4 } from './driver.ts';
import type { AttachedUnit, Driver, DriverContext } from './driver.ts';

export const NMEA_BAUDS = [4800, 9600, 38400, 115200] as const;

/** USB VIDs of the serial bridges GPS pucks use: u-blox, Prolific, Silicon Labs, FTDI, WCH. */
export const GPS_BRIDGE_VIDS = [0x1546, 0x067b, 0x10c4, 0x0403, 0x1a86];

export interface NmeaProbeOptions {
  /** How long to listen at each baud rate. Default 1500 ms (1 Hz receivers send a burst a second). */
  listenMs?: number;
  bauds?: readonly number[];
}

/** Listens on `path` at each baud in turn; returns the first that yields 2 valid sentences. */
export async function detectNmeaBaud(
  path: string,
  open: (path: string, baud: number) => Promise<Transport>,
  opts: NmeaProbeOptions = {},
): Promise<number | null> {
  for (const baud of opts.bauds ?? NMEA_BAUDS) {
    let t: Transport;
    try {
      t = await open(path, baud);
    } catch {
      return null;
    }
    try {
      const ok = await new Promise<boolean>((resolve) => {
        let text = '';
        const timer = setTimeout(() => resolve(false), opts.listenMs ?? 1500);
        t.onData((b) => {
          text += Buffer.from(b).toString('latin1');
          if (countValidSentences(text) >= 2) {
            clearTimeout(timer);
            resolve(true);
          }
          if (text.length > 64 * 1024) text = text.slice(-4096);
        });
        t.onClose(() => {
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (ok) return baud;
    } finally {
      await t.close().catch(() => {});
    }
  }
  return null;
}

export function nmeaUnitId(port: PortInfo): string {
  // Pucks rarely have an identity of their own: the USB serial number when there is one,
  // else VID:PID@port (the one case where the port name is part of the identity).
  return port.serialNumber ? port.serialNumber : `${port.vendorId ?? '----'}:${port.productId ?? '----'}@${port.path}`;
}

export const nmeaSerialDriver: Driver = {
  id: 'nmea-serial',
  kind: 'serial',
  summary: 'NMEA 0183 GPS receiver on a serial port (recorded live)',

  match(port) {
    const vid = port.vendorId?.toLowerCase();
    return vid && GPS_BRIDGE_VIDS.some((v) => hex4(v) === vid) ? 'maybe' : 'no';
  },

  async probe(port, ctx) {
    const baud = await detectNmeaBaud(port.path, (p, b) => ctx.openTransport(p, { baudRate: b }));
    if (baud == null) return null;
    const unitId = nmeaUnitId(port);
    return {
      deviceId: `nmea-serial:${port.vendorId ?? '----'}:${port.productId ?? '----'}:${unitId}`,
      driver: 'nmea-serial',
      unitId,
      label: `${port.manufacturer ?? 'NMEA'} GPS receiver`,
      location: port.path,
      vendorId: port.vendorId ?? null,
      productId: port.productId ?? null,
      firmware: null,
      batteryPct: null,
      clockOffsetMs: null,
      clockUncertaintyMs: null,
      capabilities: { download: false, erase: false, live: true },
      player: null,
      busy: false,
      port,
      baudRate: baud,
    } satisfies AttachedUnit;
  },

  async record(unit, opts, ctx: DriverContext) {
    let t: Transport;
    try {
      t = await ctx.openTransport(unit.location, { baudRate: unit.baudRate ?? 9600 });
    } catch (e) {
      throw new DeviceError('OPEN_FAILED', unit.unitId, serialOpenReason(unit.location, e));
    }
    const dir = join(ctx.liveDir, safeName(unit.unitId));
    const file = join(dir, `${safeName(opts.name)}.nmea`);
    let fh: FileHandle;
    try {
      await mkdir(dir, { recursive: true });
      fh = await open(file, 'a');
    } catch (e) {
      await t.close().catch(() => {});
      throw new DeviceError('IO', unit.unitId, `cannot open the live recording file ${file}: ${(e as Error).message}`);
    }
    const startMs = ctx.now();
    let bytes = 0;
    let chain = Promise.resolve();
    let writeError: Error | null = null;
    let lastSync = startMs;
    const ended = new Promise<{ lost: boolean }>((resolve) => {
      t.onClose(({ lost }) => resolve({ lost }));
      // A cancel that came while the port was opening has already fired.
      if (opts.signal.aborted) resolve({ lost: false });
      else opts.signal.addEventListener('abort', () => resolve({ lost: false }), { once: true });
    });
    t.onData((b) => {
      const copy = Uint8Array.from(b);
      chain = chain.then(async () => {
        if (writeError) return;
        try {
          await fh.write(copy);
          bytes += copy.length;
          opts.onProgress?.(bytes);
          if (ctx.now() - lastSync >= 1000) {
            lastSync = ctx.now();
            await fh.datasync();
          }
        } catch (e) {
          writeError = e as Error;
        }
      });
    });
    await ended;
    await t.close().catch(() => {});
    await chain;
    await fh.datasync().catch(() => {});
    await fh.close();
    const endMs = ctx.now();
    if (writeError) throw new DeviceError('IO', unit.unitId, `cannot write ${file}: ${(writeError as Error).message}`);
    if (bytes === 0) {
      if (opts.signal.aborted) throw new DeviceError('CANCELLED', unit.unitId, 'recording cancelled before the receiver sent anything');
      throw new DeviceError('TIMEOUT', unit.unitId, 'the receiver sent nothing while recording');
    }
    const stored = await ctx.store.put({ path: file }, { move: true });
    return {
      deviceId: unit.deviceId,
      unitId: unit.unitId,
      recordingId: opts.name,
      sha256: stored.sha256,
      path: stored.path,
      size: stored.size,
      startMs,
      endMs,
      clockOffsetMs: 0,
      clockUncertaintyMs: 0,
      alreadyStored: stored.existed,
      resumedFromOffset: 0,
    };
  },
};
