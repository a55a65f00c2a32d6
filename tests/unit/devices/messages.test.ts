import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  decodeData, decodeError, decodeErase, decodeHello, decodeHelloReply, decodeListReply, decodeRead, encodeData,
  encodeError, encodeErase, encodeHello, encodeHelloReply, encodeListReply, encodeRead, ProtocolError,
} from '../../../src/main/core/devices/protocol/messages.ts';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('Player1 messages', () => {
  it('round-trip every message', () => {
    expect(decodeHello(encodeHello({ protocolVersion: 1, hostTimeMs: 1_700_000_000_123 }))).toEqual({ protocolVersion: 1, hostTimeMs: 1_700_000_000_123 });
    const hello = { protocolVersion: 1, batteryPct: 77, batteryMv: 3911, unitClockMs: 1_700_000_000_456.5, maxChunk: 65536, unitId: 'P1-0042', firmware: '1.4.2' };
    expect(decodeHelloReply(encodeHelloReply(hello))).toEqual(hello);
    const list = [
      { id: 1, startMs: 1e12, endMs: 1e12 + 5.4e6, size: 5_000_000_000, sha256: sha('a') },
      { id: 70000, startMs: 2e12, endMs: 2e12 + 1, size: 0, sha256: sha('b') },
    ];
    expect(decodeListReply(encodeListReply(list))).toEqual(list);
    expect(decodeRead(encodeRead({ id: 3, offset: 2 ** 40, length: 65536 }))).toEqual({ id: 3, offset: 2 ** 40, length: 65536 });
    expect(decodeErase(encodeErase({ id: 9, sha256: sha('c') }))).toEqual({ id: 9, sha256: sha('c') });
    expect(decodeError(encodeError({ code: 4, message: 'nope' }))).toEqual({ code: 4, message: 'nope' });
  });

  it('DATA carries the CRC-32 of the chunk', () => {
    const data = Uint8Array.from([9, 8, 7, 6]);
    const d = decodeData(encodeData(5, 128, data));
    expect(d.chunkCrc).toBe(crc32(data));
    expect([...d.data]).toEqual([9, 8, 7, 6]);
    expect(d.offset).toBe(128);
  });

  it('throws ProtocolError on a short or padded payload', () => {
    const hello = encodeHelloReply({ protocolVersion: 1, batteryPct: 1, batteryMv: 1, unitClockMs: 1, maxChunk: 1, unitId: 'X', firmware: 'f' });
    expect(() => decodeHelloReply(hello.subarray(0, hello.length - 1))).toThrow(ProtocolError);
    expect(() => decodeRead(new Uint8Array(17))).toThrow(ProtocolError);
    expect(() => decodeListReply(Uint8Array.from([2, 0]))).toThrow(ProtocolError);
  });
});
