/**
 * A unit with two recordings whose link drops during the second: the first landed (verified,
 * stored), and it must not wait for a later successful download to be recorded and linked. The
 * failure carries it through every layer that wraps errors; the session download links it and
 * says so in the failure's message. And Cancel reaches the handshake and the listing at once.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStreamPair } from '../../../src/main/core/devices/transport/stream-pair.transport.ts';
import { Player1Link } from '../../../src/main/core/devices/protocol/link.ts';
import { UnitEmulator } from '../../../src/main/core/devices/sim/unit-emulator.ts';
import { deterministicBytes } from '../../../src/main/core/devices/sim/scenario.ts';
import { downloadPlayer1 } from '../../../src/main/core/devices/download/player1-download.ts';
import { DownloadJournal } from '../../../src/main/core/devices/download/journal.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';
import { landedOf, withLanded, type DeviceInfo, type DownloadOutcome, type LandedFile } from '../../../src/main/core/devices/types.ts';
import { DownloadManager } from '../../../src/main/core/devices/download/download-manager.ts';
import { DeviceError, toDeviceError } from '../../../src/main/core/devices/device-error.ts';
import { encodeFrame, FrameDecoder } from '../../../src/main/core/devices/protocol/frame.ts';
import { encodeHelloReply, MsgType, PROTOCOL_VERSION } from '../../../src/main/core/devices/protocol/messages.ts';
import { player1Driver } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import type { AttachedUnit } from '../../../src/main/core/devices/drivers/driver.ts';
import { SessionDownloads } from '../../../src/main/core/devices/session-downloads.ts';
import type { DeviceRuntime } from '../../../src/main/core/devices/device-runtime.ts';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';

const T0 = Date.UTC(2026, 2, 14, 10, 0);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const rec1 = deterministicBytes('landed-1', 200_000);
const rec2 = deterministicBytes('landed-2', 300_000);

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('a recording that landed before its unit failed', () => {
  it('travels with the error: the first recording, verified and stored, with its hash', async () => {
    const dir = makeTempDir();
    const { host, unit } = createStreamPair('landed');
    // The plug is pulled 100 000 bytes into the second recording.
    new UnitEmulator(
      { unitId: 'TWO-1', firmware: 't', batteryPct: 50, batteryMv: 3800, clockOffsetMs: 0, recordings: [{ id: 1, startMs: T0, endMs: T0 + 600_000, bytes: rec1 }, { id: 2, startMs: T0 + 900_000, endMs: T0 + 1_800_000, bytes: rec2 }] },
      unit,
      { faults: { disconnectAfterBytes: rec1.length + 100_000 } },
    );
    const link = new Player1Link(host);
    const hello = await link.hello();
    const store = new RawStore(join(dir, 'raw'));
    const err = await downloadPlayer1({ link, hello, deviceId: 'dev-two', journal: new DownloadJournal(join(dir, 'dl')), store }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'DISCONNECTED' });
    const landed = landedOf(err);
    expect(landed.map((f) => [f.recordingId, f.sha256, f.size])).toEqual([['1', sha256(rec1), rec1.length]]);
    expect(await store.has(sha256(rec1))).toBe(true);
    await link.close();
  });

  it('the driver and the download manager, which rewrap the error, keep it: the failed outcome lists it', async () => {
    const landed = { recordingId: '1', sha256: sha256(rec1), size: rec1.length } as LandedFile;
    const m = new DownloadManager();
    // As the Player1 driver ends a download whose second recording was cut: its error rewrapped.
    const out = await m.start({
      deviceId: 'dev-two',
      unitId: 'TWO-1',
      run: async () => {
        throw withLanded(toDeviceError(withLanded(new DeviceError('DISCONNECTED', 'TWO-1', 'the link was lost'), [landed]), 'TWO-1', 'PROTOCOL'), [landed]);
      },
    });
    expect(out).toMatchObject({ ok: false, code: 'DISCONNECTED', landed: [landed] });
    // A plain failure has none.
    const plain = await m.start({ deviceId: 'dev-3', unitId: 'THREE', run: async () => Promise.reject(new DeviceError('TIMEOUT', 'THREE', 'silent')) });
    expect(plain.ok === false && plain.landed).toBeUndefined();
  });

  it('is recorded and linked to the session for its player, and the failure says so', async () => {
    t = startTestCore();
    const dir = makeTempDir();
    const store = new RawStore(join(dir, 'raw'));
    const stored = await store.put(rec1);
    const session = await t.call('sessions:create', { name: 'two recordings', startMs: T0, endMs: T0 + 3_600_000 });
    const player = await t.call('players:create', { name: 'Pat', position: 'CB' });
    await t.call('units:create', { deviceId: 'TWO-1', defaultPlayerId: player.id });
    const unit: DeviceInfo = {
      deviceId: 'player1:1209:5031:TWO-1', driver: 'player1', unitId: 'TWO-1', label: 'Player1 TWO-1', location: 'sim://two', vendorId: null, productId: null,
      firmware: 't', batteryPct: 50, clockOffsetMs: 0, clockUncertaintyMs: 1, capabilities: { download: true, erase: true, live: false }, player: null, busy: false,
    } as DeviceInfo;
    const landed: LandedFile = {
      deviceId: unit.deviceId, unitId: 'TWO-1', recordingId: '1', sha256: stored.sha256, path: stored.path, size: rec1.length,
      startMs: T0, endMs: T0 + 600_000, clockOffsetMs: 0, clockUncertaintyMs: 1, alreadyStored: false, resumedFromOffset: 0,
    };
    const failure: DownloadOutcome = { ok: false, deviceId: unit.deviceId, unitId: 'TWO-1', code: 'DISCONNECTED', message: 'TWO-1: the link was lost (unplugged?)', bytesVerified: rec1.length + 65_536, landed: [landed] };
    // A runtime whose one unit fails this way: the rest is the real database and event bus.
    const runtime = { service: { on: () => {}, list: () => [unit], isBusy: () => false, download: async () => [failure] }, view: (u: DeviceInfo) => u } as unknown as DeviceRuntime;
    const { ctx } = t.core;
    const failed: { message: string }[] = [];
    ctx.events.on('devices:failed', (f) => failed.push(f));
    const sd = new SessionDownloads({ runtime, db: ctx.db, repos: ctx.repos, events: ctx.events, clock: Date.now });
    sd.start(ctx.repos.sessions.get(session.id)!, [unit.deviceId]);
    await sd.idle();
    expect(failed.map((f) => f.message)).toEqual(['TWO-1: the link was lost (unplugged?); 1 recording downloaded before it is stored and linked to the session']);
    const s = await t.call('sessions:get', { id: session.id });
    expect(s.participants.map((p) => [p.playerName, p.deviceId, p.files.map((f) => f.sha256)])).toEqual([['Pat', 'TWO-1', [sha256(rec1)]]]);
    expect(ctx.repos.downloads.forSession(session.id).map((r) => [r.recordingId, r.sha256])).toEqual([['1', sha256(rec1)]]);
  });

  it('Cancel during the listing ends the download at once as CANCELLED (it waited for the listing to time out, then said TIMEOUT)', async () => {
    const dir = makeTempDir();
    const pair = createStreamPair('stall-list');
    // A unit that answers HELLO and never answers LIST.
    const dec = new FrameDecoder();
    pair.unit.onData((b) => {
      for (const f of dec.push(b)) {
        if (f.type !== MsgType.HELLO) continue;
        const reply = encodeHelloReply({ protocolVersion: PROTOCOL_VERSION, batteryPct: 50, batteryMv: 3800, unitClockMs: Date.now(), maxChunk: 65536, unitId: 'STALL-1', firmware: 't' });
        pair.unit.write(encodeFrame(MsgType.HELLO_OK, f.seq, reply)).catch(() => {});
      }
    });
    const m = new DownloadManager();
    const ctx = { openTransport: async () => pair.host, store: new RawStore(join(dir, 'raw')), journal: new DownloadJournal(join(dir, 'dl')), liveDir: join(dir, 'live'), now: Date.now };
    const unit = { deviceId: 'player1:1209:5031:STALL-1', unitId: 'STALL-1', location: 'sim://stall-list' } as AttachedUnit;
    const outcome = m.start({ deviceId: unit.deviceId, unitId: 'STALL-1', run: (jc) => player1Driver.download!(unit, { signal: jc.signal, onProgress: jc.progress }, ctx) });
    // The default listing timeout would take ~35 s with its retries; Cancel comes after 300 ms.
    await new Promise((r) => setTimeout(r, 300));
    m.cancel(unit.deviceId);
    expect(await outcome).toMatchObject({ ok: false, code: 'CANCELLED', message: 'STALL-1: download cancelled (0 of 0 bytes verified and kept for resume)' });
  }, 10_000);
});
