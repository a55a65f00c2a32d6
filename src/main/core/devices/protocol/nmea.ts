/**
 * NMEA 0183 sentence checks, enough to recognise a receiver: `$TTSSS,...*hh` where hh is the
 * XOR of every character between `$` and `*`. Hand-written: it is five lines and no library
 * does only this (decoding NMEA into canonical streams is the formats layer's job).
 */
const SENTENCE = /[$!]([A-Z][A-Z0-9]{1,5}),[\x20-\x7e]*?\*([0-9A-F]{2})/g;

export function nmeaChecksum(body: string): number {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x;
}

/** Counts sentences with a valid checksum in a chunk of text. */
export function countValidSentences(text: string): number {
  let n = 0;
  for (const m of text.matchAll(SENTENCE)) {
    const whole = m[0];
    const body = whole.slice(1, whole.lastIndexOf('*'));
    if (nmeaChecksum(body) === parseInt(m[2], 16)) n++;
  }
  return n;
}

/** Builds a sentence with its checksum (for the emulator and tests). */
export function nmeaSentence(body: string): string {
  return `$${body}*${nmeaChecksum(body).toString(16).toUpperCase().padStart(2, '0')}\r\n`;
}
