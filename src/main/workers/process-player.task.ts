/**
 * piscina worker entry: one task = one participant. The Electron build imports this file with
 * `?modulePath`; the CLI and tests hand its path to the pool directly (Node 22 strips the types).
 * Progress goes back over the MessagePort the runner transfers with each task.
 */
import type { MessagePort } from 'node:worker_threads';
import { runPlayerTask, type PlayerTaskInput, type PlayerTaskResult } from '../core/jobs/player-task.ts';
import { trace } from '../core/util/trace.ts';
import { withScratch } from '../core/util/scratch.ts';

trace('worker:loaded');

export interface WorkerTask {
  input: PlayerTaskInput;
  port: MessagePort;
}

export default function processPlayer({ input, port }: WorkerTask): PlayerTaskResult {
  try {
    // Columns and engine arrays come from this thread's reused memory; the result holds none of them.
    return withScratch(() => runPlayerTask(input, (stage, fraction) => port.postMessage({ stage, fraction })));
  } finally {
    port.postMessage({ stage: 'end', fraction: 1 });
    port.close();
  }
}
