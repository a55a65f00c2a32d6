/** Why a backup or restore could not write or read, in the user's words (the code kept once, in brackets). */
import { fsErrorText } from '../util/fs-error.ts';

const WRITE: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the folder is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is a file, not a folder',
  EIO: 'the disk could not write it',
};

export function writeFailureText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && WRITE[code]) return `${WRITE[code]} [${code}]`;
  return fsErrorText(err);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
