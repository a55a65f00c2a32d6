import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { crc32Combine, crc32OfTail, encodeFrame, FrameDecoder, framePrefixCrc, HEADER_BYTES } from '../../../src/main/core/devices/protocol/frame.ts';
import { DATA_HEADER_BYTES, decodeData, encodeData, encodeDataFrame, MsgType } from '../../../src/main/core/devices/protocol/messages.ts';

describe('CRC-32 used by the framing', () => {
  it('matches the IEEE 802.3 check value and a bitwise reference', () => {
    // The published check value of CRC-32/ISO-HDLC for "123456789".
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    // Bit-by-bit reference, reflected polynomial 0xEDB88320.
    const ref = (b: Uint8Array): number => {
      let c = 0xffffffff;
      for (const x of b) {
        c ^= x;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    const frame = encodeFrame(0x83, 7, Uint8Array.from([1, 2, 3, 4, 5]));
    const body = frame.subarray(0, frame.length - 4);
    const trailer = new DataView(frame.buffer).getUint32(frame.length - 4, true);
    expect(trailer).toBe(ref(body));
  });
});

describe('frame layout', () => {
  it('writes sync, version, type, seq, length, header check, payload, crc', () => {
    const f = encodeFrame(0x02, 0x1234, Uint8Array.from([0xaa, 0xbb]));
    expect([...f.subarray(0, 10)]).toEqual([0xa5, 0x5a, 1, 0x02, 0x34, 0x12, 2, 0, 0, 0]);
    expect(new DataView(f.buffer).getUint16(10, true)).toBe(crc32(f.subarray(0, 10)) & 0xffff);
    expect([...f.subarray(HEADER_BYTES, HEADER_BYTES + 2)]).toEqual([0xaa, 0xbb]);
    expect(f.length).toBe(12 + 2 + 4);
  });
});

describe('FrameDecoder', () => {
  const payload = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

  it('decodes frames split at every possible byte boundary', () => {
    const a = encodeFrame(1, 1, payload(100, 1));
    const b = encodeFrame(2, 2, payload(3, 2));
    const stream = new Uint8Array([...a, ...b]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(got.map((f) => [f.type, f.seq, f.payload.length])).toEqual([[1, 1, 100], [2, 2, 3]]);
    }
  });

  it('skips leading garbage, a corrupted frame and a truncated frame, and recovers the frames behind them', () => {
    const good1 = encodeFrame(0x83, 10, payload(500, 3));
    const bad = encodeFrame(0x83, 11, payload(500, 4)).slice();
    bad[200] ^= 0xff; // corrupt payload: CRC fails
    const cut = encodeFrame(0x83, 12, payload(500, 5));
    const truncated = new Uint8Array([...cut.subarray(0, 250), ...cut.subarray(257)]); // 7 bytes dropped
    const good2 = encodeFrame(0x83, 13, payload(500, 6));
    const d = new FrameDecoder();
    const garbage = Uint8Array.from([0x00, 0xa5, 0x13, 0xa5, 0x5a, 0x01]);
    const frames = d.push(new Uint8Array([...garbage, ...good1, ...bad, ...truncated, ...good2]));
    expect(frames.map((f) => f.seq)).toEqual([10, 13]);
    expect([...frames[1].payload]).toEqual([...payload(500, 6)]);
    expect(d.stats.crcErrors).toBeGreaterThanOrEqual(1);
    expect(d.stats.garbageBytes).toBeGreaterThan(0);
  });

  it('rejects a header whose length was corrupted without waiting for that many bytes', () => {
    const f = encodeFrame(0x81, 5, payload(10, 1)).slice();
    f[7] ^= 0x40; // length += 16384, header check now fails
    const next = encodeFrame(0x81, 6, payload(10, 2));
    const d = new FrameDecoder();
    const got = d.push(new Uint8Array([...f, ...next]));
    expect(got.map((x) => x.seq)).toEqual([6]);
    expect(d.stats.badHeaders).toBe(1);
  });

  it('handles a 1 MiB payload arriving in 4 KiB slices', () => {
    const big = payload(1024 * 1024, 9);
    const f = encodeFrame(0x83, 1, big);
    const d = new FrameDecoder();
    const out = [];
    for (let i = 0; i < f.length; i += 4096) out.push(...d.push(f.subarray(i, i + 4096)));
    expect(out).toHaveLength(1);
    expect(Buffer.compare(Buffer.from(out[0].payload), Buffer.from(big))).toBe(0);
  });
});

describe('CRC-32 combine (zlib crc32_combine, by hand)', () => {
  // Independent check: the CRC of the concatenation, computed by node:zlib over the joined bytes.
  const bytes = (n: number, seed: number): Uint8Array => {
    const b = new Uint8Array(n);
    let x = seed >>> 0 || 1;
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      b[i] = x & 0xff;
    }
    return b;
  };
  const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const j = new Uint8Array(a.length + b.length);
    j.set(a, 0);
    j.set(b, a.length);
    return j;
  };

  it('gives crc32(A ‖ B) from crc32(A), crc32(B) and |B|, and crc32(B) back from the whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 70_000 }), fc.integer(), (na, nb, seed) => {
        const a = bytes(na, seed);
        const b = bytes(nb, seed ^ 0x5bd1e995);
        const whole = crc32(join(a, b));
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(whole);
        expect(crc32OfTail(whole, crc32(a), b.length)).toBe(crc32(b));
      }),
      { numRuns: 200 },
    );
  });

  it('an empty tail leaves the CRC unchanged; the check value splits anywhere', () => {
    const s = Buffer.from('123456789');
    expect(crc32Combine(0xcbf43926, crc32(new Uint8Array(0)), 0)).toBe(0xcbf43926);
    for (let k = 0; k <= 9; k++) expect(crc32Combine(crc32(s.subarray(0, k)), crc32(s.subarray(k)), 9 - k)).toBe(0xcbf43926);
  });

  it('a DATA frame built in one piece is byte-identical to the frame of an encoded DATA payload', () => {
    const data = bytes(65_536, 7);
    const one = encodeDataFrame(0x2a, 3, 2 ** 33 + 5, data);
    expect(Buffer.from(one).equals(Buffer.from(encodeFrame(MsgType.DATA, 0x2a, encodeData(3, 2 ** 33 + 5, data))))).toBe(true);
  });

  it('the frame prefix CRC and the frame CRC give the chunk CRC the unit sent', () => {
    const data = bytes(5000, 11);
    const [f] = new FrameDecoder().push(encodeDataFrame(9, 1, 0, data));
    expect(crc32OfTail(f.crc, framePrefixCrc(f, DATA_HEADER_BYTES), data.length)).toBe(crc32(data));
    // A chunk CRC that lies (the unit's flash disagrees with what it sent) is still caught.
    const lying = encodeFrame(MsgType.DATA, 9, encodeData(1, 0, data, crc32(data) ^ 1));
    const [g] = new FrameDecoder().push(lying);
    expect(crc32OfTail(g.crc, framePrefixCrc(g, DATA_HEADER_BYTES), data.length)).not.toBe(decodeData(g.payload).chunkCrc);
  });
});
