import { describe, expect, it } from 'vitest';
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
