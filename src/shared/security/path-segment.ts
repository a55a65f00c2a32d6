/**
 * Names that come from outside (a unit's id, a meta.csv device_id, a recording id, a file name
 * on a drive) and become one component of a path under a folder of ours. Such a name is refused
 * when it could leave that folder or be something other than a plain name on some system:
 * empty, `.` or `..`, a path separator (`/`, `\`), a drive or stream colon, a NUL or other
 * control byte, a Windows reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or
 * without an extension), a trailing dot or space (Windows drops them), or longer than 255 bytes.
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** Why `name` cannot be one path component inside a folder of ours, or null when it can. */
export function unsafeSegmentReason(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name === '.' || name === '..') return `"${name}" would leave its folder`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it holds a control character';
  if (/[/\\]/.test(name)) return 'it holds a path separator (/ or \\), which would leave its folder';
  if (name.includes(':')) return 'it holds a colon (a drive letter or stream name on Windows)';
  if (RESERVED.test(name)) return `"${name}" is a reserved device name on Windows`;
  if (/[. ]$/.test(name)) return 'it ends with a dot or a space (Windows drops them)';
  if (new TextEncoder().encode(name).length > 255) return 'it is longer than 255 bytes';
  return null;
}

export function isSafeSegment(name: string): boolean {
  return unsafeSegmentReason(name) === null;
}

/**
 * A name made safe for one path component (for names we must store under whatever the unit
 * says, such as a download's resume folder): characters other than letters, digits, dot, dash
 * and underscore become `_`, and a result that is still unsafe (`.`, `..`, `CON`, a trailing
 * dot) gets a leading and trailing `_`. Different unsafe names may map to one safe name: callers
 * key by the safe name only where the original is stored beside it.
 */
export function toSafeSegment(name: string, maxLength = 120): string {
  let s = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, maxLength);
  if (s.length === 0) return '_';
  if (!isSafeSegment(s)) s = `_${s}_`;
  return s;
}
