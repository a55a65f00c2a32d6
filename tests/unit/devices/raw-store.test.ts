import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChecksumMismatchError, RawStore } from '../../../src/main/core/store/raw-store.ts';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'rawstore-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('RawStore', () => {
  it('stores bytes under <sha[0..2]>/<sha>, and a second put is a no-op', async () => {
    const root = join(await tmp(), 'raw');
    const store = new RawStore(root);
    const bytes = new TextEncoder().encode('hello pitch');
    const expected = createHash('sha256').update('hello pitch').digest('hex');
    const a = await store.put(bytes);
    expect(a).toEqual({ sha256: expected, path: join(root, expected.slice(0, 2), expected), size: 11, existed: false });
    expect(await readFile(a.path, 'utf8')).toBe('hello pitch');
    const mtime = (await stat(a.path)).mtimeMs;
    const b = await store.put(bytes);
    expect(b.existed).toBe(true);
    expect((await stat(a.path)).mtimeMs).toBe(mtime);
    expect(await store.has(expected)).toBe(true);
    expect(await store.verify(expected)).toBe(true);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });

  it('moves a file in, refuses one whose hash is not the expected one, and leaves it in place', async () => {
    const d = await tmp();
    const store = new RawStore(join(d, 'raw'));
    const src = join(d, 'a.part');
    await writeFile(src, 'abc');
    const wrong = createHash('sha256').update('abd').digest('hex');
    await expect(store.put({ path: src }, { move: true, expectedSha256: wrong })).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect(await readFile(src, 'utf8')).toBe('abc');
    const right = createHash('sha256').update('abc').digest('hex');
    const r = await store.put({ path: src }, { move: true, expectedSha256: right });
    expect(r.sha256).toBe(right);
    await expect(stat(src)).rejects.toThrow();
  });

  it('copies a file expected by its digest (an import), reading it once: a file that is not what was hashed is refused, nothing of it kept', async () => {
    const d = await tmp();
    const root = join(d, 'raw');
    const store = new RawStore(root);
    const src = join(d, 'unit.csv');
    await writeFile(src, 't,x\n1,2\n');
    const scanned = createHash('sha256').update('t,x\n1,2\n').digest('hex');
    // Changed after it was hashed: refused, the store holds neither it nor a temp file.
    await writeFile(src, 't,x\n1,3\n');
    const err = await store.put({ path: src }, { expectedSha256: scanned }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect((err as ChecksumMismatchError).actual).toBe(createHash('sha256').update('t,x\n1,3\n').digest('hex'));
    expect(await store.has(scanned)).toBe(false);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
    // As it was hashed: copied, the source left where it is.
    await writeFile(src, 't,x\n1,2\n');
    const r = await store.put({ path: src }, { expectedSha256: scanned });
    expect(r).toEqual({ sha256: scanned, path: join(root, scanned.slice(0, 2), scanned), size: 8, existed: false });
    expect(await readFile(r.path, 'utf8')).toBe('t,x\n1,2\n');
    expect(await readFile(src, 'utf8')).toBe('t,x\n1,2\n');
    // That content stored already: the stored copy is it; a file gone is still said to be gone.
    expect(await store.put({ path: src }, { expectedSha256: scanned })).toMatchObject({ sha256: scanned, existed: true });
    await rm(src);
    await expect(store.put({ path: src }, { expectedSha256: scanned })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('verify() notices a stored file that was damaged', async () => {
    const store = new RawStore(join(await tmp(), 'raw'));
    const r = await store.put(new TextEncoder().encode('x'.repeat(1000)));
    await writeFile(r.path, 'y'.repeat(1000));
    expect(await store.verify(r.sha256)).toBe(false);
  });
});
