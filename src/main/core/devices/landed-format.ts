/**
 * How a landed file is named in its session and which reader (formats registry id) decodes it.
 * Player1 recordings are P1 files; an NMEA receiver's live recording is NMEA; a file copied from
 * a drive is recognised by its content when a detector is given, else by its suffix.
 */
import type { DriverId, LandedFile } from './types.ts';

/** Reads the registry's verdict on a stored file's first bytes; null when nothing recognises it. */
export type DetectFormat = (path: string, fileName: string) => string | null;

const BY_SUFFIX: Record<string, string> = {
  fit: 'fit',
  gpx: 'gpx',
  tcx: 'tcx',
  nmea: 'nmea',
  log: 'nmea',
  p1: 'p1',
};

function suffix(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function landedFormat(driver: DriverId, f: LandedFile, detect?: DetectFormat): string {
  if (driver === 'player1') return 'p1';
  if (driver === 'nmea-serial') return 'nmea';
  const name = f.recordingId.split('/').pop() ?? f.recordingId;
  const found = detect ? detect(f.path, name) : null;
  // A CSV has no reader of its own: only its content says which (Player1, Catapult, ...).
  return found ?? BY_SUFFIX[suffix(name)] ?? (suffix(name) || 'unknown');
}

/** The name the session page shows: "<unit>/<file>". */
export function landedSourceName(driver: DriverId, f: LandedFile): string {
  if (driver === 'player1') return `${f.unitId}/rec-${f.recordingId}.p1`;
  if (driver === 'nmea-serial') return `${f.unitId}/${f.recordingId}.nmea`;
  return `${f.unitId}/${f.recordingId}`;
}
