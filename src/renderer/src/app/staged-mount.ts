/**
 * Mounts a long page in stages, one stage per task of the window's main thread, so that no single
 * task mounts all of it (issue 19: the window stays responsive; a task over 50 ms is a long task).
 * The session's results (summary, timeline, team table, charts, efforts, quality) took 0.3–1 s in
 * one commit after Process Report; mounted a section per task, each task stays short and the
 * window answers clicks and paints in between.
 *
 * `useStagedMount(count, active)` answers how many stages may be mounted now: 1 at first, one more
 * after each stage has been drawn, up to `count`. While `active` is false (nothing to show yet) it
 * stays at 1, so the stages run when the content arrives. Stages only ever grow: a section once
 * mounted updates in place.
 *
 * The next stage waits for a frame (`afterNextFrame`): a timer alone could fire before the browser
 * drew the stage before, and the next stage's first layout read (a chart measuring its width) then
 * laid out the previous stage's tables inside its own task (~15 ms of a ~43 ms task, 25 players).
 */
import { useEffect, useState } from 'react';
import { afterNextFrame, type FrameClock } from './after-next-frame.ts';

const browserClock = (): FrameClock => ({
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  setTimer: (cb, ms) => window.setTimeout(cb, ms),
  clearTimer: (id) => window.clearTimeout(id),
});

export function useStagedMount(count: number, active: boolean): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (!active || shown >= count) return;
    return afterNextFrame(() => setShown((n) => n + 1), browserClock());
  }, [active, shown, count]);
  return active ? Math.min(shown, count) : 1;
}
