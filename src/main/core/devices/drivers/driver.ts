/**
 * What a driver is (GoldenCheetah's Device): it speaks one kind of unit's protocol over a
 * transport, or reads one kind of volume. The registry (../drivers.ts) lists them; discovery
 * asks them to recognise ports and volumes; the DeviceService asks them to download, erase or
 * record. Optional methods are capabilities: a driver without download() cannot download.
 */
import type { RawStore } from '../../store/raw-store.ts';
import type { DownloadJournal } from '../download/journal.ts';
import type { OpenTransport } from '../transport/transport.ts';
import type { DeviceInfo, DriverId, LandedFile, PortInfo, TimeWindow } from '../types.ts';

export interface DriverContext {
  openTransport: OpenTransport;
  store: RawStore;
  journal: DownloadJournal;
  /** Where live recordings (NMEA) are written while a unit is connected. */
  liveDir: string;
  now: () => number;
  /** Reads a file's time range (decoder-backed); null when unknown. Volumes only. */
  timeRange?: (path: string) => Promise<TimeWindow | null>;
}

/** A unit known to discovery: what the Devices page shows, plus how to reach it again. */
export interface AttachedUnit extends DeviceInfo {
  port?: PortInfo;
  /** Serial settings found by the probe (NMEA baud rate). */
  baudRate?: number;
  /** Mount point of a volume. */
  volumeRoot?: string;
}

export interface DownloadOptions {
  window?: TimeWindow | null;
  recordingIds?: string[];
  signal: AbortSignal;
  onProgress: (bytesDone: number, bytesTotal: number) => void;
}

export interface EraseItem {
  recordingId: string;
  sha256: string;
}

export interface RecordOptions {
  signal: AbortSignal;
  /** Name of the session file, e.g. the session id. */
  name: string;
  onProgress?: (bytes: number) => void;
}

export type PortMatch = 'yes' | 'maybe' | 'no';

export interface Driver {
  readonly id: DriverId;
  readonly kind: 'serial' | 'volume';
  readonly summary: string;
  /** Serial drivers: does this port's USB VID/PID look like ours? */
  match?(port: PortInfo): PortMatch;
  /** Serial drivers: talk to the port and identify the unit; null when it is not ours. */
  probe?(port: PortInfo, ctx: DriverContext): Promise<AttachedUnit | null>;
  /** Volume drivers: does this mount point hold files we read? */
  identifyVolume?(root: string, ctx: DriverContext): Promise<AttachedUnit | null>;
  download?(unit: AttachedUnit, opts: DownloadOptions, ctx: DriverContext): Promise<LandedFile[]>;
  erase?(unit: AttachedUnit, items: EraseItem[], ctx: DriverContext): Promise<string[]>;
  record?(unit: AttachedUnit, opts: RecordOptions, ctx: DriverContext): Promise<LandedFile>;
}

/** VID/PID as serialport lists them: 4 lower-case hex digits. */
export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

export function sameIds(port: PortInfo, vid: number, pid: number): boolean {
  return port.vendorId?.toLowerCase() === hex4(vid) && port.productId?.toLowerCase() === hex4(pid);
}
