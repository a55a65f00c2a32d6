/**
 * The Player1 pod: USB CDC ACM serial, framed binary protocol (docs/device-protocol.md).
 * Recognised by VID/PID, identified by the handshake's unit id.
 */
import { serialOpenReason } from '../serial-access.ts';
import { DeviceError, toDeviceError } from '../device-error.ts';
import { downloadPlayer1 } from '../download/player1-download.ts';
import { Player1Link } from '../protocol/link.ts';
import type { HelloResult } from '../protocol/link.ts';
import type { Transport } from '../transport/transport.ts';
import type { PortInfo } from '../types.ts';
import { landedOf, withLanded } from '../types.ts';
import { hex4, sameIds } from './driver.ts';
import type { AttachedUnit, Driver, DriverContext, EraseItem } from './driver.ts';

/** pid.codes open-hardware VID; PID 0x5031 ("P1"). Placeholder until the pod's USB ids are final. */
export const PLAYER1_VID = 0x1209;
export const PLAYER1_PID = 0x5031;

export function player1DeviceId(unitId: string): string {
  return `player1:${hex4(PLAYER1_VID)}:${hex4(PLAYER1_PID)}:${unitId}`;
}

const OPEN_ATTEMPTS = 6;
const BUSY_PORT = /cannot lock|temporarily unavailable|EAGAIN|EBUSY|resource busy|access denied/i;

async function withLink<T>(
  unit: { location: string; unitId?: string },
  ctx: DriverContext,
  opts: { idleTimeoutMs?: number; attempts?: number; signal?: AbortSignal },
  fn: (link: Player1Link, hello: HelloResult) => Promise<T>,
): Promise<T> {
  const name = unit.unitId ?? unit.location;
  let transport: Transport;
  for (let attempt = 1; ; attempt++) {
    try {
      transport = await ctx.openTransport(unit.location);
      break;
    } catch (e) {
      // A port closed a moment ago can still be locked while the OS finishes with it (a read
      // in flight when it closed): try again briefly before calling it a failure.
      if (attempt < OPEN_ATTEMPTS && BUSY_PORT.test((e as Error).message)) {
        await new Promise((r) => setTimeout(r, 50 * attempt));
        continue;
      }
      throw new DeviceError('OPEN_FAILED', name, serialOpenReason(unit.location, e));
    }
  }
  const link = new Player1Link(transport, { ...opts, now: ctx.now });
  if (unit.unitId) link.label = unit.unitId;
  // Cancel reaches every request at once, the handshake and the listing too (it waited for their timeouts).
  const onAbort = () => link.cancel('download cancelled');
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const hello = await link.hello();
    if (unit.unitId && hello.info.unitId !== unit.unitId) {
      throw new DeviceError('NOT_IDENTIFIED', unit.unitId, `the unit on ${unit.location} is now ${hello.info.unitId}`);
    }
    return await fn(link, hello);
  } catch (e) {
    throw withLanded(toDeviceError(e, link.label, 'PROTOCOL'), landedOf(e));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await link.close().catch(() => {});
  }
}

export function unitFromHello(port: PortInfo, hello: HelloResult): AttachedUnit {
  const i = hello.info;
  return {
    deviceId: player1DeviceId(i.unitId),
    driver: 'player1',
    unitId: i.unitId,
    label: `Player1 ${i.unitId}`,
    location: port.path,
    vendorId: port.vendorId ?? null,
    productId: port.productId ?? null,
    firmware: i.firmware,
    batteryPct: i.batteryPct,
    clockOffsetMs: Math.round(hello.clockOffsetMs),
    clockUncertaintyMs: Math.ceil(hello.rttMs / 2),
    capabilities: { download: true, erase: true, live: false },
    player: null,
    busy: false,
    port,
  };
}

export const player1Driver: Driver = {
  id: 'player1',
  kind: 'serial',
  summary: 'Player1 pod (USB CDC serial, framed binary protocol)',

  match(port) {
    return sameIds(port, PLAYER1_VID, PLAYER1_PID) ? 'yes' : 'no';
  },

  async probe(port, ctx) {
    return withLink({ location: port.path }, ctx, { idleTimeoutMs: 600, attempts: 3 }, async (_link, hello) =>
      unitFromHello(port, hello),
    );
  },

  async download(unit, opts, ctx) {
    return withLink(unit, ctx, { signal: opts.signal }, (link, hello) =>
      downloadPlayer1({
        link,
        hello,
        deviceId: unit.deviceId,
        journal: ctx.journal,
        store: ctx.store,
        window: opts.window ?? null,
        recordingIds: opts.recordingIds?.map(Number),
        signal: opts.signal,
        onProgress: opts.onProgress,
        now: ctx.now,
      }),
    );
  },

  async erase(unit, items: EraseItem[], ctx) {
    return withLink(unit, ctx, {}, async (link) => {
      const erased: string[] = [];
      for (const it of items) {
        try {
          await link.erase(Number(it.recordingId), it.sha256);
        } catch (e) {
          if (erased.length === 0) throw e;
          // Some are gone already: the message must say which, or the user thinks nothing changed.
          const err = toDeviceError(e, link.label, 'PROTOCOL');
          const done = erased.length === 1 ? `recording ${erased[0]} was erased` : `recordings ${erased.join(', ')} were erased`;
          const left = items.slice(erased.length).map((x) => x.recordingId);
          throw new DeviceError(err.code, err.unit, `${done}; recording ${it.recordingId} was not: ${err.reason}${left.length > 1 ? ` (nor ${left.slice(1).join(', ')}, not tried)` : ''}`, {
            ...err.details,
            erased,
            notErased: left,
          });
        }
        erased.push(it.recordingId);
      }
      return erased;
    });
  },
};

/** Lists a unit's recordings (for erase checks and the UI). */
export async function listPlayer1(unit: AttachedUnit, ctx: DriverContext) {
  return withLink(unit, ctx, {}, async (link, hello) => ({ hello, recordings: await link.list() }));
}
