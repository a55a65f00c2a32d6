/**
 * The contract every file-format reader fulfils. A reader is one `*.reader.ts` file exporting one
 * `FormatReader`, listed in registry.ts. It recognises its format from content (sniff) and turns
 * the bytes into canonical streams (read), or throws a FormatError naming the file and the place.
 */
import type { Recording } from './canonical.ts';

export interface ReadOptions {
  /**
   * Time zone of a unit whose clock runs on local time (Catapult raw Excel serial days): an IANA
   * zone ('Europe/Lisbon') or a fixed offset ('+01:00', '-05:30', 'UTC'). Without it such times are
   * read as UTC and the recording carries an 'info' problem saying so.
   */
  timeZone?: string;
  /**
   * A time at or shortly after the recording (when it was downloaded). Enables the GPS 10-bit
   * week-rollover correction: an NMEA date 1024 weeks (or a multiple) before this is moved forward.
   */
  referenceMs?: number;
  /**
   * Read files whose checksum fails (FIT file CRC) and keep every message that decodes, with a
   * warning, instead of refusing the file. Off by default: a bad checksum is an error.
   */
  ignoreChecksums?: boolean;
}

export interface ReadContext {
  /** File name used in every message and problem (not a full path). */
  file: string;
  /** Full path when known: a reader may use the folder (Player1 CSV: the folder is the unit id). */
  path?: string;
  options?: ReadOptions;
}

export interface FormatReader {
  /** Stable registry id, e.g. 'p1', 'nmea', 'fit'. */
  id: string;
  /** Human name for messages and the inspect command. */
  label: string;
  /**
   * What this reader makes of the same bytes, as a number: bump it whenever a change makes any
   * file decode differently (values, problems, device report). The decoded cache
   * (store/decoded-cache.ts) keys entries by it, so a bump makes every entry of this reader stale
   * and the raw files are decoded again. Absent = 1.
   */
  version?: number;
  /** Usual suffixes, lower case without the dot. Only used to break ties between equal sniffs. */
  extensions: readonly string[];
  /**
   * How sure the reader is that `head` (the first bytes of the file, up to SNIFF_BYTES) is its
   * format: 0 = not mine, 1 = certain. Decided from content; must not throw and must be cheap.
   */
  sniff(head: Uint8Array): number;
  /** Decode the whole file, or throw a FormatError (code, file, line or byte offset). */
  read(bytes: Uint8Array, ctx: ReadContext): Recording;
}

/** How many leading bytes detection looks at. */
export const SNIFF_BYTES = 64 * 1024;
