/**
 * Mounts a long page in stages, one stage per task of the window's main thread, so that no single
 * task mounts all of it (issue 19: the window stays responsive; a task over 50 ms is a long task).
 * The session's results (summary, timeline, team table, charts, efforts, quality) took 0.3–1 s in
 * one commit after Process Report; mounted a section per task, each task stays short and the
 * window answers clicks and paints in between.
 *
 * `useStagedMount(count, active)` answers how many stages may be mounted now: 1 at first, one more
 * after each commit (a new macrotask each time), up to `count`. While `active` is false (nothing to
 * show yet) it stays at 1, so the stages run when the content arrives. Stages only ever grow: a
 * section once mounted updates in place.
 */
import { useEffect, useState } from 'react';

export function useStagedMount(count: number, active: boolean): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (!active || shown >= count) return;
    // A timer, not a microtask: the next stage is its own task, after the browser painted this one.
    const t = setTimeout(() => setShown((n) => n + 1), 0);
    return () => clearTimeout(t);
  }, [active, shown, count]);
  return active ? Math.min(shown, count) : 1;
}
