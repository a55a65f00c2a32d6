/**
 * Domain types of the device layer, shared by drivers, discovery, the download manager and
 * the DeviceService the API handlers call. Plain data: they cross the contract as they are.
 */
import type { DeviceErrorCode } from './device-error.ts';

export type DriverId = 'player1' | 'nmea-serial' | 'mass-storage';

/** What a serial port listing says about a port (serialport's PortInfo, trimmed). */
export interface PortInfo {
  path: string;
  /** Lower-case hex, 4 digits, as serialport reports it (e.g. '1209'). */
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
}

/** A connected unit as the Devices page shows it. */
export interface DeviceInfo {
  /**
   * Stable identity: driver + USB VID/PID + the id the unit reports in its handshake (or its
   * USB serial number / volume name when it has no handshake). Never the port name: the same
   * unit on another port is the same device.
   */
  deviceId: string;
  driver: DriverId;
  /** The unit's own id (handshake, serial number or volume label): Unit.deviceId in the roster. */
  unitId: string;
  label: string;
  /** Where it is now: port path or mount point. Changes between plugs. */
  location: string;
  vendorId: string | null;
  productId: string | null;
  firmware: string | null;
  batteryPct: number | null;
  /** unit clock − host clock, ms, measured at handshake (null when the unit has no clock). */
  clockOffsetMs: number | null;
  /** Half the handshake's round trip: the offset is exact to within this, ms (null without a clock). */
  clockUncertaintyMs: number | null;
  capabilities: { download: boolean; erase: boolean; live: boolean };
  /** The player the unit is assigned to, if any (resolved by the injected roster lookup). */
  player: { id: string; name: string } | null;
  /** Set while a download or live recording is running. */
  busy: boolean;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.startMs <= b.endMs && b.startMs <= a.endMs;
}

/** A file that landed, verified, in the raw store. Times are host clock (offset applied). */
export interface LandedFile {
  deviceId: string;
  unitId: string;
  /** Player1: the unit's recording number; volumes: the path relative to the volume. */
  recordingId: string;
  sha256: string;
  path: string;
  size: number;
  startMs: number;
  endMs: number;
  /** unit clock − host clock at handshake; 0 for sources without a clock (volumes, NMEA). */
  clockOffsetMs: number;
  /** Half the handshake's round trip (the offset's uncertainty), ms; 0 for sources without a clock. */
  clockUncertaintyMs: number;
  /** True when identical content was already stored (nothing transferred). */
  alreadyStored: boolean;
  /** Bytes that were already verified from an earlier, interrupted attempt. */
  resumedFromOffset: number;
}

export interface DownloadProgress {
  deviceId: string;
  unitId: string;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second, smoothed. */
  rateBps: number;
  /** Estimated time left, ms; null until a rate is known. */
  etaMs: number | null;
}

export interface DownloadDone {
  deviceId: string;
  unitId: string;
  files: LandedFile[];
}

export interface DownloadFailure {
  deviceId: string;
  unitId: string;
  code: DeviceErrorCode;
  /** Full sentence naming the unit and why. */
  message: string;
  /** Bytes verified and kept for resume. */
  bytesVerified: number;
  /** Recordings of this unit that landed (verified and stored) before it failed: recorded and linked all the same. */
  landed?: LandedFile[];
}

/**
 * A download that fails after some of its recordings landed carries them on its error, through
 * every layer that wraps errors, so they are recorded and linked like a success's.
 */
export function withLanded<E>(err: E, landed: readonly LandedFile[]): E {
  if (landed.length > 0 && err !== null && typeof err === 'object') (err as { landed?: LandedFile[] }).landed = [...landed];
  return err;
}

export function landedOf(err: unknown): LandedFile[] {
  const l = err !== null && typeof err === 'object' ? (err as { landed?: unknown }).landed : undefined;
  return Array.isArray(l) ? (l as LandedFile[]) : [];
}

export type DownloadOutcome = ({ ok: true } & DownloadDone) | ({ ok: false } & DownloadFailure);
