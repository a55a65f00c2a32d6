/** How much of a session window a file's time range covers. Pure: the core and the UI both use it. */

export interface WindowOverlap {
  /** Seconds of the window inside the file's time range (0 when they do not meet). */
  seconds: number;
  /** The same as a fraction of the window, 0..1. */
  fraction: number;
}

/**
 * Overlap of the closed range [firstMs, lastMs] with the half-open session window
 * [startMs, endMs). Null when the file has no time range or the window is empty.
 */
export function windowOverlap(firstMs: number | null, lastMs: number | null, startMs: number, endMs: number): WindowOverlap | null {
  if (firstMs == null || lastMs == null || !(endMs > startMs)) return null;
  const ms = Math.max(0, Math.min(lastMs, endMs) - Math.max(firstMs, startMs));
  return { seconds: ms / 1000, fraction: ms / (endMs - startMs) };
}
