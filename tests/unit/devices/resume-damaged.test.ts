/**
 * A resumed part file damaged on disk (a power cut): the whole-file check fails, the recording is
 * fetched once more from 0 and lands verified, and it is then not reported as resumed. Simulated
 * unit on an in-process link (the pty suite covers the link itself).
 */
import { recordingBytes } from '../../support/sim-recording.ts';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverContext } from '../../../src/main/core/devices/drivers/driver.ts';
import { player1Driver } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import { DownloadJournal } from '../../../src/main/core/devices/download/journal.ts';
import { DemoUnits } from '../../../src/main/core/devices/sim/demo.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('resume from a damaged part file', () => {
  it('refetches the recording from 0, lands it verified, and says it was not resumed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'p1-damaged-'));
    const demo = new DemoUnits({ units: 1, sessionStartMs: Date.UTC(2026, 5, 1, 10), bytesPerRecording: 256 * 1024, inProcess: true });
    cleanup.push(() => rm(dir, { recursive: true, force: true }), () => demo.stop());
    const ctx: DriverContext = {
      openTransport: demo.openTransport,
      store: new RawStore(join(dir, 'raw')),
      journal: new DownloadJournal(join(dir, 'downloads')),
      liveDir: join(dir, 'live'),
      now: Date.now,
    };
    const port = await demo.plug(0);
    const unit = (await player1Driver.probe!(port, ctx))!;
    const rec = demo.specs[0].recordings[0];
    const rid = String(rec.id);
    const recBytes = recordingBytes(rec);

    // An earlier attempt verified 100 kB, but the part file on disk no longer holds those bytes.
    const kept = 100 * 1024;
    const damaged = recBytes.slice(0, kept);
    damaged[5000] ^= 0xff;
    await mkdir(ctx.journal.unitDir(unit.unitId), { recursive: true });
    await writeFile(ctx.journal.partPath(unit.unitId, rid), damaged);
    await ctx.journal.write({
      v: 1, deviceId: unit.deviceId, unitId: unit.unitId, recordingId: rid, size: recBytes.length, sha256: sha256(recBytes),
      startMs: rec.startMs, endMs: rec.endMs, clockOffsetMs: 0, verifiedOffset: kept, updatedAt: Date.now(),
    });

    const progress: [number, number][] = [];
    const files = await player1Driver.download!(unit, { recordingIds: [rid], signal: new AbortController().signal, onProgress: (d, t) => progress.push([d, t]) }, ctx);
    expect(files).toHaveLength(1);
    // Progress starts at the resumed 100 kB, never passes the total, and ends at it (it ended at
    // 2 × size − 100 kB: the second pass was counted on top of the first).
    const size = recBytes.length;
    expect(progress[0]).toEqual([kept, size]);
    expect(progress.every(([d, t]) => t === size && d <= size)).toBe(true);
    expect(progress.at(-1)).toEqual([size, size]);
    expect(files[0].sha256).toBe(sha256(recBytes));
    expect(sha256(await readFile(files[0].path))).toBe(sha256(recBytes));
    expect(files[0].resumedFromOffset).toBe(0);
  });
});
