/**
 * A task of its own after the browser has drawn the next frame (app/staged-mount.ts mounts each
 * stage of a long page this way). No DOM here: the frame and timer functions are handed in, so the
 * order of things is tested with a fake clock.
 */

/** How long a stage waits for a frame that does not come (a hidden window draws none) before going on. */
export const FRAME_WAIT_MS = 100;

export interface FrameClock {
  requestFrame(cb: () => void): number;
  cancelFrame(id: number): void;
  setTimer(cb: () => void, ms: number): number;
  clearTimer(id: number): void;
}

/**
 * Runs `run` in a task of its own after the next frame has been drawn (a frame callback, then a
 * timer: the callback runs just before the frame's layout and paint, the timer after them), or
 * after FRAME_WAIT_MS if no frame comes. Returns a cancel.
 */
export function afterNextFrame(run: () => void, clock: FrameClock): () => void {
  let started = false;
  let timer = -1;
  const go = () => {
    if (started) return;
    started = true;
    clock.cancelFrame(frame);
    clock.clearTimer(fallback);
    timer = clock.setTimer(run, 0);
  };
  const frame = clock.requestFrame(go);
  const fallback = clock.setTimer(go, FRAME_WAIT_MS);
  return () => {
    clock.cancelFrame(frame);
    clock.clearTimer(fallback);
    if (timer >= 0) clock.clearTimer(timer);
  };
}
