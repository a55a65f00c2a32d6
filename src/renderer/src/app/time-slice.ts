/**
 * Long work on the window's main thread cut into tasks of a few milliseconds each (issue 19: a
 * task over 50 ms is a long task; the window answers clicks and paints in between). The work is a
 * generator that `yield`s wherever it may stop (between players, between chunks); `runSliced`
 * drives it and leaves the thread for a new task whenever `budgetMs` have passed since the task
 * began, then resumes it. What the work returns is what `runSliced` resolves to, whatever the
 * slicing: only where the tasks end depends on the clock.
 */

/** The window's next task (a message, not a microtask): what came before is painted and input handled. */
export const nextTask = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Milliseconds of work per task: well under the 50 ms of a long task on a slow or loaded machine. */
export const SLICE_MS = 8;

export async function runSliced<T>(
  work: Iterator<unknown, T, undefined>,
  opts: { budgetMs?: number; now?: () => number; yieldTask?: () => Promise<void> } = {},
): Promise<T> {
  const { budgetMs = SLICE_MS, now = () => performance.now(), yieldTask = nextTask } = opts;
  let began = now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (now() - began >= budgetMs) {
      await yieldTask();
      began = now();
    }
  }
}
