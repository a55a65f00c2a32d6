import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import { ACTIVE_STATUSES, type Session } from '../../../shared/domain/session.ts';
import { wearUnit } from '../sessions/wear-unit.ts';
import type { Player } from '../../../shared/domain/roster.ts';
import type { CoreContext } from '../context.ts';
import { DeviceError } from './device-error.ts';
import type { Devices } from './load-devices.ts';
import { rosterCode } from './roster-code.ts';

type DevicesHandlers = Pick<
  Handlers,
  'devices:list' | 'devices:download' | 'devices:cancel' | 'devices:recordings' | 'devices:erase' | 'devices:assign' | 'devices:demo'
>;

/** Demo units without a session record the last hour. */
const DEMO_DEFAULT_MS = 60 * 60_000;

/** A unit's failure as the API reports it: the message starts with the unit's id. */
function apiError(e: unknown): unknown {
  if (!(e instanceof DeviceError)) return e;
  const details = { deviceCode: e.code, unit: e.unit, ...(e.details ?? {}) };
  if (e.code === 'REFUSED') return new AppError('INVALID_STATE', e.message, details);
  if (e.code === 'DISCONNECTED' && e.reason === 'not connected') return new AppError('NOT_FOUND', e.message, details);
  return new AppError('DEVICE', e.message, details);
}

async function unitCall<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw apiError(e);
  }
}

export function devicesHandlers(ctx: CoreContext): DevicesHandlers {
  const { sessions, players, units, downloads } = ctx.repos;

  const devices = async (): Promise<Devices> => {
    if (!ctx.devices) throw new AppError('UNAVAILABLE', 'units are not watched in this host');
    try {
      return await ctx.devices.get();
    } catch (e) {
      throw new AppError('UNAVAILABLE', `the device layer could not start: ${(e as Error).message}`);
    }
  };
  const mustSession = (id: string): Session => {
    const s = sessions.get(id);
    if (!s) throw new AppError('NOT_FOUND', `no session with id ${id}`);
    return s;
  };
  const mustBeEditable = (s: Session): void => {
    if (ACTIVE_STATUSES.includes(s.processingStatus)) {
      throw new AppError('CONFLICT', `"${s.name}" is ${s.processingStatus.toLowerCase()}; wait until processing ends`);
    }
  };
  const connected = (d: Devices, deviceId: string) => {
    const u = d.runtime.service.list().find((x) => x.deviceId === deviceId);
    if (!u) throw new AppError('NOT_FOUND', `${deviceId} is not connected`);
    return u;
  };

  return {
    'devices:list': async () => {
      const d = await devices();
      return {
        devices: d.runtime.list(),
        downloads: d.downloads.statuses(),
        demo: d.runtime.demoStatus(),
        discovery: { hardware: d.runtime.hardware, hotplug: d.runtime.service.hotplug, demoAllowed: d.runtime.demoAllowed, problems: [...d.runtime.portProblems.values()] },
      };
    },

    'devices:download': async ({ sessionId, deviceIds }) => {
      const d = await devices();
      const s = mustSession(sessionId);
      mustBeEditable(s);
      return d.downloads.start(s, deviceIds);
    },

    'devices:cancel': async ({ deviceId }) => {
      const d = await devices();
      return { cancelled: d.runtime.service.cancel(deviceId) };
    },

    'devices:recordings': async ({ deviceId }) => {
      const d = await devices();
      const r = await unitCall(() => d.runtime.service.recordingsOf(deviceId));
      return {
        deviceId,
        unitId: r.unitId,
        recordings: r.recordings.map(({ sha256: _sha, ...rest }) => rest),
      };
    },

    'devices:erase': async ({ deviceId, recordingIds }) => {
      const d = await devices();
      const r = await unitCall(() =>
        d.runtime.service.erase({
          deviceId,
          recordingIds,
          strict: recordingIds !== undefined,
          // The store must hold the verified copy (the service re-hashes it) and the app must
          // know it came from this unit: a download recorded it.
          mustKeep: ({ recordingId, sha256 }) =>
            downloads.has(deviceId, recordingId, sha256) ? null : 'the app has no record of downloading it from this unit: download it first',
        }),
      );
      return { deviceId: r.deviceId, unitId: connectedUnitId(d, deviceId), erased: r.erased, kept: r.kept };
    },

    'devices:assign': async ({ deviceId, playerId, newPlayer, sessionId }) => {
      const d = await devices();
      const dev = connected(d, deviceId);
      const session = sessionId ? mustSession(sessionId) : null;
      if (session) mustBeEditable(session);
      if (playerId && !players.get(playerId)) throw new AppError('NOT_FOUND', `no player with id ${playerId}`);
      const now = ctx.clock();
      const code = rosterCode(dev.unitId);
      const r = ctx.db.transaction(() => {
        const player: Player = playerId ? players.get(playerId)! : players.create(newPlayer!, now);
        let unit = units.findByDeviceId(code);
        if (!unit) unit = units.create({ deviceId: code, label: dev.label.slice(0, 60), defaultPlayerId: player.id }, now);
        else unit = units.update(unit.id, { defaultPlayerId: player.id })!;
        let linkedFiles = 0;
        if (session) {
          // This unit is worn by this player today: whoever had it in the session gives it up
          // (keeping their other units); a unit of the player's with data stays beside it, one
          // they were only planned to wear is replaced (wear-unit.ts).
          wearUnit(ctx.repos, session.id, code, player.id, now);
          linkedFiles = sessions.fileCount(session.id, unit.id);
        }
        return { player, unit, linkedFiles };
      })();
      if (newPlayer) ctx.events.emit('roster:changed', { kind: 'players' });
      ctx.events.emit('roster:changed', { kind: 'units' });
      if (session) {
        const s = mustSession(session.id);
        ctx.events.emit('sessions:changed', { sessionId: s.id, status: s.processingStatus, error: s.error });
        d.downloads.assigned(deviceId, s.id, { id: r.player.id, name: r.player.name });
      }
      const info = d.runtime.service.list().find((x) => x.deviceId === deviceId);
      return { device: info ? d.runtime.view(info) : null, unit: r.unit, player: r.player, linkedFiles: r.linkedFiles };
    },

    'devices:demo': async ({ action, sessionId, units: n, faulty }) => {
      const d = await devices();
      if (!d.runtime.demoAllowed) throw new AppError('UNAVAILABLE', 'demo units are not available in this host');
      if (action === 'stop') return d.runtime.stopDemo();
      const now = ctx.clock();
      const s = sessionId ? mustSession(sessionId) : null;
      const window = s ? { startMs: s.startMs, endMs: s.endMs } : { startMs: now - DEMO_DEFAULT_MS, endMs: now };
      return d.runtime.startDemo({ window, units: n, faulty });
    },
  };
}

function connectedUnitId(d: Devices, deviceId: string): string {
  return d.runtime.service.list().find((x) => x.deviceId === deviceId)?.unitId ?? deviceId;
}
