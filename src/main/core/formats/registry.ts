/**
 * Every file-format reader, listed explicitly (no side-effect registration). A new format is one
 * `*.reader.ts` file plus one line here. Detection is by content: each reader scores the first
 * bytes (sniff); the file suffix only breaks a tie between equal scores.
 */
import type { FormatReader } from './reader.ts';
import { p1Reader } from './p1.reader.ts';
import { player1GpsCsvReader, player1ImuCsvReader } from './player1-csv.reader.ts';
import { player1SingleCsvReader } from './player1-single-csv.reader.ts';
import { catapultOpenFieldReader } from './catapult-openfield.reader.ts';
import { catapultRawReader } from './catapult-raw.reader.ts';
import { nmeaReader } from './nmea.reader.ts';
import { fitReader } from './fit.reader.ts';
import { gpxReader } from './gpx.reader.ts';
import { tcxReader } from './tcx.reader.ts';
import { accelCsvReader } from './accel-csv.reader.ts';

export const READERS: readonly FormatReader[] = [
  p1Reader,
  player1GpsCsvReader,
  player1ImuCsvReader,
  player1SingleCsvReader,
  catapultOpenFieldReader,
  catapultRawReader,
  nmeaReader,
  fitReader,
  gpxReader,
  tcxReader,
  accelCsvReader,
];

/** Scores below this are "not recognised". */
export const MIN_SNIFF_SCORE = 0.3;

export interface Detection {
  reader: FormatReader;
  score: number;
}

/** The reader whose sniff scores highest (ties: the one whose extensions match the file name). */
export function detectFormat(head: Uint8Array, fileName: string): Detection | null {
  const ext = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  let best: Detection | null = null;
  let bestKey = -1;
  for (const reader of READERS) {
    let score = 0;
    try {
      score = reader.sniff(head);
    } catch {
      score = 0; // a sniff must not throw; if one does, it simply does not claim the file
    }
    if (!(score >= MIN_SNIFF_SCORE)) continue;
    const key = score + (reader.extensions.includes(ext) ? 1e-3 : 0);
    if (key > bestKey) {
      best = { reader, score };
      bestKey = key;
    }
  }
  return best;
}

export function readerById(id: string): FormatReader | null {
  return READERS.find((r) => r.id === id) ?? null;
}
