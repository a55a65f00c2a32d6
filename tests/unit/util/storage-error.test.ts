/**
 * The map from a refused write to the user's words (src/main/core/util/storage-error.ts), on the
 * errors Node and better-sqlite3 really throw (their code, path and message text), and on the
 * message alone (what crosses a worker thread). The full and read-only cases are also run on a
 * real tmpfs in tests/integration/crash/disk-full.test.ts; EACCES is here because root (CI) ignores
 * file modes.
 */
import { describe, expect, it } from 'vitest';
import { storageFailure } from '../../../src/main/core/util/storage-error.ts';

const nodeError = (code: string, syscall: string, path: string, text: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });

describe('storageFailure', () => {
  const dataDir = '/home/coach/.config/Player1 Pitchside';

  it('a full disk under the data folder names the folder and promises nothing was saved', () => {
    const f = storageFailure(nodeError('ENOSPC', 'write', `${dataDir}/raw/.tmp/x`, 'no space left on device'), dataDir)!;
    expect(f.problem).toBe('full');
    expect(f.message).toBe(`The disk holding the Player1 data folder (${dataDir}) is full: free some space on it and try again; nothing was saved from this step [ENOSPC]`);
  });

  it('a quota counts as full; SQLite "database or disk is full" too', () => {
    expect(storageFailure(nodeError('EDQUOT', 'write', `${dataDir}/a`, 'disk quota exceeded'), dataDir)!.problem).toBe('full');
    const sqlite = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(storageFailure(sqlite, dataDir)!.message).toContain(`The disk holding the Player1 data folder (${dataDir}) is full`);
  });

  it('read-only: EROFS and SQLITE_READONLY_* are told as a read-only disk', () => {
    expect(storageFailure(nodeError('EROFS', 'open', `${dataDir}/reports/s/report.html`, 'read-only file system'), dataDir)!.message).toMatch(
      /^The disk holding the Player1 data folder \(.*\) is read-only \(write-protected, or mounted read-only\): make it writable or move the data folder to a disk that is, and try again; nothing was saved from this step \[EROFS\]$/,
    );
    expect(storageFailure(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DBMOVED' }), dataDir)!.problem).toBe('read-only');
  });

  it('permission denied inside the data folder says what to do; outside it is not a storage failure', () => {
    const f = storageFailure(nodeError('EACCES', 'open', `${dataDir}/reports/s1/report.html`, 'permission denied'), dataDir)!;
    expect(f.problem).toBe('no-permission');
    expect(f.message).toContain(`This account is not allowed to write in the Player1 data folder (${dataDir}) (${dataDir}/reports/s1/report.html): give it write permission`);
    expect(storageFailure(nodeError('EACCES', 'open', '/media/stick/gps.csv', 'permission denied'), dataDir)).toBeNull();
  });

  it('a write elsewhere (an export to a stick) names that file', () => {
    expect(storageFailure(nodeError('ENOSPC', 'write', '/media/stick/team.csv', 'no space left on device'), dataDir)!.message).toContain('The disk holding the folder of /media/stick/team.csv is full');
  });

  it('from the message alone (a worker thread keeps only the text): code and path are read back', () => {
    const f = storageFailure(new Error(`ENOSPC: no space left on device, rename '${dataDir}/reports/s/.report.html.1.tmp' -> '${dataDir}/reports/s/report.html'`), dataDir, { fromMessage: true })!;
    expect(f.code).toBe('ENOSPC');
    expect(f.path).toBe(`${dataDir}/reports/s/report.html`);
  });

  it('a code in free text is not read unless the error crossed a worker thread', () => {
    const text = new Error(`ENOSPC: no space left on device, write '${dataDir}/reports/s/report.html'`);
    expect(storageFailure(text, dataDir)).toBeNull();
    expect(storageFailure(new Error('the file EROFS-notes.txt has no data'), dataDir)).toBeNull();
    expect(storageFailure(new Error('database or disk is full'), dataDir)).toBeNull();
    expect(storageFailure(new Error('database or disk is full'), dataDir, { fromMessage: true })!.problem).toBe('full');
  });

  it('a permission refusal without a path (a socket, a process) is not the data folder', () => {
    // sync: connect EACCES (a firewall); process.kill: EPERM (another user's process).
    const sock = Object.assign(new Error('connect EACCES 10.0.0.5:443'), { code: 'EACCES', syscall: 'connect', address: '10.0.0.5', port: 443 });
    expect(storageFailure(sock, dataDir)).toBeNull();
    expect(storageFailure(Object.assign(new Error('kill EPERM'), { code: 'EPERM', syscall: 'kill' }), dataDir)).toBeNull();
    expect(storageFailure(new Error('connect EACCES 10.0.0.5:443'), dataDir, { fromMessage: true })).toBeNull();
    // A full or read-only disk without a path is still one (SQLite names no file).
    expect(storageFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), dataDir)!.problem).toBe('full');
    expect(storageFailure(Object.assign(new Error('x'), { code: 'ENOSPC' }), dataDir)!.problem).toBe('full');
  });

  it('a file named "..something" directly in the data folder is inside it', () => {
    const f = storageFailure(nodeError('EACCES', 'open', `${dataDir}/..backup.tar.gz`, 'permission denied'), dataDir)!;
    expect(f.problem).toBe('no-permission');
    expect(f.message).toContain('the Player1 data folder');
    expect(storageFailure(nodeError('EACCES', 'open', `${dataDir}/../other/x`, 'permission denied'), dataDir)).toBeNull();
  });

  it('anything else is not a storage failure', () => {
    expect(storageFailure(nodeError('ENOENT', 'open', `${dataDir}/x`, 'no such file or directory'), dataDir)).toBeNull();
    expect(storageFailure(new Error('the session has no data'), dataDir)).toBeNull();
  });
});
