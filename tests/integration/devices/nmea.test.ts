/**
 * A generic NMEA receiver on a real pty: the driver's probe finds NMEA on the port, the live
 * recording appends everything received, and pulling the plug ends the recording with every
 * byte kept and landed in the raw store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { nmeaSerialDriver, NMEA_BAUDS } from '../../../src/main/core/devices/drivers/nmea-serial.driver.ts';
import { nmeaSentence } from '../../../src/main/core/devices/protocol/nmea.ts';
import { createPtyPair } from '../../../src/main/core/devices/sim/pty-pair.ts';
import { openSerialTransport } from '../../../src/main/core/devices/transport/serial.transport.ts';
import { driverContext, hasSocat, sha256, SKIP_REASON, tempDir } from './helpers.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe.skipIf(!hasSocat)(`NMEA receiver over a real pty${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('is detected, recorded live, and keeps everything on unplug', async () => {
    const tmp = await tempDir('nmea-');
    const pair = await createPtyPair();
    const puck = await openSerialTransport(pair.unitPath);
    cleanup.push(tmp.remove, () => pair.close(), () => puck.close());
    let sent = '';
    let k = 0;
    const send = async (): Promise<void> => {
      const s = nmeaSentence(`GPGGA,1200${String(k % 60).padStart(2, '0')},5130.000,N,00007.000,W,1,09,0.8,35.0,M,47.0,M,,`) +
        nmeaSentence(`GPRMC,1200${String(k % 60).padStart(2, '0')},A,5130.000,N,00007.000,W,3.2,90.0,010626,,,A`);
      k++;
      sent += s;
      await puck.write(Buffer.from(s, 'latin1'));
    };
    const timer = setInterval(() => void send(), 40);
    cleanup.push(async () => clearInterval(timer));

    const ctx = driverContext(tmp.dir);
    const port = { path: pair.hostPath, vendorId: '1546', productId: '01a7', serialNumber: 'UBX-1234' };
    expect(nmeaSerialDriver.match!(port)).toBe('maybe');
    const unit = (await nmeaSerialDriver.probe!(port, ctx))!;
    expect(unit.unitId).toBe('UBX-1234');
    expect(NMEA_BAUDS).toContain(unit.baudRate); // a pty ignores the baud: the first one answers

    // Start from a clean slate: what the probe read is not part of the recording.
    clearInterval(timer);
    await new Promise((r) => setTimeout(r, 100));
    let received = 0;
    const ctl = new AbortController();
    const recording = nmeaSerialDriver.record!(unit, { signal: ctl.signal, name: 'session-1', onProgress: (b) => (received = b) }, ctx);
    await new Promise((r) => setTimeout(r, 100));
    sent = '';
    for (let i = 0; i < 25; i++) await send();
    while (received < sent.length) await new Promise((r) => setTimeout(r, 20));
    await pair.close(); // unplugged
    const f = await recording;
    expect(f.unitId).toBe('UBX-1234');
    expect(f.size).toBe(Buffer.byteLength(sent, 'latin1'));
    expect(sha256(await readFile(f.path))).toBe(sha256(Buffer.from(sent, 'latin1')));
  });
});
