/**
 * Decode a stored file by the reader id recorded at import. (Interim: the Player1 CSV layout's
 * two files. The formats registry replaces this switch.)
 */
import type { Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import { readPlayer1Gps, readPlayer1Imu } from './player1-csv.reader.ts';

export function decodeStored(format: string, bytes: Uint8Array, file: string): Recording {
  switch (format) {
    case 'player1-gps-csv': {
      const r = readPlayer1Gps(bytes, file);
      return { format, source: file, unitId: null, gnss: r.gnss, imu: null, hr: r.hr, problems: r.problems };
    }
    case 'player1-imu-csv': {
      const r = readPlayer1Imu(bytes, file);
      return { format, source: file, unitId: null, gnss: null, imu: r.imu, hr: null, problems: r.problems };
    }
    default:
      throw new FormatError('UNSUPPORTED_FORMAT', file, `no reader for format '${format}' in this version of the app`);
  }
}
