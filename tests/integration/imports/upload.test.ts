/**
 * imports:upload, for drops where no path exists (a browser through the dev bridge): chunks land
 * in the raw store's staging area, byte for byte, and the batch is then scanned like a folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_UPLOAD_CHUNK_BYTES } from '../../../src/shared/api/imports.contract.ts';
import { UploadStaging } from '../../../src/main/core/imports/upload-staging.ts';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';
import { SAMPLE_DIR } from '../../support/sample.ts';
import { P1_T0, writeP1 } from '../../support/p1-file.ts';

let t: TestCore;
beforeAll(() => {
  t = startTestCore();
});
afterAll(() => t.close());

async function upload(batchId: string, relativePath: string, bytes: Uint8Array, chunk = MAX_UPLOAD_CHUNK_BYTES) {
  const uploadId = randomUUID();
  let last;
  let offset = 0;
  do {
    const part = bytes.subarray(offset, offset + chunk);
    last = await t.call('imports:upload', { uploadId, batchId, relativePath, totalBytes: bytes.length, offset, data: Buffer.from(part).toString('base64') });
    offset += part.length;
  } while (offset < bytes.length);
  return last;
}

describe('imports:upload', () => {
  it('writes the file in order, whole, only when complete; the batch scans like a folder', async () => {
    const batchId = randomUUID();
    const big = randomBytes(MAX_UPLOAD_CHUNK_BYTES * 2 + 12345);
    const uploadId = randomUUID();
    const first = await t.call('imports:upload', { uploadId, batchId, relativePath: 'big.bin', totalBytes: big.length, offset: 0, data: big.subarray(0, MAX_UPLOAD_CHUNK_BYTES).toString('base64') });
    expect(first).toMatchObject({ received: MAX_UPLOAD_CHUNK_BYTES, complete: false });
    expect(existsSync(join(first.batchPath, 'big.bin'))).toBe(false);
    // Out of order: refused, and the upload can go on from where it was.
    const skip = await t.raw('imports:upload', { uploadId, batchId, relativePath: 'big.bin', totalBytes: big.length, offset: 2 * MAX_UPLOAD_CHUNK_BYTES, data: 'AAAA' });
    expect(skip).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await t.call('imports:upload', { uploadId, batchId, relativePath: 'big.bin', totalBytes: big.length, offset: MAX_UPLOAD_CHUNK_BYTES, data: big.subarray(MAX_UPLOAD_CHUNK_BYTES, 2 * MAX_UPLOAD_CHUNK_BYTES).toString('base64') });
    const done = await t.call('imports:upload', { uploadId, batchId, relativePath: 'big.bin', totalBytes: big.length, offset: 2 * MAX_UPLOAD_CHUNK_BYTES, data: big.subarray(2 * MAX_UPLOAD_CHUNK_BYTES).toString('base64') });
    expect(done).toMatchObject({ received: big.length, complete: true });
    expect(readFileSync(join(done.batchPath, 'big.bin')).equals(big)).toBe(true);
    expect(done.batchPath.startsWith(join(t.dataDir, 'raw', '.staging'))).toBe(true);

    const dir = makeTempDir();
    writeP1(join(dir, 'unit.p1'), 'P1-0077');
    await upload(batchId, 'unit.p1', readFileSync(join(dir, 'unit.p1')), 4096);
    await upload(batchId, 'team/meta.csv', Buffer.from('device_id,player_name,position\nP1-1001,Ann Lee,GK\n'));
    await upload(batchId, 'team/P1-1001/gps.csv', readFileSync(join(SAMPLE_DIR, 'P1-1001', 'gps.csv')));
    await upload(batchId, 'empty.fit', new Uint8Array(0));

    const s = await t.call('sessions:create', { name: 'dropped', startMs: P1_T0, endMs: P1_T0 + 10_000 });
    const r = await t.call('imports:scan', { sessionId: s.id, paths: [done.batchPath] });
    const by = Object.fromEntries(r.files.map((f) => [f.sourceName, f]));
    expect(Object.keys(by).sort()).toEqual(['big.bin', 'empty.fit', 'team/P1-1001/gps.csv', 'unit.p1']);
    expect(by['unit.p1']).toMatchObject({ format: { id: 'p1' }, unitId: 'P1-0077' });
    expect(by['team/P1-1001/gps.csv']).toMatchObject({ format: { id: 'player1-gps-csv' }, unitId: 'P1-1001', suggestion: { kind: 'new', name: 'Ann Lee' } });
    // Dropped one by one, files that are not data are shown with the reason, not hidden.
    expect(by['big.bin'].error?.code).toBe('UNKNOWN_FORMAT');
    expect(by['empty.fit'].error?.code).toBe('EMPTY_FILE');
    expect(r.skipped.map((x) => x.sourceName)).toEqual(['team/meta.csv']);
  });

  it('refuses paths that leave the batch, chunks that are too big or too many bytes, a name sent twice', async () => {
    const batchId = randomUUID();
    const base = { uploadId: randomUUID(), batchId, totalBytes: 3, offset: 0, data: 'YWJj' };
    for (const relativePath of ['../x.fit', '/etc/x', 'a//b', 'a\\b', 'C:/x', '.']) {
      expect(await t.raw('imports:upload', { ...base, relativePath }), relativePath).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await t.raw('imports:upload', { ...base, relativePath: 'x', data: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const tooBig = Buffer.alloc(MAX_UPLOAD_CHUNK_BYTES + 3).toString('base64');
    expect(await t.raw('imports:upload', { ...base, relativePath: 'x', totalBytes: MAX_UPLOAD_CHUNK_BYTES + 3, data: tooBig })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('imports:upload', { ...base, relativePath: 'x', totalBytes: 2 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('imports:upload', { ...base, uploadId: randomUUID(), relativePath: 'x', offset: 3 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await upload(batchId, 'same.fit', Buffer.from('abc'));
    expect(await t.raw('imports:upload', { ...base, uploadId: randomUUID(), relativePath: 'same.fit' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A file and a folder of one name; a name longer than the disk allows (400 bytes in UTF-8): named, not internal.
    await upload(batchId, 'a', Buffer.from('abc'));
    expect(await t.raw('imports:upload', { ...base, uploadId: randomUUID(), relativePath: 'a/b.p1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'a/b.p1: a file and a folder of the same name in this batch' },
    });
    const long = 'é'.repeat(200);
    expect(await t.raw('imports:upload', { ...base, uploadId: randomUUID(), relativePath: long })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: `${long}: the name is too long for this disk` },
    });
  });

  it('two uploads to one name at once: one lands, the other is refused; the file is one of them, whole', async () => {
    const batchId = randomUUID();
    const a = Buffer.from('first upload');
    const b = Buffer.from('other bytes!');
    const send = (bytes: Buffer) => t.raw('imports:upload', { uploadId: randomUUID(), batchId, relativePath: 'race.fit', totalBytes: bytes.length, offset: 0, data: bytes.toString('base64') });
    const [x, y] = await Promise.all([send(a), send(b)]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    const refused = x.ok ? y : x;
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'race.fit was already uploaded in this batch' } });
    const won = (x.ok ? x : y) as { ok: true; value: { batchPath: string } };
    expect(readFileSync(join(won.value.batchPath, 'race.fit')).equals(x.ok ? a : b)).toBe(true);
  });

  it('forgets batches a day old at the next upload', async () => {
    const root = join(makeTempDir(), 'staging');
    const now = Date.UTC(2026, 2, 14, 12);
    const old = join(root, randomUUID());
    const fresh = join(root, randomUUID());
    for (const d of [old, fresh]) mkdirSync(d, { recursive: true });
    utimesSync(old, new Date(now - 25 * 3600_000), new Date(now - 25 * 3600_000));
    utimesSync(fresh, new Date(now - 3600_000), new Date(now - 3600_000));
    const staging = new UploadStaging(root, () => now);
    await staging.receive({ uploadId: randomUUID(), batchId: randomUUID(), relativePath: 'a.fit', totalBytes: 0, offset: 0, data: '' });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
