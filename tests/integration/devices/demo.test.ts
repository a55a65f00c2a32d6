/**
 * Demo units on real ptys: stopping the demo while a unit is still being plugged in (a loose
 * cable's replug, or Start then Stop at once) leaves no unit plugged and no socat running.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DemoUnits } from '../../../src/main/core/devices/sim/demo.ts';
import { hasSocat, SKIP_REASON } from './helpers.ts';

const SESSION = Date.UTC(2026, 5, 1, 10, 0, 0);

/** Pids of this process's socat children. */
function socatChildren(): string[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    return out.split('\n').filter((l) => /\bsocat\b/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
  } catch {
    return []; // ps exits 1 when there is no child
  }
}

describe.skipIf(!hasSocat)(`demo units over real ptys${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('a unit still being plugged in when the demo stops is unplugged too, its socat ended', async () => {
    const before = socatChildren();
    const demo = new DemoUnits({ units: 2, sessionStartMs: SESSION, bytesPerRecording: 64 * 1024 });
    expect(demo.mode).toBe('pty');
    const plugging = [demo.plug(0), demo.plug(1), demo.plug(1)]; // socat starting; a second plug of the same unit joins it
    await demo.stop();
    await Promise.allSettled(plugging);
    expect(demo.isPlugged(0)).toBe(false);
    expect(demo.isPlugged(1)).toBe(false);
    expect(await demo.listPorts()).toEqual([]);
    expect(socatChildren().filter((pid) => !before.includes(pid))).toEqual([]);
  });
});
