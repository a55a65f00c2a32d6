/**
 * Helpers for recognising text formats from the first bytes of a file (sniffing) and for finding
 * where a CSV's header line starts after metadata lines.
 */

/** The first `max` lines of `head` as text (latin1, BOM and CR removed); the last may be partial. */
export function headLines(head: Uint8Array, max: number): string[] {
  let start = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const out: string[] = [];
  while (out.length < max && start < head.length) {
    let end = start;
    while (end < head.length && head[end] !== 10) end++;
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(head[i]);
    out.push(s.endsWith('\r') ? s.slice(0, -1) : s);
    start = end + 1;
  }
  return out;
}

/** True when the bytes look like text (no NUL, few control bytes): binary formats are not CSV. */
export function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) return false;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) ctrl++;
  }
  return ctrl <= n / 100;
}

/** Split a header line into lower-case names (trimmed, surrounding quotes removed). */
export function headerNames(line: string, sep: string): string[] {
  return line.split(sep).map((h) => h.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
}

/** Byte offset of the start of 1-based `line` in `bytes` (bytes.length when there is no such line). */
export function lineStart(bytes: Uint8Array, line: number): number {
  let p = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let l = 1; l < line; l++) {
    while (p < bytes.length && bytes[p] !== 10) p++;
    if (p >= bytes.length) return bytes.length;
    p++;
  }
  return p;
}

/** 1-based line number of data row `row` (0-based), counting blank lines; only used for messages. */
export function lineOfRow(bytes: Uint8Array, headerLine: number, row: number): number {
  let p = lineStart(bytes, headerLine + 1);
  let line = headerLine + 1;
  let r = -1;
  while (p < bytes.length) {
    const blank = bytes[p] === 10 || (bytes[p] === 13 && bytes[p + 1] === 10);
    if (!blank) r++;
    if (r === row) return line;
    while (p < bytes.length && bytes[p] !== 10) p++;
    p++;
    line++;
  }
  return line;
}
