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
      xs.forEach((x, i) => expect(x.every((v) => v === i)).toBe(true));
      // more than the block holds: still a working array (allocated on its own)
      const big = f64(1 << 20);
      expect(big.length).toBe(1 << 20);
    }, 1024);
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

  it('a task that did not fit grows the block for the next one and frees the one it outgrew', () => {
    const MiB = 1 << 20;
    let before: ArrayBuffer | null = null;
    withScratch(() => {
      before = f64Uninit(8).buffer;
      f64Uninit(((before.byteLength + 8 * MiB) / 8) | 0); // more than the block holds
    });
    const after = withScratch(() => f64Uninit(8).buffer);
    expect(after).not.toBe(before);
    expect(before!.byteLength).toBe(0);
  });
});
