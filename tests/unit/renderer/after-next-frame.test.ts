/**
 * afterNextFrame (app/after-next-frame.ts, as app/staged-mount.ts uses it): the session page's next stage runs in a task of its own
 * after the browser drew a frame (a frame callback, then a timer), or after a wait when no frame
 * comes (a hidden window); cancelled, it never runs. A fake clock: callbacks run when the test says.
 */
import { describe, expect, it } from 'vitest';
import { FRAME_WAIT_MS, afterNextFrame, type FrameClock } from '../../../src/renderer/src/app/after-next-frame.ts';

function fakeClock() {
  let id = 0;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { cb: () => void; ms: number }>();
  const clock: FrameClock = {
    requestFrame: (cb) => (frames.set(++id, cb), id),
    cancelFrame: (i) => void frames.delete(i),
    setTimer: (cb, ms) => (timers.set(++id, { cb, ms }), id),
    clearTimer: (i) => void timers.delete(i),
  };
  const fire = <T extends { cb: () => void } | (() => void)>(m: Map<number, T>, pick: (v: T) => boolean = () => true) => {
    for (const [k, v] of [...m]) {
      if (!pick(v)) continue;
      m.delete(k);
      if (typeof v === 'function') v();
      else v.cb();
    }
  };
  return {
    clock,
    drawFrame: () => fire(frames),
    runTimers: (ms: number) => fire(timers, (t) => t.ms === ms),
    pending: () => ({ frames: frames.size, timers: [...timers.values()].map((t) => t.ms) }),
  };
}

describe('afterNextFrame', () => {
  it('runs after the next frame, in a timer task of its own, and only once', () => {
    const f = fakeClock();
    let runs = 0;
    afterNextFrame(() => runs++, f.clock);
    expect(f.pending()).toEqual({ frames: 1, timers: [FRAME_WAIT_MS] });
    f.runTimers(0);
    expect(runs).toBe(0); // nothing before the frame
    f.drawFrame();
    expect(runs).toBe(0); // not inside the frame's own task
    expect(f.pending()).toEqual({ frames: 0, timers: [0] }); // the wait for a frame is dropped
    f.runTimers(0);
    expect(runs).toBe(1);
    f.runTimers(FRAME_WAIT_MS);
    f.drawFrame();
    expect(runs).toBe(1);
  });

  it('goes on without a frame after the wait (a hidden window draws none)', () => {
    const f = fakeClock();
    let runs = 0;
    afterNextFrame(() => runs++, f.clock);
    f.runTimers(FRAME_WAIT_MS);
    expect(f.pending()).toEqual({ frames: 0, timers: [0] });
    f.runTimers(0);
    expect(runs).toBe(1);
  });

  it('never runs once cancelled, whether or not the frame came', () => {
    for (const frameFirst of [false, true]) {
      const f = fakeClock();
      let runs = 0;
      const cancel = afterNextFrame(() => runs++, f.clock);
      if (frameFirst) f.drawFrame();
      cancel();
      f.drawFrame();
      f.runTimers(0);
      f.runTimers(FRAME_WAIT_MS);
      expect(runs).toBe(0);
      expect(f.pending()).toEqual({ frames: 0, timers: [] });
    }
  });
});
