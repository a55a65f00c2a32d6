/**
 * Why a file could not be read, in the user's words: "there is no such file", "permission denied",
 * not Node's "ENOENT: no such file or directory, stat '/x'" (whose code and path the caller's
 * message already names, so repeating them read as "ENOENT: ENOENT: ..."). The code is kept in
 * brackets for support, once.
 */
const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of its path is a file, not a folder',
  ENAMETOOLONG: 'its name or path is too long',
  ELOOP: 'its path loops through symbolic links',
  EMFILE: 'too many files are open at once',
  ENFILE: 'too many files are open at once',
  EIO: 'the disk could not read it',
  EBUSY: 'it is in use by another program',
  ENXIO: 'the device is not there (unplugged?)',
  ENODEV: 'the device is not there (unplugged?)',
};

export function fsErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && WHY[code]) return `${WHY[code]} [${code}]`;
  if (code) return `the system refused it [${code}]`;
  return err instanceof Error ? err.message : String(err);
}
