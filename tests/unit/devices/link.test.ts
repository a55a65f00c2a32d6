import { describe, expect, it } from 'vitest';
import { createStreamPair } from '../../../src/main/core/devices/transport/stream-pair.transport.ts';
import type { Transport } from '../../../src/main/core/devices/transport/transport.ts';
import { Player1Link } from '../../../src/main/core/devices/protocol/link.ts';
import { crc32 } from 'node:zlib';
import { encodeFrame, FrameDecoder } from '../../../src/main/core/devices/protocol/frame.ts';
import { decodeRead, encodeData, MsgType } from '../../../src/main/core/devices/protocol/messages.ts';
import { UnitEmulator } from '../../../src/main/core/devices/sim/unit-emulator.ts';
import { deterministicBytes } from '../../../src/main/core/devices/sim/scenario.ts';

/** Counts the host's writes and the frames in them, passing everything on. */
function counting(t: Transport): { t: Transport; writes: number[] } {
  const writes: number[] = [];
  const dec = new FrameDecoder();
  return {
    writes,
    t: {
      get path() { return t.path; },
      get isOpen() { return t.isOpen; },
      write(b) {
        writes.push(dec.push(b).length);
        return t.write(b);
      },
      onData: (cb) => t.onData(cb),
      onClose: (cb) => t.onClose(cb),
      close: () => t.close(),
    },
  };
}

describe('Player1Link', () => {
  it("sends the requests of one tick in one write, each answered and verified on its own", async () => {
    const { host, unit } = createStreamPair('link-test');
    const bytes = deterministicBytes('link', 40_000);
    const now = Date.now();
    new UnitEmulator({ unitId: 'L1', firmware: 't', batteryPct: 50, batteryMv: 3800, clockOffsetMs: 0, recordings: [{ id: 1, startMs: now, endMs: now + 1000, bytes }] }, unit);
    const c = counting(host);
    const link = new Player1Link(c.t);
    await link.hello();
    expect(c.writes).toEqual([1]);
    // Four READs issued together (as the downloader refills its pipeline): one write of four frames.
    const parts = await Promise.all([0, 1, 2, 3].map((k) => link.readChunk(1, k * 10_000, 10_000)));
    expect(c.writes).toEqual([1, 4]);
    expect(Buffer.concat(parts).equals(Buffer.from(bytes))).toBe(true);
    // Requests in different ticks still go one by one.
    await link.readChunk(1, 0, 100);
    await link.readChunk(1, 100, 100);
    expect(c.writes).toEqual([1, 4, 1, 1]);
    await link.close();
  });

  it('a chunk whose CRC disagrees with its data is refused, although its frame is intact', async () => {
    const { host, unit } = createStreamPair('link-crc');
    const bytes = deterministicBytes('crc', 8192);
    // A unit whose flash returns other bytes than it checksummed: a valid frame, a wrong chunk CRC.
    const dec = new FrameDecoder();
    unit.onData((b) => {
      for (const f of dec.push(b)) {
        if (f.type !== MsgType.READ) continue;
        const r = decodeRead(f.payload);
        const data = bytes.subarray(r.offset, r.offset + r.length);
        const lie = r.offset === 4096 ? crc32(data) ^ 0x10 : crc32(data);
        void unit.write(encodeFrame(MsgType.DATA, f.seq, encodeData(r.id, r.offset, data, lie)));
      }
    });
    const link = new Player1Link(host);
    const ok = await link.readChunk(1, 0, 4096);
    expect(Buffer.from(ok).equals(Buffer.from(bytes.subarray(0, 4096)))).toBe(true);
    await expect(link.readChunk(1, 4096, 4096)).rejects.toThrow(/chunk CRC mismatch at offset 4096/);
    expect(link.stats.corruptChunks).toBe(1);
    await link.close();
  });

  it('a unit that chatters but never answers times out like a silent one: noise and stale replies are not progress', async () => {
    for (const chatter of ['noise', 'stale replies'] as const) {
      const { host, unit } = createStreamPair(`link-chatter-${chatter}`);
      // Every 20 ms: bytes that never form a frame, or valid frames answering nothing asked.
      const noise = setInterval(() => {
        unit.write(chatter === 'noise' ? Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff) : encodeFrame(MsgType.DATA, 999, new Uint8Array(8))).catch(() => {});
      }, 20);
      try {
        // Idle limit 60 ms, doubled after each timeout: 3 attempts end within 60 + 120 + 240 ms.
        const link = new Player1Link(host, { idleTimeoutMs: 60, attempts: 3 });
        const err = (await link.hello().then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
        expect(err).toMatchObject({ code: 'TIMEOUT' });
        expect(err?.message).toMatch(/the unit stopped answering: no valid reply to HELLO after 3 attempts \(.*3 timeouts/);
        if (chatter === 'stale replies') expect(link.stats.staleReplies).toBeGreaterThan(0);
        else expect(link.stats.garbageBytes).toBeGreaterThan(0);
        clearInterval(noise);
        await link.close();
      } finally {
        clearInterval(noise);
      }
    }
  }, 20_000); // before the fix it waited for the chatter to stop, which it never does

  it('a long frame arriving slowly is progress: no timeout while its bytes flow', async () => {
    const { host, unit } = createStreamPair('link-slow');
    const dec = new FrameDecoder();
    const bytes = deterministicBytes('slow', 4000);
    unit.onData((b) => {
      for (const f of dec.push(b)) {
        if (f.type !== MsgType.READ) continue;
        const r = decodeRead(f.payload);
        const data = bytes.subarray(r.offset, r.offset + r.length);
        const frame = encodeFrame(MsgType.DATA, f.seq, encodeData(r.id, r.offset, data, crc32(data)));
        // 40 bytes every 10 ms: ~1 s for the frame, four times the 250 ms idle limit. The limit
        // leaves room for a loaded machine delaying a timer; the frame still outlasts it.
        let at = 0;
        const drip = setInterval(() => {
          void unit.write(frame.subarray(at, at + 40));
          at += 40;
          if (at >= frame.length) clearInterval(drip);
        }, 10);
      }
    });
    const link = new Player1Link(host, { idleTimeoutMs: 250, attempts: 1 });
    const got = await link.readChunk(1, 0, 4000);
    expect(Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
    expect(link.stats.timeouts).toBe(0);
    await link.close();
  });
});
