/**
 * Why a file cannot be read, in the user's words (what is wrong, what to do), from the system
 * error code. The code stays on the error for programs; "bad file descriptor" or "EIO: i/o error"
 * never reaches a person.
 */
const WHY: Record<string, string> = {
  ENOENT: 'it is no longer there (moved, renamed or deleted since it was chosen). Choose it again',
  EACCES: 'this account is not allowed to read it. Give read permission, or copy it to a folder you own, and try again',
  EPERM: 'this account is not allowed to read it. Give read permission, or copy it to a folder you own, and try again',
  EISDIR: 'it is a folder, not a file. Choose the files inside it, or import the folder',
  EBADF: 'the system lost hold of it while reading (the card, stick or unit was removed, or the network drive dropped). Reconnect it and try again',
  EIO: 'the disk, card or unit failed while reading it (removed, or damaged). Reconnect it, copy the file to this computer and try again',
  ENXIO: 'the device holding it is gone (unplugged). Reconnect it and try again',
  ENODEV: 'the device holding it is gone (unplugged). Reconnect it and try again',
  ETIMEDOUT: 'the drive holding it stopped answering. Reconnect it, copy the file to this computer and try again',
  EBUSY: 'another program is using it. Close that program and try again',
  EMFILE: 'too many files are open at once. Import fewer files at a time, or restart the app',
  ENFILE: 'too many files are open at once. Import fewer files at a time, or restart the app',
  ENAMETOOLONG: 'its path is too long for the system. Move it to a shorter folder path and try again',
  ELOOP: 'its path loops through links. Choose the file itself',
};

/** "cannot be read: <reason>. <what to do>." for a system error code (unknown codes get a generic sentence). */
export function readFailureText(code: string | undefined): string {
  const why = (code && WHY[code]) || 'the system could not read it. Check that the drive is connected, copy the file to this computer and try again';
  return `cannot be read: ${why}.`;
}
