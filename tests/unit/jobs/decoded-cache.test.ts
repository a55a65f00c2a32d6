/**
 * The decoded cache (store/decoded-cache.ts) and processing's use of it (jobs/read-data-file.ts):
 * an entry gives back exactly what the reader gave (every column bit for bit, NaN included, the
 * problems and the device report); a file of the raw store is parsed once and read from its entry
 * afterwards (counted: the reader is not invoked); an entry that is damaged, made by another
 * reader version or for other read options is not used and the file is parsed again; a raw file
 * modified after its entry was made is checked (and refused when it changed), never hidden by the
 * cache; files read in place are never cached.
 */
import { createHash } from 'node:crypto';
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStandingGpsCsv } from '../../support/standing-gps.ts';
import { writeP1 } from '../../support/p1-file.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { readerById } from '../../../src/main/core/formats/registry.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';
import { DecodedCache, decodeKey, type DecodeKey } from '../../../src/main/core/store/decoded-cache.ts';
import { decodeDataFile, FileFailure, type DecodeCounts } from '../../../src/main/core/jobs/read-data-file.ts';
import { runPlayerTask } from '../../../src/main/core/jobs/player-task.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import type { DataFile } from '../../../src/shared/domain/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-decoded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2026, 2, 14, 10, 0);
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A copy of `src` as the raw store would hold it: its own file, its sha256 as the link records it. */
function stored(src: string, format: string, sourceName: string): DataFile {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.raw`);
  cpSync(src, path);
  return { format, path, sourceName, size: statSync(path).size, sha256: sha(path), clockOffsetMs: 0, options: { referenceMs: T0 } };
}

const gpsSrc = writeStandingGpsCsv(join(dir), 600, T0);
const p1Src = join(dir, 'unit.p1');
writeP1(p1Src, 'P1-0001', T0);

function decodeCounting(f: DataFile, root: string | null): { rec: Recording; counts: DecodeCounts } {
  const counts: DecodeCounts = { parsed: 0, cached: 0 };
  return { rec: decodeDataFile(f, root, counts), counts };
}

/** The recording an entry gives back (a miss fails the test, saying why). */
function readEntry(cache: DecodedCache, key: DecodeKey): Recording {
  const got = cache.read(key);
  if (!('rec' in got)) throw new Error(`miss: ${got.why}`);
  return got.rec;
}

/** Flips one byte of the last column in place: the same inode and size, new times. */
function flipLastColumnByte(path: string): void {
  const at = statSync(path).size - 4;
  const fd = openSync(path, 'r+');
  writeSync(fd, Uint8Array.of(readFileSync(path)[at] ^ 0x10), 0, 1, at);
  closeSync(fd);
}

/** A column's bytes, to compare bit for bit. */
const columnBytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('decoded cache entries', () => {
  it('give back exactly what the reader decoded: columns bit for bit (NaN too), problems, device report', () => {
    const cache = new DecodedCache(join(dir, 'c1'));
    for (const [src, format] of [
      [gpsSrc, 'player1-gps-csv'],
      [p1Src, 'p1'],
    ] as const) {
      const bytes = readFileSync(src);
      const rec = decodeBytes(bytes, 'u/file', { format });
      // A device report with a NaN and an Infinity, as a FIT total may be.
      const withDevice: Recording = { ...rec, device: { info: { serial: '42' }, sessions: [{ startMs: null, distanceM: NaN, maxHr: Infinity }], laps: [], counts: { record: 3 } } };
      const key = decodeKey(sha(src), readerById(format)!, { referenceMs: T0 }, 'u/file');
      expect(cache.write(key, withDevice)).toBe(true);
      const got = cache.read(key);
      if (!('rec' in got)) throw new Error(`miss: ${got.why}`);
      expect(got.rec).toEqual(withDevice);
      // bit for bit, not just numerically equal
      for (const s of ['gnss', 'imu', 'hr'] as const) {
        const a = withDevice[s] as unknown as Record<string, Float64Array> | null;
        const b = got.rec[s] as unknown as Record<string, Float64Array> | null;
        if (!a) {
          expect(b).toBeNull();
          continue;
        }
        expect(Object.keys(b!)).toEqual(Object.keys(a));
        for (const k of Object.keys(a)) expect(Buffer.from(b![k].buffer, b![k].byteOffset, b![k].byteLength).equals(Buffer.from(a[k].buffer, a[k].byteOffset, a[k].byteLength))).toBe(true);
      }
      expect(got.rec.gnss!.alt.every(Number.isNaN)).toBe(true); // neither file has an altitude: NaN kept as NaN
    }
  });

  it('an entry is found only under its own key: another reader version, other options, another name', () => {
    const cache = new DecodedCache(join(dir, 'c2'));
    const rec = decodeBytes(readFileSync(gpsSrc), 'a/gps.csv', { format: 'player1-gps-csv' });
    const reader = readerById('player1-gps-csv')!;
    const key = decodeKey(sha(gpsSrc), reader, { referenceMs: T0 }, 'a/gps.csv');
    cache.write(key, rec);
    expect('rec' in cache.read(key)).toBe(true);
    // absent, false and undefined options are the same key
    expect('rec' in cache.read(decodeKey(sha(gpsSrc), reader, { referenceMs: T0, ignoreChecksums: false }, 'a/gps.csv'))).toBe(true);
    expect(cache.read(decodeKey(sha(gpsSrc), { id: reader.id, version: (reader.version ?? 1) + 1 }, { referenceMs: T0 }, 'a/gps.csv'))).toMatchObject({ miss: 'missing' });
    expect(cache.read(decodeKey(sha(gpsSrc), reader, { referenceMs: T0, timeZone: 'Europe/Lisbon' }, 'a/gps.csv'))).toMatchObject({ miss: 'missing' });
    expect(cache.read(decodeKey(sha(gpsSrc), reader, { referenceMs: T0 }, 'b/gps.csv'))).toMatchObject({ miss: 'missing' });
  });

  it('a damaged entry (one byte of a column, its description, or cut short) is refused and removed', () => {
    const cache = new DecodedCache(join(dir, 'c3'));
    const rec = decodeBytes(readFileSync(gpsSrc), 'a/gps.csv', { format: 'player1-gps-csv' });
    const key = decodeKey(sha(gpsSrc), readerById('player1-gps-csv')!, {}, 'a/gps.csv');
    const path = cache.entryPath(key);
    for (const damage of [(b: Buffer) => (b[b.length - 100] ^= 1), (b: Buffer) => (b[40] ^= 0x20), (b: Buffer) => b.subarray(0, b.length - 8)]) {
      cache.write(key, rec);
      const b = readFileSync(path);
      const out = damage(b);
      writeFileSync(path, Buffer.isBuffer(out) ? out : b);
      expect(cache.read(key)).toMatchObject({ miss: 'damaged' });
      expect(() => statSync(path)).toThrow();
    }
  });
  it("a thread checks an entry's columns once; a file changed since, even by one byte in place, is checked again and refused", async () => {
    const cache = new DecodedCache(join(dir, 'c4'));
    const rec = decodeBytes(readFileSync(p1Src), 'a/unit.p1', { format: 'p1' });
    const key = decodeKey(sha(p1Src), readerById('p1')!, {}, 'a/unit.p1');
    cache.write(key, rec);
    const read = () => readEntry(cache, key);
    // Just written: checked on every read (a rewrite this soon could keep the file's times).
    read();
    read();
    expect(cache.columnChecks).toBe(2);
    await new Promise((r) => setTimeout(r, 1_100));
    // Settled: checked once more, then trusted, and still the same columns bit for bit.
    read();
    const again = read();
    for (const k of ['t', 'ax', 'ay', 'az'] as const) expect(columnBytes(again.imu![k]).equals(columnBytes(rec.imu![k]))).toBe(true);
    expect(cache.columnChecks).toBe(3);
    // One byte of the last column flipped in place (same inode and size, new times): checked and refused.
    flipLastColumnByte(cache.entryPath(key));
    expect(cache.read(key)).toMatchObject({ miss: 'damaged', why: 'its columns fail their CRC' });
    expect(cache.columnChecks).toBe(4);
  });
});

describe('checks shared between the threads of a process', () => {
  it("a check that stands in one thread's cache is trusted by the others sharing checks, until the file changes; a cache that does not share checks for itself", async () => {
    const root = join(dir, 'c-shared');
    const rec = decodeBytes(readFileSync(p1Src), 'b/unit.p1', { format: 'p1' });
    const key = decodeKey(sha(p1Src), readerById('p1')!, {}, 'b/unit.p1');
    const a = new DecodedCache(root, { shareChecks: true });
    const b = new DecodedCache(root, { shareChecks: true });
    const own = new DecodedCache(root);
    try {
      a.write(key, rec);
      await new Promise((r) => setTimeout(r, 1_100)); // settled: a check of it stands
      const read = (c: DecodedCache) => readEntry(c, key);
      read(a);
      expect(a.columnChecks).toBe(1);
      await new Promise((r) => setTimeout(r, 50)); // the message crosses (asynchronously, as between threads)
      const viaB = read(b);
      expect(b.columnChecks).toBe(0); // trusted on a's check
      for (const k of ['t', 'ax', 'ay', 'az'] as const) expect(columnBytes(viaB.imu![k]).equals(columnBytes(rec.imu![k]))).toBe(true);
      read(own);
      expect(own.columnChecks).toBe(1); // not sharing: its own check
      // One byte flipped in place: b's trust was for the file as a checked it; b checks and refuses.
      flipLastColumnByte(b.entryPath(key));
      expect(b.read(key)).toMatchObject({ miss: 'damaged', why: 'its columns fail their CRC' });
      expect(b.columnChecks).toBe(1);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('processing reads the cache (counted reader invocations)', () => {
  it('a stored file is parsed once; then read from its entry, the same recording, the same result', () => {
    const root = join(dir, 'c4');
    const f = stored(gpsSrc, 'player1-gps-csv', 'P1-0001/gps.csv');
    const first = decodeCounting(f, root);
    expect(first.counts).toEqual({ parsed: 1, cached: 0 });
    const second = decodeCounting(f, root);
    expect(second.counts).toEqual({ parsed: 0, cached: 1 });
    expect(second.rec).toEqual(first.rec);

    const task = (decodedCacheRoot: string | null) =>
      runPlayerTask({ sessionId: 's', playerId: 'p', deviceId: 'P1-0001', files: [f], window: { startMs: T0, endMs: T0 + 60_000 }, periods: [], settings: DEFAULT_SETTINGS, decodedCacheRoot });
    const cached = task(root);
    const parsed = task(null);
    expect(cached.ok && cached.decodes).toEqual({ parsed: 0, cached: 1 });
    expect(parsed.ok && parsed.decodes).toEqual({ parsed: 1, cached: 0 });
    if (!cached.ok || !parsed.ok) throw new Error('failed');
    const { decodes: _a, ...c } = cached;
    const { decodes: _b, ...p } = parsed;
    expect(c).toEqual(p);
  });

  it('a damaged entry, or one of another reader version, is rebuilt from the raw file', () => {
    const root = join(dir, 'c5');
    const f = stored(p1Src, 'p1', 'kit/a.p1');
    const first = decodeCounting(f, root).rec;
    const entry = join(root, f.sha256!.slice(0, 2), readdirSync(join(root, f.sha256!.slice(0, 2)))[0]);
    const b = readFileSync(entry);
    b[b.length - 1] ^= 0xff;
    writeFileSync(entry, b);
    const rebuilt = decodeCounting(f, root);
    expect(rebuilt.counts).toEqual({ parsed: 1, cached: 0 });
    expect(rebuilt.rec).toEqual(first);
    expect(decodeCounting(f, root).counts).toEqual({ parsed: 0, cached: 1 });

    const reader = readerById('p1')!;
    const was = reader.version;
    try {
      reader.version = (was ?? 1) + 1;
      expect(decodeCounting(f, root).counts).toEqual({ parsed: 1, cached: 0 });
      expect(decodeCounting(f, root).counts).toEqual({ parsed: 0, cached: 1 });
    } finally {
      reader.version = was;
    }
  });

  it('a raw file modified after its entry is checked: changed, it fails naming the file; the same bytes rewritten, the entry is used again', () => {
    const root = join(dir, 'c6');
    const f = stored(gpsSrc, 'player1-gps-csv', 'P1-0002/gps.csv');
    decodeCounting(f, root);
    const whole = readFileSync(f.path);
    const i = whole.indexOf(10) + 20;
    const flipped = Buffer.from(whole);
    flipped[i] = flipped[i] === 0x31 ? 0x32 : 0x31;
    writeFileSync(f.path, flipped);
    let err: unknown;
    try {
      decodeCounting(f, root);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileFailure);
    expect((err as FileFailure).failure).toMatchObject({ code: 'FILE_CHANGED', file: 'P1-0002/gps.csv' });
    rmSync(f.path);
    expect(() => decodeCounting(f, root)).toThrow(FileFailure);

    writeFileSync(f.path, whole);
    // checked against its sha256, then the entry is vouched for again: no parsing
    expect(decodeCounting(f, root).counts).toEqual({ parsed: 0, cached: 1 });
    expect(decodeCounting(f, root).counts).toEqual({ parsed: 0, cached: 1 });
  });

  it('files read in place (no stored copy) are parsed every time and never cached', () => {
    const root = join(dir, 'c7');
    const f: DataFile = { format: 'player1-gps-csv', path: gpsSrc, sourceName: 'x/gps.csv', size: statSync(gpsSrc).size, sha256: null, clockOffsetMs: 0 };
    expect(decodeCounting(f, root).counts).toEqual({ parsed: 1, cached: 0 });
    expect(decodeCounting(f, root).counts).toEqual({ parsed: 1, cached: 0 });
    expect(() => readdirSync(root)).toThrow();
  });
});
