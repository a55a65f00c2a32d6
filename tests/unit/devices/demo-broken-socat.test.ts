/**
 * Demo mode with a socat that is on PATH but does not run (a broken install): the units are
 * plugged in over in-process links instead of failing the demo start.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoUnits } from '../../../src/main/core/devices/sim/demo.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-broken-socat-'));
const oldPath = process.env.PATH;
afterAll(() => {
  process.env.PATH = oldPath;
  rmSync(dir, { recursive: true, force: true });
});

describe('demo units when socat does not run', () => {
  it('falls back to in-process links', async () => {
    writeFileSync(join(dir, 'socat'), '#!/bin/sh\necho "socat: error while loading shared libraries: libwrap.so.0" >&2\nexit 127\n');
    chmodSync(join(dir, 'socat'), 0o755);
    // First on PATH, before this module's first look for socat.
    process.env.PATH = `${dir}${delimiter}${oldPath ?? ''}`;
    const demo = new DemoUnits({ units: 2, sessionStartMs: Date.UTC(2026, 2, 14, 10, 0), bytesPerRecording: 4096 });
    expect(demo.mode).toBe('pty');
    const first = await demo.plug(0);
    expect(demo.mode).toBe('in-process');
    expect(first.path).toMatch(/^sim:\/\/P1-0001\//);
    expect((await demo.plug(1)).path).toMatch(/^sim:\/\/P1-0002\//);
    expect((await demo.listPorts()).map((p) => p.path)).toHaveLength(2);
    await demo.stop(false);
  });

  it('a stop while a unit falls back wins: nothing is plugged in after it', async () => {
    // A socat that fails after a moment, as a slow broken install would.
    writeFileSync(join(dir, 'socat'), '#!/bin/sh\nsleep 0.3\necho "socat: broken" >&2\nexit 1\n');
    const demo = new DemoUnits({ units: 4, sessionStartMs: Date.UTC(2026, 2, 14, 10, 0), bytesPerRecording: 4096 });
    let attached = 0;
    demo.usb.onAttach(() => attached++);
    const all = demo.plugAll();
    await new Promise((r) => setTimeout(r, 100));
    await demo.stop(false);
    await expect(all).rejects.toThrow(/demo units stopped while P1-0001 was being plugged in/);
    await new Promise((r) => setTimeout(r, 500));
    expect(await demo.listPorts()).toEqual([]);
    expect(attached).toBe(0);
  });
});
