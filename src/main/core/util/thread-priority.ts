/**
 * Pool threads give way to the window. On a two-core laptop, the pool's two threads processing a
 * session take both cores, and the window's own work (a 20-40 ms task of the renderer, the core's
 * event loop answering it) then waits for a core: a 30 ms task took 90 ms. A pool thread lowers its
 * own scheduling priority (nice 10) when it starts, so the core's main thread gets a core first,
 * and the pool still has every cycle nobody else wants (an idle laptop processes as fast as
 * before). The window's processes get a core first too where they share the app's scheduling
 * group: with Linux's autogroups a nice value counts only among the processes of one session
 * (`/proc/<pid>/autogroup`). Electron's renderer is a child of the app's main process, in its
 * session; so is Chromium in the window bench (bench/app-window.ts), which starts it itself because
 * Playwright's launch gives the browser a session of its own.
 *
 * Linux only: there the nice value belongs to a thread (setpriority with who = 0 is the calling
 * thread), so `os.setPriority(0, …)` in a worker lowers that worker alone. On macOS and Windows
 * the same call would lower the whole app, window included, so it is not made there.
 */
import { getPriority, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** How much lower than the app a pool thread runs (nice 0 → 10: ~10× less weight when a core is contended). */
export const POOL_NICE_INCREMENT = 10;
/** The lowest priority there is (the largest nice value). */
const LOWEST = 19;

/** Lowers the calling worker thread's priority; false where it is not done (main thread, not Linux, refused). */
export function yieldToWindow(): boolean {
  if (isMainThread || process.platform !== 'linux') return false;
  try {
    setPriority(0, Math.min(LOWEST, getPriority(0) + POOL_NICE_INCREMENT));
    return true;
  } catch {
    return false;
  }
}
