/**
 * Interrupted downloads resume from the last verified offset:
 *  - unplug mid-transfer (socat killed under the transfer): a DISCONNECTED error naming the
 *    unit, the part file and journal kept; replug on a new pty resumes from the journal's offset;
 *  - a crash (SIGKILL of a child process running the download manager), then a new process:
 *    no byte below the verified offset is fetched again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DeviceError } from '../../../src/main/core/devices/device-error.ts';
import { player1Driver } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import { makeScenario } from '../../../src/main/core/devices/sim/scenario.ts';
import type { LandedFile } from '../../../src/main/core/devices/types.ts';
import { driverContext, hasSocat, plugSimUnit, sha256, SKIP_REASON, tempDir } from './helpers.ts';

const SESSION = Date.UTC(2026, 5, 1, 10, 0, 0);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe.skipIf(!hasSocat)(`resume${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('unplug mid-transfer keeps the verified part; replug resumes from it', async () => {
    const spec = makeScenario({ units: 1, sessionStartMs: SESSION, bytesPerRecording: 1024 * 1024, seed: 'unplug' })[0];
    const size = spec.recordings[0].bytes.length;
    const tmp = await tempDir('p1-unplug-');
    cleanup.push(tmp.remove);
    const ctx = driverContext(tmp.dir);

    const first = await plugSimUnit(spec, { disconnectAfterBytes: 400 * 1024 });
    cleanup.push(first.unplug);
    const unit = (await player1Driver.probe!({ path: first.hostPath, vendorId: '1209', productId: '5031' }, ctx))!;
    const err = await player1Driver.download!(unit, { signal: new AbortController().signal, onProgress: () => {} }, ctx).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).code).toBe('DISCONNECTED');
    expect((err as DeviceError).message).toMatch(/^P1-0001: link lost/);
    const j = (await ctx.journal.read('P1-0001', '1'))!;
    expect(j.verifiedOffset).toBeGreaterThan(0);
    expect(j.verifiedOffset).toBeLessThanOrEqual(400 * 1024);
    // The kept bytes are exactly the unit's first verifiedOffset bytes.
    const part = await readFile(ctx.journal.partPath('P1-0001', '1'));
    expect(sha256(part.subarray(0, j.verifiedOffset))).toBe(sha256(spec.recordings[0].bytes.subarray(0, j.verifiedOffset)));

    const second = await plugSimUnit(spec); // replugged: a new pty pair (the kernel may reuse the number)
    cleanup.push(second.unplug);
    const again = (await player1Driver.probe!({ path: second.hostPath, vendorId: '1209', productId: '5031' }, ctx))!;
    expect(again.deviceId).toBe(unit.deviceId);
    const [f] = await player1Driver.download!(again, { signal: new AbortController().signal, onProgress: () => {} }, ctx);
    expect(f.resumedFromOffset).toBe(j.verifiedOffset);
    expect(f.sha256).toBe(sha256(spec.recordings[0].bytes));
    const reads = second.emulator.reads;
    expect(reads[0].offset).toBe(j.verifiedOffset);
    expect(reads.reduce((s, r) => s + r.length, 0)).toBe(size - j.verifiedOffset);
    await expect(stat(ctx.journal.partPath('P1-0001', '1'))).rejects.toThrow();
    expect(await ctx.journal.read('P1-0001', '1')).toBeNull();
  });

  it('a killed process resumes in a new process without fetching verified bytes again', async () => {
    const spec = makeScenario({ units: 1, sessionStartMs: SESSION, bytesPerRecording: 1024 * 1024, seed: 'crash' })[0];
    const size = spec.recordings[0].bytes.length;
    const tmp = await tempDir('p1-crash-');
    cleanup.push(tmp.remove);
    // Throttled to ~200 KB/s so the kill lands mid-transfer.
    const plug = await plugSimUnit(spec, { baud: 2_000_000 });
    cleanup.push(plug.unplug);
    const node = resolve('node_modules/.bin/node');
    const child = resolve('tests/integration/devices/fixtures/download-child.ts');

    const first = spawn(node, [child, plug.hostPath, tmp.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | number | null>((r) => first.once('exit', (code, sig) => r(sig ?? code)));
    for await (const line of createInterface({ input: first.stdout! })) {
      const m = JSON.parse(line) as { progress?: number };
      if ((m.progress ?? 0) >= size * 0.3) {
        first.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    const ctx = driverContext(tmp.dir);
    const j = (await ctx.journal.read('P1-0001', '1'))!;
    const verified = j.verifiedOffset;
    expect(verified).toBeGreaterThanOrEqual(size * 0.3);
    expect(verified).toBeLessThan(size);
    const readsBefore = plug.emulator.reads.length;

    const second = spawn(node, [child, plug.hostPath, tmp.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let done: LandedFile[] | null = null;
    for await (const line of createInterface({ input: second.stdout! })) {
      const m = JSON.parse(line) as { done?: LandedFile[]; error?: string };
      if (m.error) throw new Error(m.error);
      if (m.done) done = m.done;
    }
    expect(done).not.toBeNull();
    expect(done![0].resumedFromOffset).toBe(verified);
    expect(done![0].sha256).toBe(sha256(spec.recordings[0].bytes));
    expect(sha256(await readFile(join(done![0].path)))).toBe(sha256(spec.recordings[0].bytes));
    // Reads served after the restart (including any already queued from the killed process,
    // which are at or beyond its verified offset): none below the verified offset.
    const after = plug.emulator.reads.slice(readsBefore);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map((r) => r.offset))).toBe(verified);
  });
});
