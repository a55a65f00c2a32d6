/**
 * Finds the piscina worker in a build's chunks folder (out/main/chunks, also inside a packaged
 * app): the `process-player.task-*.js` chunk that holds the worker's code. Rollup may emit a
 * second chunk of that name holding only the `?modulePath` stub (the worker's path, shared by the
 * app's and the CLI's entries); that stub names the worker's file, and is not the worker.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const WORKER_CHUNK = /^process-player\.task-.*\.js$/;

/** The worker chunk's file name in `chunksDir`, or null when there is none (not built). */
export function findBuiltWorker(chunksDir: string): string | null {
  let names: string[];
  try {
    names = readdirSync(chunksDir).filter((n) => WORKER_CHUNK.test(n));
  } catch {
    return null;
  }
  const stubOf = (n: string) => {
    const text = readFileSync(join(chunksDir, n), 'utf8');
    return names.some((other) => other !== n && text.includes(other));
  };
  return names.find((n) => !stubOf(n)) ?? null;
}
