import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../src/main/core/devices/device-error.ts';
import type { AttachedUnit, DriverContext } from '../../../src/main/core/devices/drivers/driver.ts';
import { nmeaSerialDriver } from '../../../src/main/core/devices/drivers/nmea-serial.driver.ts';
import { DownloadJournal } from '../../../src/main/core/devices/download/journal.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';
import { countValidSentences, nmeaChecksum } from '../../../src/main/core/devices/protocol/nmea.ts';
import { detectNmeaBaud } from '../../../src/main/core/devices/drivers/nmea-serial.driver.ts';
import { createStreamPair } from '../../../src/main/core/devices/transport/stream-pair.transport.ts';
import type { Transport } from '../../../src/main/core/devices/transport/transport.ts';

describe('NMEA checksums', () => {
  it('accepts published sentences and rejects altered ones', () => {
    // Well-known example sentence (checksum 47 from the NMEA 0183 GGA examples).
    const gga = '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47';
    expect(nmeaChecksum(gga.slice(1, gga.indexOf('*')))).toBe(0x47);
    expect(countValidSentences(`${gga}\r\n${gga}\r\n`)).toBe(2);
    expect(countValidSentences(gga.replace('4807', '4808'))).toBe(0);
    expect(countValidSentences('\u0000\u00ff garbage $GP*00')).toBe(0);
  });
});

describe('detectNmeaBaud (unit test with stream pairs standing in for a port at each baud)', () => {
  it('returns the first baud rate at which valid sentences arrive', async () => {
    const tried: number[] = [];
    const gga = '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n';
    const open = async (_path: string, baud: number): Promise<Transport> => {
      tried.push(baud);
      const pair = createStreamPair(`b${baud}`);
      // At the wrong baud a UART delivers garbage; at 38400 the receiver's sentences.
      const payload = baud === 38400 ? gga.repeat(3) : '\u00f0\u0080\u00fe\u0011'.repeat(40);
      setTimeout(() => void pair.unit.write(Buffer.from(payload, 'latin1')), 5);
      return pair.host;
    };
    expect(await detectNmeaBaud('/dev/fake', open, { listenMs: 150 })).toBe(38400);
    expect(tried).toEqual([4800, 9600, 38400]);
  });
});

describe('NMEA live recording (stream pair standing in for the port)', () => {
  const unit = (): AttachedUnit => ({
    deviceId: 'nmea-serial:1546:01a7:UBX-1', driver: 'nmea-serial', unitId: 'UBX-1', label: 'GPS', location: '/dev/fake',
    vendorId: '1546', productId: '01a7', firmware: null, batteryPct: null, clockOffsetMs: null, clockUncertaintyMs: null,
    capabilities: { download: false, erase: false, live: true }, player: null, busy: false, baudRate: 9600,
  });
  const context = (dir: string, openTransport: DriverContext['openTransport']): DriverContext => ({
    openTransport, store: new RawStore(join(dir, 'raw')), journal: new DownloadJournal(join(dir, 'downloads')), liveDir: join(dir, 'live'), now: Date.now,
  });

  it('a cancel that comes while the port is still opening ends the recording (it used to wait for an unplug)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nmea-rec-'));
    try {
      const pair = createStreamPair('puck');
      const ctl = new AbortController();
      const open: DriverContext['openTransport'] = async () => {
        ctl.abort(); // the user cancels before the port is open
        await new Promise((r) => setTimeout(r, 20));
        return pair.host;
      };
      const outcome = await Promise.race([
        nmeaSerialDriver.record!(unit(), { signal: ctl.signal, name: 's1' }, context(dir, open)).then(
          () => 'landed',
          (e: DeviceError) => e.code,
        ),
        new Promise((r) => setTimeout(() => r('still recording after 2 s'), 2000)),
      ]);
      expect(outcome).toBe('CANCELLED');
      expect(pair.host.isOpen).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the port when the live file cannot be opened, and names the unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nmea-rec-'));
    try {
      writeFileSync(join(dir, 'live'), 'a file where the live folder should be');
      const pair = createStreamPair('puck');
      const err = await nmeaSerialDriver.record!(unit(), { signal: new AbortController().signal, name: 's1' }, context(dir, async () => pair.host)).catch((e: DeviceError) => e);
      expect(err).toBeInstanceOf(DeviceError);
      expect((err as DeviceError).code).toBe('IO');
      expect((err as DeviceError).message).toMatch(/^UBX-1: cannot open the live recording file/);
      expect(pair.host.isOpen).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
