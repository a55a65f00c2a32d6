/**
 * Joins names from outside under a root folder, refusing any that would leave it (see
 * shared/security/path-segment.ts), and checks the joined path is still inside the root.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { unsafeSegmentReason } from '../../../shared/security/path-segment.ts';

export class UnsafePathError extends Error {
  readonly segment: string;
  constructor(segment: string, reason: string, what: string) {
    super(`${what} "${segment.replace(/[\u0000-\u001f\u007f]/g, '?')}" is refused: ${reason}`);
    this.name = 'UnsafePathError';
    this.segment = segment;
  }
}

/** `root/seg1/seg2…`, each segment a plain name (else UnsafePathError naming `what`). */
export function joinInside(root: string, segments: readonly string[], what = 'name'): string {
  for (const s of segments) {
    const why = unsafeSegmentReason(s);
    if (why) throw new UnsafePathError(s, why, what);
  }
  const p = join(root, ...segments);
  if (!isInside(root, p)) throw new UnsafePathError(segments.join('/'), 'it would leave its folder', what);
  return p;
}

/** Whether `path` is `root` or below it (after resolving `..`). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
