import { describe, expect, it } from 'vitest';
import { f64, f64Uninit, u8, withScratch } from '../../../src/main/core/util/scratch.ts';

describe('scratch memory', () => {
  it('outside withScratch, arrays are ordinary new arrays', () => {
    const a = f64(4);
    expect(a.buffer.byteLength).toBe(32);
    expect(Array.from(a)).toEqual([0, 0, 0, 0]);
  });

  it('inside, zeroed arrays start at 0 even when the memory held other values in an earlier task', () => {
    withScratch(() => {
      f64Uninit(100).fill(7);
      u8(100).fill(9);
    }, 4096);
    withScratch(() => {
      const a = f64(100);
      const b = u8(100);
      expect(a.every((x) => x === 0)).toBe(true);
      expect(b.every((x) => x === 0)).toBe(true);
      // the same memory as before: one block reused
      expect(a.buffer).toBe(b.buffer);
    });
  });

  it('hands out arrays that do not overlap, and grows for the next task when one did not fit', () => {
    withScratch(() => {
      const xs = Array.from({ length: 5 }, (_, i) => f64Uninit(1000).fill(i));
      // all five from the one block (5 x 8 000 bytes of 64 KiB), each still holding its own values
      expect(new Set(xs.map((x) => x.buffer)).size).toBe(1);
      xs.forEach((x, i) => expect(x.every((v) => v === i)).toBe(true));
      // more than the block holds: still a working array (allocated on its own)
      const big = f64(1 << 20);
      expect(big.length).toBe(1 << 20);
      expect(big.buffer).not.toBe(xs[0].buffer);
    }, 64 * 1024);
    withScratch(() => {
      const big = f64(1 << 20);
      const other = f64(10);
      expect(big.buffer).toBe(other.buffer); // it fits now
    });
  });

  it('nested withScratch shares the outer task', () => {
    withScratch(() => {
      const a = f64Uninit(8).fill(1);
      withScratch(() => expect(f64(8).buffer).toBe(a.buffer));
      expect(a.every((v) => v === 1)).toBe(true);
    }, 4096);
  });

  it('keeps its block for a task estimated a little larger, and frees the old block at once when it must grow', () => {
    const MiB = 1 << 20;
    const bufferOf = (estimate: number) => withScratch(() => f64Uninit(16).buffer, estimate);
    // Larger than anything the tests above asked for: the block becomes this size.
    const first = bufferOf(40 * MiB);
    expect(first.byteLength).toBe(40 * MiB);
    // A unit a few kilobytes larger than the last (as in one session): same block, no fresh pages.
    expect(bufferOf(40 * MiB + 12_288)).toBe(first);
    expect(bufferOf(49 * MiB)).toBe(first); // within a quarter of the block
    // Well over a quarter more: a new block, and the old one's memory released now (detached)
    // instead of held until a full garbage collection.
    const second = bufferOf(60 * MiB);
    expect(second).not.toBe(first);
    expect(second.byteLength).toBe(60 * MiB);
    expect(first.byteLength).toBe(0);
  });

  it('a task that did not fit grows the block for the next one, which frees the block it outgrew', () => {
    const MiB = 1 << 20;
    withScratch(() => {}, 1 * MiB); // some block, whatever the tests above left (when run alone too)
    let before: ArrayBuffer | null = null;
    let size = 0;
    withScratch(() => {
      before = f64Uninit(8).buffer;
      size = before.byteLength;
      expect(size).toBeGreaterThanOrEqual(MiB);
      f64Uninit(((size + 8 * MiB) / 8) | 0); // more than the block holds
    });
    expect(before!.byteLength).toBe(size); // kept until the next task starts
    const after = withScratch(() => f64Uninit(8).buffer);
    expect(after).not.toBe(before);
    expect(after.byteLength).toBeGreaterThan(size + 8 * MiB);
    expect(before!.byteLength).toBe(0);
  });

  it('leaves what a task that did not fit hands back intact until the next task starts', () => {
    const MiB = 1 << 20;
    withScratch(() => {}, 96 * MiB);
    // A result that (against the rule) still views the block, from a task that outgrew it: as a
    // pool thread posts a result only after withScratch has returned, it must still read right then.
    const view = withScratch(() => {
      const a = f64Uninit(4).fill(3.5);
      f64Uninit((100 * MiB) / 8);
      return a;
    });
    expect(Array.from(view)).toEqual([3.5, 3.5, 3.5, 3.5]);
  });
});
