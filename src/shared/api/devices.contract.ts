/**
 * Units plugged into the laptop (Devices page): discovery, one-click download into a session,
 * cancel, erase (only what is verified and stored), assignment to a player, and demo units.
 * Live changes arrive as the devices:* push events (events.ts); nothing polls.
 */
import { z } from 'zod';
import { id, method, none } from './method.ts';
import { playerName, positionName, type Player, type Unit } from '../domain/roster.ts';

/** A device's stable identity (driver + USB ids + the unit's own id): may hold ':', '/', '@'. */
const deviceKey = z.string().min(1).max(300);

export type DeviceKind = 'player1' | 'nmea-serial' | 'mass-storage';

/** A connected unit as the Devices page shows it. */
export interface DeviceView {
  /** Stable identity: the same unit on another port is the same device. */
  deviceId: string;
  /** The id the unit reports itself (handshake, serial number, volume name). */
  unitId: string;
  kind: DeviceKind;
  label: string;
  /** Where it is now: port path or mount point. */
  port: string;
  firmware: string | null;
  batteryPct: number | null;
  /** unit clock − laptop clock, ms, measured at handshake; null for units without a clock. */
  clockOffsetMs: number | null;
  /** The offset is exact to within this (half the handshake's round trip), ms. */
  clockUncertaintyMs: number | null;
  canDownload: boolean;
  canErase: boolean;
  /** The player who usually wears it (roster), if assigned. */
  player: { id: string; name: string } | null;
  /** A download (or live recording) is running on it. */
  busy: boolean;
  /** A demo unit, not hardware. */
  simulated: boolean;
}

export interface DownloadProgressView {
  deviceId: string;
  unitId: string;
  sessionId: string;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second, smoothed. */
  rateBps: number;
  /** Estimated time left, ms; null until a rate is known. */
  etaMs: number | null;
}

/** A file that landed, verified, in the raw store. Times are laptop time (clock offset applied). */
export interface LandedFileView {
  recordingId: string;
  /** How the session page names it, e.g. "P1-0001/rec-2.p1". */
  sourceName: string;
  /** Reader id (formats registry), e.g. 'p1', 'fit', 'nmea'. */
  format: string;
  size: number;
  sha256: string;
  startMs: number;
  endMs: number;
  clockOffsetMs: number;
  clockUncertaintyMs: number;
  /** Identical content was already stored: nothing was transferred. */
  alreadyStored: boolean;
  /** Bytes verified by an earlier, interrupted attempt that this one resumed from. */
  resumedFromOffset: number;
}

export interface DownloadDoneView {
  deviceId: string;
  unitId: string;
  sessionId: string;
  files: LandedFileView[];
  /** The player the files were linked to in the session; null when the unit is not assigned yet. */
  player: { id: string; name: string } | null;
  warnings: string[];
}

export interface DownloadFailedView {
  deviceId: string;
  unitId: string;
  sessionId: string;
  /** DISCONNECTED, TIMEOUT, CORRUPT_LINK, CHECKSUM_MISMATCH, CANCELLED, ... (docs/device-protocol.md). */
  code: string;
  /** A sentence that starts with the unit's id and says why. */
  message: string;
  /** Bytes verified and kept: the next attempt resumes from there. */
  bytesVerified: number;
}

/** The last download of a device in this run of the app (so the page can be re-opened). */
export type DownloadStatus =
  | ({ state: 'running' } & DownloadProgressView)
  | ({ state: 'done' } & DownloadDoneView)
  | ({ state: 'failed' } & DownloadFailedView);

export interface DemoStatus {
  running: boolean;
  /** Unit ids of the simulated units. */
  units: string[];
  /** Those of them with an injected fault (a loose cable: they drop out mid-download and come back). */
  faulty: string[];
}

/**
 * A port or volume that could not be opened or identified while looking for units (e.g. a serial
 * port this account may not open: the message explains the udev rule on Linux).
 */
export interface PortProblem {
  /** The port or volume (null: the listing itself failed). */
  path: string | null;
  message: string;
  at: number;
}

export interface DevicesOverview {
  devices: DeviceView[];
  downloads: DownloadStatus[];
  demo: DemoStatus;
  discovery: {
    /** Real serial ports, USB and drives are watched (false: demo units only). */
    hardware: boolean;
    /** USB hotplug events drive discovery (else the port list is polled). */
    hotplug: boolean;
    demoAllowed: boolean;
    /** Ports that could not be opened or identified, the latest per port (absent: none). */
    problems?: PortProblem[];
  };
}

export interface RecordingView {
  recordingId: string;
  /** Laptop time (clock offset applied). */
  startMs: number;
  endMs: number;
  size: number;
  /** A verified copy is in the app's store: the recording may be erased from the unit. */
  stored: boolean;
}

export interface EraseResult {
  deviceId: string;
  unitId: string;
  erased: string[];
  /** Left on the unit, and why. */
  kept: { recordingId: string; reason: string }[];
}

export interface DownloadStarted {
  sessionId: string;
  /** Devices whose download started; results arrive as devices:done / devices:failed. */
  started: string[];
  skipped: { deviceId: string; unitId: string; reason: string }[];
}

export interface AssignResult {
  device: DeviceView | null;
  unit: Unit;
  player: Player;
  /** Files of this unit already in the session that are now linked to the player. */
  linkedFiles: number;
}

export const devicesContract = {
  /** Connected units, the last download of each, demo and discovery status. */
  'devices:list': method<DevicesOverview>()(none),
  /**
   * Download, in parallel, the recordings overlapping the session's window from every connected
   * unit (or those named), and link the landed files to the session. Answers at once with what
   * started; progress and outcomes arrive as events.
   */
  'devices:download': method<DownloadStarted>()(
    z.object({ sessionId: id, deviceIds: z.array(deviceKey).min(1).max(64).optional() }).strict(),
  ),
  /** Stops a running download; verified bytes are kept for the next attempt. */
  'devices:cancel': method<{ cancelled: boolean }>()(z.object({ deviceId: deviceKey }).strict()),
  /** The recordings on a unit, and which of them have a verified copy stored. */
  'devices:recordings': method<{ deviceId: string; unitId: string; recordings: RecordingView[] }>()(
    z.object({ deviceId: deviceKey }).strict(),
  ),
  /**
   * Erase recordings from a unit: only those whose copy is stored and re-verifies. With
   * recordingIds, nothing is erased unless every one of them qualifies (refused, naming why).
   */
  'devices:erase': method<EraseResult>()(
    z.object({ deviceId: deviceKey, recordingIds: z.array(z.string().min(1).max(200)).min(1).max(1000).optional() }).strict(),
  ),
  /**
   * Assign a unit to a player (an existing one, or a new one made on the spot): creates the
   * roster unit if new and sets its usual wearer. With sessionId, the player also takes part in
   * that session with this unit, and the unit's files already downloaded into it are theirs.
   */
  'devices:assign': method<AssignResult>()(
    z
      .object({
        deviceId: deviceKey,
        playerId: id.optional(),
        newPlayer: z.object({ name: playerName, position: positionName.default('') }).strict().optional(),
        sessionId: id.optional(),
      })
      .strict()
      .refine((x) => (x.playerId === undefined) !== (x.newPlayer === undefined), {
        message: 'give either playerId or newPlayer',
        path: ['playerId'],
      }),
  ),
  /**
   * Demo mode: simulated units plugged in (recordings covering the session's window, or the last
   * hour), `faulty` of them with a loose cable; 'stop' unplugs them all.
   */
  'devices:demo': method<DemoStatus>()(
    z
      .object({
        action: z.enum(['start', 'stop']),
        sessionId: id.optional(),
        units: z.number().int().min(1).max(12).default(4),
        faulty: z.number().int().min(0).max(12).default(1),
      })
      .strict()
      .refine((x) => x.faulty <= x.units, { message: 'faulty cannot exceed units', path: ['faulty'] }),
  ),
};
