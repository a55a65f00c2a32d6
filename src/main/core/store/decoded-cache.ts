/**
 * The decoded cache: every raw file decoded once into canonical columns, kept beside the raw store
 * (`<dataDir>/decoded/<sha256[0..2]>/<sha256>.<key>.p1c`), so that processing a session again
 * (a settings change, a period edit, new survey answers) reads binary columns instead of parsing
 * the files. The raw file stays the source of truth: an entry that is missing, stale (another
 * reader version or layout) or damaged (its checksums fail) is simply not used, and the file is
 * decoded again from the raw store. The layout is docs/formats/decoded-cache.md.
 *
 * An entry is keyed by what decides the decoding: the content (sha256), the reader and its
 * version, the read options that change what it yields (time zone, reference time, checksums
 * ignored) and the file's name (it is in every problem's message). Written atomically (a temp
 * file renamed into place); not fsynced: a torn or damaged entry fails its CRC and is rebuilt.
 *
 * Synchronous on purpose: it runs inside pool tasks (the scan, processing), never on the main
 * thread, except the small async housekeeping at the end (touch, prune).
 *
 * The columns' CRC is checked the first time a thread reads an entry, and again whenever the
 * entry's file changes (inode, size, modification or status-change time). It is not checked on
 * every read: a 90-minute unit's columns are ~21 MB, and their CRC was ~10 % of processing it.
 * The file's status-change time must be a second older than the check to be trusted: a file
 * rewritten within the clock's granularity (a few ms on Linux) of a check could keep its times.
 * With `shareChecks` (the pool's threads), a check that stands is told to the process's other
 * threads too (a BroadcastChannel per root), so an entry is checked once per process, not once per
 * thread: the units of a session move between threads from one Process Report to the next.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import type { FileReadOptions } from '../../../shared/domain/read-options.ts';
import type { Recording } from '../formats/canonical.ts';
import { f64Uninit } from '../util/scratch.ts';

/** "\x89P1C\r\n\x1a\n": the same guards as the P1 file magic, with C for cache. */
export const DECODED_MAGIC = Uint8Array.of(0x89, 0x50, 0x31, 0x43, 0x0d, 0x0a, 0x1a, 0x0a);
/**
 * Bump when the entry layout or what it holds changes: every older entry is then stale.
 * 2: entries hold the recording after formats/unset-clock.ts (samples before the unit's clock was
 * set left out, with their warning); the bytes are laid out as in 1.
 */
export const DECODED_LAYOUT = 2;
export const DECODED_HEADER_BYTES = 32;
// Header offsets (little-endian)
const O_LAYOUT = 8; // u32
const O_META_BYTES = 12; // u32, UTF-8 JSON
const O_META_CRC = 16; // u32, CRC32 of the JSON bytes
const O_COLUMNS_CRC = 20; // u32, CRC32 of every column's bytes in order (one running CRC)
const O_COLUMNS_BYTES = 24; // f64, bytes of all columns

const STREAMS = ['gnss', 'imu', 'hr'] as const;
type StreamKey = (typeof STREAMS)[number];

/** What decides an entry's content. */
export interface DecodeKey {
  sha256: string;
  reader: string;
  readerVersion: number;
  /** Only the options that change decoding, in a fixed order (see readOptionsKey). */
  options: FileReadOptions;
  /** The name every problem message uses. */
  source: string;
}

interface EntryMeta {
  key: DecodeKey;
  layout: number;
  /** Everything of the recording but its streams (format, source, unitId, problems, device...). */
  rest: Record<string, unknown>;
  /** Each stream's sample count and its columns in file order (null: no such stream). */
  streams: Record<StreamKey, { n: number; fields: string[] } | null>;
}

export type CacheRead = { rec: Recording } | { miss: 'missing' | 'stale' | 'damaged'; why: string };

/** The options a reader is given, normalised: absent, false and undefined all mean "not set". */
export function readOptionsKey(o: FileReadOptions | null | undefined): FileReadOptions {
  const k: FileReadOptions = {};
  if (o?.timeZone !== undefined) k.timeZone = o.timeZone;
  if (o?.referenceMs !== undefined) k.referenceMs = o.referenceMs;
  if (o?.ignoreChecksums) k.ignoreChecksums = true;
  return k;
}

export function decodeKey(sha256: string, reader: { id: string; version?: number }, options: FileReadOptions | null | undefined, source: string): DecodeKey {
  return { sha256, reader: reader.id, readerVersion: reader.version ?? 1, options: readOptionsKey(options), source };
}

const SHA_RE = /^[0-9a-f]{64}$/;
/** Typed arrays are written as the machine holds them; the layout says little-endian. */
const LITTLE_ENDIAN = endianness() === 'LE';

function keyJson(k: DecodeKey): string {
  return JSON.stringify([DECODED_LAYOUT, k.sha256, k.reader, k.readerVersion, k.options.timeZone ?? null, k.options.referenceMs ?? null, k.options.ignoreChecksums ?? false, k.source]);
}

// Non-finite numbers (NaN in a device total) survive JSON as tagged objects.
const NUM_TAG = '~num';
function replacer(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { [NUM_TAG]: String(v) } : v;
}
function reviver(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === 'object' && NUM_TAG in v && Object.keys(v).length === 1) return Number((v as Record<string, string>)[NUM_TAG]);
  return v;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** How much older than a check an entry's status-change time must be for the check to stand (see above). */
const SETTLED_NS = 1_000_000_000n;
/** Most entries a thread remembers as checked (past it, it forgets them all and checks again). */
const MAX_CHECKED = 20_000;
const bytesOf = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export interface DecodedCacheOptions {
  /** Tell the process's other threads of each check that stands, and take theirs (see above). Default false. */
  shareChecks?: boolean;
}

/** What a thread tells the others of a check that stands. */
interface CheckedMessage {
  path: string;
  identity: string;
}

export class DecodedCache {
  readonly root: string;
  /** Entries whose columns passed their CRC in this thread (or, shared, another), by path: the file's identity then. */
  private readonly checked = new Map<string, string>();
  private readonly channel: BroadcastChannel | null = null;
  /** How many reads checked the columns' CRC (the rest trusted an earlier check of the same file). */
  columnChecks = 0;

  constructor(root: string, opts: DecodedCacheOptions = {}) {
    this.root = root;
    if (opts.shareChecks) {
      this.channel = new BroadcastChannel(`p1-decoded-checked:${root}`);
      this.channel.onmessage = (e) => {
        const m = (e as { data?: Partial<CheckedMessage> }).data;
        if (typeof m?.path === 'string' && typeof m.identity === 'string') this.remember(m.path, m.identity);
      };
      // Never what keeps a thread (or the process) alive.
      (this.channel as BroadcastChannel & { unref(): void }).unref();
    }
  }

  private remember(path: string, identity: string): void {
    if (this.checked.size >= MAX_CHECKED) this.checked.clear();
    this.checked.set(path, identity);
  }

  /** Stops taking the other threads' checks (tests; a pool thread ends with its cache). */
  close(): void {
    this.channel?.close();
  }

  /** `<root>/<sha256[0..2]>/<sha256>.<16 hex of the key's hash>.p1c` */
  entryPath(key: DecodeKey): string {
    if (!SHA_RE.test(key.sha256)) throw new Error(`not a sha256 digest: ${key.sha256}`);
    const h = createHash('sha256').update(keyJson(key)).digest('hex').slice(0, 16);
    return join(this.root, key.sha256.slice(0, 2), `${key.sha256}.${h}.p1c`);
  }

  /** The entry's modification time (when it was written or last vouched for), or null when absent. */
  mtimeMs(key: DecodeKey): number | null {
    const st = statSync(this.entryPath(key), { throwIfNoEntry: false });
    return st?.isFile() ? st.mtimeMs : null;
  }

  /**
   * The decoded recording, or why not. Columns come from the task's scratch memory (valid like a
   * reader's output). A damaged entry is removed, so the rebuild replaces it.
   */
  read(key: DecodeKey): CacheRead {
    if (!LITTLE_ENDIAN) return { miss: 'missing', why: 'big-endian machine: no cache' };
    const path = this.entryPath(key);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return { miss: 'missing', why: 'no entry' };
    }
    const damaged = (why: string): CacheRead => {
      this.checked.delete(path);
      rmSync(path, { force: true });
      return { miss: 'damaged', why };
    };
    try {
      const st = fstatSync(fd, { bigint: true });
      const size = Number(st.size);
      const identity = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
      const trusted = this.checked.get(path) === identity;
      const head = Buffer.alloc(DECODED_HEADER_BYTES);
      if (readFully(fd, head, 0) < DECODED_HEADER_BYTES) return damaged('shorter than its header');
      if (!DECODED_MAGIC.every((b, i) => head[i] === b)) return damaged('not a decoded-cache entry');
      if (head.readUInt32LE(O_LAYOUT) !== DECODED_LAYOUT) return { miss: 'stale', why: `layout ${head.readUInt32LE(O_LAYOUT)}, not ${DECODED_LAYOUT}` };
      const metaBytes = head.readUInt32LE(O_META_BYTES);
      const columnsBytes = head.readDoubleLE(O_COLUMNS_BYTES);
      if (size !== DECODED_HEADER_BYTES + pad8(metaBytes) + columnsBytes) return damaged(`${size} bytes, its header says ${DECODED_HEADER_BYTES + pad8(metaBytes) + columnsBytes}`);
      const metaBuf = Buffer.alloc(metaBytes);
      readFully(fd, metaBuf, DECODED_HEADER_BYTES);
      if (crc32(metaBuf) !== head.readUInt32LE(O_META_CRC)) return damaged('its description fails its CRC');
      const meta = JSON.parse(metaBuf.toString('utf8'), reviver) as EntryMeta;
      if (keyJson(meta.key) !== keyJson(key)) return { miss: 'stale', why: 'made for another key' };
      let at = DECODED_HEADER_BYTES + pad8(metaBytes);
      let crc = 0;
      const rec = { ...meta.rest, gnss: null, imu: null, hr: null } as unknown as Recording;
      for (const s of STREAMS) {
        const d = meta.streams[s];
        if (!d) continue;
        const stream: Record<string, Float64Array> = {};
        for (const field of d.fields) {
          const col = f64Uninit(d.n);
          const got = readFully(fd, bytesOf(col), at);
          if (got !== col.byteLength) return damaged('cut short');
          if (!trusted) crc = crc32(bytesOf(col), crc);
          stream[field] = col;
          at += col.byteLength;
        }
        (rec as unknown as Record<string, unknown>)[s] = stream;
      }
      if (!trusted) {
        this.columnChecks++;
        if (crc !== head.readUInt32LE(O_COLUMNS_CRC)) return damaged('its columns fail their CRC');
        if (BigInt(Date.now()) * 1_000_000n - st.ctimeNs >= SETTLED_NS) {
          this.remember(path, identity);
          this.channel?.postMessage({ path, identity } satisfies CheckedMessage);
        }
      }
      return { rec };
    } catch (e) {
      return damaged(`unreadable (${(e as Error).message})`);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Writes the entry for `key` (atomically: a temp file renamed into place). False, writing
   * nothing, when the recording has a stream field that is not a column of doubles, or when the
   * disk refuses: the cache is an optimisation, never a reason to fail.
   */
  write(key: DecodeKey, rec: Recording): boolean {
    if (!LITTLE_ENDIAN) return false;
    const { gnss: _g, imu: _i, hr: _h, ...rest } = rec;
    const meta: EntryMeta = { key, layout: DECODED_LAYOUT, rest, streams: { gnss: null, imu: null, hr: null } };
    const columns: Float64Array[] = [];
    for (const s of STREAMS) {
      const stream = rec[s] as unknown as Record<string, unknown> | null;
      if (!stream) continue;
      const fields = Object.keys(stream).filter((f) => stream[f] !== undefined);
      const n = (stream.t as Float64Array | undefined)?.length;
      if (n === undefined) return false;
      for (const f of fields) {
        const col = stream[f];
        if (!(col instanceof Float64Array) || col.length !== n) return false;
        columns.push(col);
      }
      meta.streams[s] = { n, fields };
    }
    const metaBuf = Buffer.from(JSON.stringify(meta, replacer), 'utf8');
    let crc = 0;
    let columnsBytes = 0;
    for (const c of columns) {
      crc = crc32(bytesOf(c), crc);
      columnsBytes += c.byteLength;
    }
    const head = Buffer.alloc(DECODED_HEADER_BYTES);
    head.set(DECODED_MAGIC, 0);
    head.writeUInt32LE(DECODED_LAYOUT, O_LAYOUT);
    head.writeUInt32LE(metaBuf.length, O_META_BYTES);
    head.writeUInt32LE(crc32(metaBuf), O_META_CRC);
    head.writeUInt32LE(crc, O_COLUMNS_CRC);
    head.writeDoubleLE(columnsBytes, O_COLUMNS_BYTES);

    const dest = this.entryPath(key);
    const tmpDir = join(this.root, '.tmp');
    const tmp = join(tmpDir, `${key.sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      mkdirSync(tmpDir, { recursive: true });
      mkdirSync(join(this.root, key.sha256.slice(0, 2)), { recursive: true });
      const fd = openSync(tmp, 'w');
      try {
        writeFully(fd, head);
        writeFully(fd, metaBuf);
        writeFully(fd, new Uint8Array(pad8(metaBuf.length) - metaBuf.length));
        for (const c of columns) writeFully(fd, bytesOf(c));
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, dest);
      return true;
    } catch {
      rmSync(tmp, { force: true });
      return false;
    }
  }

  /**
   * Says that every entry of this content is as recent as now: the raw store's copy landed after
   * the scan wrote them (processing trusts an entry no older than its raw file; see
   * jobs/read-data-file.ts).
   */
  async touchContent(sha256: string): Promise<void> {
    if (!SHA_RE.test(sha256)) return;
    const dir = join(this.root, sha256.slice(0, 2));
    const names = await readdir(dir).catch(() => [] as string[]);
    const now = new Date();
    await Promise.all(names.filter((n) => n.startsWith(`${sha256}.`)).map((n) => utimes(join(dir, n), now, now).catch(() => {})));
  }

  /**
   * Removes entries written before `before` whose content `keep` does not want (the raw store no
   * longer has it, or a scan that was never imported), and temp files as old. Entries written
   * since are left alone: a scan running meanwhile keeps what it wrote.
   */
  async prune(keep: (sha256: string) => Promise<boolean>, before: number): Promise<number> {
    let removed = 0;
    const old = async (path: string) => ((await stat(path).catch(() => null))?.mtimeMs ?? Infinity) < before;
    const shards = await readdir(this.root).catch(() => [] as string[]);
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard) && shard !== '.tmp') continue;
      const dir = join(this.root, shard);
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const sha = name.slice(0, 64);
        if (shard !== '.tmp' && SHA_RE.test(sha) && (await keep(sha))) continue;
        if (!(await old(join(dir, name)))) continue;
        await rm(join(dir, name), { force: true }).catch(() => {});
        removed++;
      }
    }
    return removed;
  }
}

function readFully(fd: number, into: Uint8Array, position: number): number {
  let off = 0;
  while (off < into.length) {
    const n = readSync(fd, into, off, into.length - off, position + off);
    if (n === 0) break;
    off += n;
  }
  return off;
}

function writeFully(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}
