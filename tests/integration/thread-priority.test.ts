/**
 * Pool threads give way to the window (util/thread-priority.ts): on Linux each pool thread runs at
 * nice 10 above the app, and the thread that made the pool (the core's main thread in the app)
 * keeps its priority. Read from the kernel's own account of this process's threads
 * (/proc/self/task/<tid>/stat, field 19: nice), on the real piscina pool with the real worker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskPool } from '../../src/main/core/jobs/task-pool.ts';
import { NODE_WORKER_PATH } from '../../src/main/core/node-paths.ts';

const pools: TaskPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
});

/** Nice value of each thread of this process, from the kernel (the fields after the command's closing parenthesis). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended meanwhile
    }
  });
}

describe.runIf(process.platform === 'linux')('pool threads give way to the window', () => {
  it('each pool thread runs 10 nice steps below the thread that made the pool, which keeps its own', async () => {
    const own = getPriority(0);
    const before = threadNices().filter((n) => n === own + 10).length;
    const pool = new TaskPool(NODE_WORKER_PATH, 2);
    pools.push(pool);
    // Both threads started and busy: a warm-up runs one task per thread.
    expect(await pool.warmUp()).toBe(2);
    expect(threadNices().filter((n) => n === own + 10).length - before).toBe(2);
    expect(getPriority(0)).toBe(own);
  });
});
