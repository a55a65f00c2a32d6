/**
 * Typed arrays that live no longer than one task, carved from memory the thread keeps between
 * tasks. Why by hand: a pool worker processes one unit after another, and each unit needs ~35 MB
 * of columns (a 90-minute 100 Hz IMU file alone is 4 × 540 000 doubles). Fresh typed arrays cost
 * page faults on first touch, and the garbage collector runs full collections for the external
 * memory they hold; reusing one block per thread costs a memset for the arrays that must start
 * zeroed and nothing for the others.
 *
 * Outside `withScratch` (the main thread, tests, the inspect command) every function here is
 * plain `new Float64Array(n)` / `new Uint8Array(n)`. Inside it, arrays come from the thread's
 * block and are valid only until `withScratch` returns: nothing allocated here may be part of a
 * task's result (results hold numbers and plain arrays only).
 */

const ALIGN = 8;

class Arena {
  private block = new ArrayBuffer(0);
  private used = 0;
  /** Bytes asked for that did not fit this time: the block grows by that much before the next task. */
  private missed = 0;
  /** What the next task's block should hold at least (the last task did not fit). */
  private wanted = 0;

  private take(bytes: number): number {
    const size = Math.ceil(bytes / ALIGN) * ALIGN;
    if (this.used + size > this.block.byteLength) {
      this.missed += size;
      return -1;
    }
    const at = this.used;
    this.used += size;
    return at;
  }

  f64(n: number, zeroed: boolean): Float64Array<ArrayBuffer> {
    const at = this.take(n * 8);
    if (at < 0) return new Float64Array(n);
    const a = new Float64Array(this.block, at, n);
    if (zeroed) a.fill(0);
    return a;
  }

  u8(n: number): Uint8Array<ArrayBuffer> {
    const at = this.take(n);
    if (at < 0) return new Uint8Array(n);
    const a = new Uint8Array(this.block, at, n);
    a.fill(0);
    return a;
  }

  /**
   * Gives the block's memory back now: detaching it (transfer to nothing) frees its store at once,
   * where dropping it would wait for a garbage collection an idle thread may not run for minutes.
   */
  release(): void {
    freeNow(this.block);
    this.used = 0;
    this.missed = 0;
    this.wanted = 0;
  }

  /**
   * Makes room for about `bytes` before a task (nothing is in use then), and for what the last task
   * needed when it did not fit. `bytes` is a caller's estimate, so a block within a quarter of it
   * is kept: regrowing it for each unit a little larger than the last (units of one session differ
   * by kilobytes) cost a fresh block's page faults every second or third task and held the old
   * block until a full collection. A task that really needs more gets its arrays one by one and the
   * block grows before the next. The block is replaced here, at the start of a task, never as one
   * ends: by now the last task's result has been handed over whatever it holds.
   */
  reserve(bytes: number): void {
    if (this.used !== 0) return;
    const want = Math.max(this.wanted, this.block.byteLength * 1.25 < bytes ? bytes : 0);
    this.wanted = 0;
    if (want > this.block.byteLength) this.block = grownBlock(this.block, want);
  }

  reset(): void {
    // Grow to what this task needed, with some room (the next unit is usually alike), before the next.
    if (this.missed > 0) this.wanted = (this.used + this.missed) * 1.25;
    this.used = 0;
    this.missed = 0;
  }
}

/** Most a thread keeps (a unit with files near the 1 GB limit gets its arrays one by one). */
const MAX_BLOCK = 512 * 1024 * 1024;

/** A bigger block, or the old one when the memory is not there: arrays are then allocated one by one. */
function grownBlock(old: ArrayBuffer, bytes: number): ArrayBuffer {
  const size = Math.ceil(Math.min(bytes, MAX_BLOCK) / ALIGN) * ALIGN;
  if (size <= old.byteLength) return old;
  let grown: ArrayBuffer;
  try {
    grown = new ArrayBuffer(size);
  } catch {
    return old;
  }
  // Nothing from the old block is in use (a task is starting): its memory goes now, not at a full
  // collection, so a thread never holds two blocks.
  freeNow(old);
  return grown;
}

/**
 * Frees an ArrayBuffer's memory now by detaching it (ES2024 `transfer(0)`, in Node 22 and
 * Electron 45): every view of it reads as empty from then on.
 */
export function freeNow(buf: ArrayBuffer): void {
  (buf as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
}

let arena: Arena | null = null;
let active = false;

/**
 * Runs `fn` with this thread's scratch memory in use; everything taken from it is void afterwards.
 * `expectBytes`: what the task will likely take (the memory is kept for the next task anyway; this
 * spares the first task from allocating array by array).
 */
export function withScratch<T>(fn: () => T, expectBytes = 0): T {
  if (active) return fn();
  arena ??= new Arena();
  arena.reserve(expectBytes);
  active = true;
  try {
    return fn();
  } finally {
    active = false;
    arena.reset();
  }
}

/**
 * Lets the thread's block go (the next task makes another): for a thread kept alive while idle,
 * which need not hold a unit's worth of memory meanwhile. Not while a task uses it.
 */
export function releaseScratch(): void {
  if (active || !arena) return;
  arena.release();
  arena = null;
}

/** A zero-filled Float64Array of length n (like `new Float64Array(n)`). */
export function f64(n: number): Float64Array<ArrayBuffer> {
  return active ? arena!.f64(n, true) : new Float64Array(n);
}

/** A Float64Array of length n whose contents the caller overwrites entirely before reading. */
export function f64Uninit(n: number): Float64Array<ArrayBuffer> {
  return active ? arena!.f64(n, false) : new Float64Array(n);
}

/** A zero-filled Uint8Array of length n (like `new Uint8Array(n)`). */
export function u8(n: number): Uint8Array<ArrayBuffer> {
  return active ? arena!.u8(n) : new Uint8Array(n);
}
