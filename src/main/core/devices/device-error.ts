/**
 * The one error type a unit's job ends with. It always names the unit (its own id when the
 * handshake got that far, else the port or volume) and says why in words a user at the pitch
 * side can act on; `code` is for the UI and tests.
 */
export type DeviceErrorCode =
  | 'DISCONNECTED' // the port vanished (unplugged) or closed under us
  | 'TIMEOUT' // the unit stopped answering
  | 'CORRUPT_LINK' // replies kept failing their CRC / chunk check after all retries
  | 'CHECKSUM_MISMATCH' // every chunk verified, but the whole file does not match the unit's checksum
  | 'UNIT_ERROR' // the unit answered with an ERROR message
  | 'PROTOCOL' // a reply that cannot be understood
  | 'NOT_IDENTIFIED' // the port answers but is not a unit we know
  | 'OPEN_FAILED' // the port or volume could not be opened
  | 'IO' // a local disk problem (the data directory)
  | 'CANCELLED' // the user cancelled
  | 'REFUSED'; // the app refused (e.g. erase before a verified copy is stored)

export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  /** The unit's own id, or the port/volume when the unit never identified itself. */
  readonly unit: string;
  /** The reason alone, without the unit prefix. */
  readonly reason: string;
  readonly details?: Record<string, unknown>;

  constructor(code: DeviceErrorCode, unit: string, reason: string, details?: Record<string, unknown>) {
    super(`${unit}: ${reason}`);
    this.name = 'DeviceError';
    this.code = code;
    this.unit = unit;
    this.reason = reason;
    this.details = details;
  }

  /** Re-labels an error raised before the unit's identity was known. */
  withUnit(unit: string): DeviceError {
    return new DeviceError(this.code, unit, this.reason, this.details);
  }
}

/** Wraps anything thrown into a DeviceError for `unit`, keeping DeviceErrors as they are. */
export function toDeviceError(e: unknown, unit: string, fallback: DeviceErrorCode = 'IO'): DeviceError {
  if (e instanceof DeviceError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && e.name === 'AbortError') return new DeviceError('CANCELLED', unit, 'cancelled');
  return new DeviceError(fallback, unit, msg);
}
