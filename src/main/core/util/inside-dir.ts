import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Whether `p` is `dir` or inside it (by path, not following links). `<dir>/..x` is inside: only a
 * relative path that is `..` or starts with `../` (or is absolute: another drive) leaves.
 */
export function isInsideDir(dir: string, p: string): boolean {
  const r = relative(resolve(dir), resolve(p));
  return !(r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r));
}
