/**
 * Backup and restore on a real data folder (real SQLite file, real pool, the sample session
 * imported and processed), through the API as the app calls it (live-core.ts reopens the core):
 *  - a backup taken while another connection writes is consistent: the archive's database passes
 *    integrity_check and its row counts are those of one instant (a counter row kept equal to the
 *    row count in every write transaction);
 *  - a round trip gives back identical raw files and reports (sha256, computed here) and rows,
 *    the replaced data kept aside; restored into another data folder, reports are found there;
 *  - a truncated archive, a flipped byte, a missing manifest, a file that does not match the
 *    manifest, a newer schema, a foreign archive: each refused in words, the data folder unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { create, extract } from 'tar';
import type { LiveCore } from '../../../src/main/core/live-core.ts';
import { MIGRATIONS } from '../../../src/main/core/db/migrations/index.ts';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { call, dataState, populate, startLive, treeHashes } from './helpers.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let dataDir: string;
let out: string;
let live: LiveCore;
let archive: string;
let atBackup: ReturnType<typeof dataState>;

beforeAll(async () => {
  dataDir = makeTempDir('p1-backup-data-');
  out = makeTempDir('p1-backup-out-');
  live = startLive(dataDir);
  await populate(live);
}, 120_000);

afterAll(async () => {
  await live?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

/** Unpacks an archive with tar itself (not the app's reader). */
async function unpack(file: string): Promise<string> {
  const dir = makeTempDir('p1-backup-unpack-');
  await extract({ file, cwd: dir });
  return dir;
}

/** Re-packs an unpacked archive (manifest first), after `change` edits it. */
async function repack(from: string, name: string, change: (dir: string) => void): Promise<string> {
  const dir = await unpack(from);
  change(dir);
  const to = join(out, name);
  const names = ['manifest.json', ...readdirSync(dir).filter((n) => n !== 'manifest.json')].filter((n) => existsSync(join(dir, n)));
  await create({ gzip: true, cwd: dir, file: to, portable: true }, names);
  rmSync(dir, { recursive: true, force: true });
  return to;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { schemaVersion: number; files: { path: string; size: number; sha256: string }[] };

describe('backup', () => {
  it('is consistent while another connection writes: integrity_check ok, counts of one instant', async () => {
    // A second connection, as a command-line run on the same data folder would have: a table it
    // fills in transactions that each add one row and set the counter to the new row count.
    const writer = new Database(join(dataDir, 'player1.sqlite'));
    writer.pragma('busy_timeout = 5000');
    writer.exec('CREATE TABLE probe (n INTEGER PRIMARY KEY, pad BLOB); CREATE TABLE probe_total (id INTEGER PRIMARY KEY CHECK (id = 1), total INTEGER NOT NULL); INSERT INTO probe_total VALUES (1, 0);');
    const add = writer.transaction(() => {
      const n = (writer.prepare('SELECT total FROM probe_total').get() as { total: number }).total + 1;
      writer.prepare('INSERT INTO probe (n, pad) VALUES (?, randomblob(2048))').run(n);
      writer.prepare('UPDATE probe_total SET total = ?').run(n);
      return n;
    });
    // Enough pages that the copy takes many steps, with writes landing between them.
    for (let i = 0; i < 3000; i++) add();
    const before = 3000;
    let writing = true;
    let last = before;
    const loop = (async () => {
      while (writing) {
        last = add();
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const seen: string[] = [];
    const off = live.events.on('backup:progress', (p) => seen.push(p.phase));
    let r;
    try {
      r = await call(live, 'backup:create', { path: join(out, 'during-writes') });
    } finally {
      writing = false;
      await loop;
      off();
      writer.close();
    }
    expect(r.path).toBe(join(out, 'during-writes.tar.gz'));
    expect(last).toBeGreaterThan(before); // the writer did write while the backup ran
    expect(seen).toContain('database');
    expect(seen.at(-1)).toBe('done');
    const dir = await unpack(r.path);
    const db = new Database(join(dir, 'player1.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = (db.prepare('SELECT COUNT(*) AS c, MAX(n) AS m FROM probe').get() as { c: number; m: number });
      const total = (db.prepare('SELECT total FROM probe_total').get() as { total: number }).total;
      expect(rows.c).toBe(total); // one instant: the counter agrees with the rows
      expect(rows.m).toBe(total);
      expect(total).toBeGreaterThanOrEqual(before);
      expect(total).toBeLessThanOrEqual(last);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // Tidy: the probe tables are not the app's.
    const w = new Database(join(dataDir, 'player1.sqlite'));
    w.exec('DROP TABLE probe; DROP TABLE probe_total;');
    w.close();
  }, 120_000);

  it('holds the database, every raw file and report with their sha256 in the manifest, and says what it leaves out', async () => {
    atBackup = dataState(dataDir);
    const r = await call(live, 'backup:create', { path: out });
    archive = r.path;
    expect(r.path.startsWith(join(out, 'player1-backup-'))).toBe(true);
    expect(r.summary.sessions).toBe(1);
    expect(r.summary.players).toBe(5);
    expect(r.summary.rawFiles).toBe(10); // 5 units × (GPS + IMU)
    expect(r.summary.reports).toBe(1);
    expect(r.leftOut.join(' ')).toMatch(/decoded cache/);
    const dir = await unpack(r.path);
    try {
      const m = manifestOf(dir);
      expect(m.schemaVersion).toBe(MIGRATIONS.length);
      // Every file in the archive, hashed here, is listed with that hash; the raw files are the data folder's.
      const inArchive = treeHashes(dir);
      delete inArchive['manifest.json'];
      expect(Object.fromEntries(m.files.map((f) => [f.path, f.sha256]))).toEqual(inArchive);
      const raw = Object.fromEntries(Object.entries(inArchive).filter(([p]) => p.startsWith('raw/')).map(([p, h]) => [p.slice(4), h]));
      expect(raw).toEqual(atBackup.raw);
      for (const [p, h] of Object.entries(raw)) expect(p.endsWith(h)).toBe(true); // content-addressed
      expect(Object.keys(inArchive).some((p) => p.startsWith('decoded/'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('can be cancelled: nothing is saved and nothing is left behind', async () => {
    const off = live.events.on('backup:progress', () => void live.dispatch('backup:cancel', {}));
    try {
      await expect(call(live, 'backup:create', { path: join(out, 'cancelled.tar.gz') })).rejects.toThrow(/cancelled: nothing was saved/);
    } finally {
      off();
    }
    expect(readdirSync(out).filter((n) => n.includes('cancelled'))).toEqual([]);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.backup-'))).toEqual([]);
  }, 60_000);

  it('refuses to save inside the data folder or into a folder that does not exist', async () => {
    await expect(call(live, 'backup:create', { path: join(dataDir, 'b.tar.gz') })).rejects.toThrow(/outside the data folder/);
    await expect(call(live, 'backup:create', { path: join(out, 'nope', 'b.tar.gz') })).rejects.toThrow(/does not exist/);
  });
});

describe('restore refuses a bad archive and changes nothing', () => {
  let before: ReturnType<typeof dataState>;
  beforeAll(() => {
    before = dataState(dataDir);
  });
  const refusedUnchanged = async (file: string, words: RegExp) => {
    await expect(call(live, 'backup:verify', { path: file })).rejects.toThrow(words);
    expect(dataState(dataDir)).toEqual(before);
    // No unpacked leftovers in the data folder.
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  };

  it('a truncated archive', async () => {
    const b = readFileSync(archive);
    const f = join(out, 'truncated.tar.gz');
    writeFileSync(f, b.subarray(0, Math.floor(b.length * 0.6)));
    await refusedUnchanged(f, /truncated\.tar\.gz cannot be restored: the file is cut short.*Nothing was replaced/);
  });

  it('a flipped byte', async () => {
    const b = Buffer.from(readFileSync(archive));
    b[Math.floor(b.length / 2)] ^= 0x01;
    const f = join(out, 'flipped.tar.gz');
    writeFileSync(f, b);
    await refusedUnchanged(f, /flipped\.tar\.gz cannot be restored: .*damaged/);
  });

  it('a missing manifest', async () => {
    const f = await repack(archive, 'no-manifest.tar.gz', (d) => rmSync(join(d, 'manifest.json')));
    await refusedUnchanged(f, /has no manifest/);
  });

  it('a raw file that differs from its manifest entry (same size)', async () => {
    const f = await repack(archive, 'tampered.tar.gz', (d) => {
      const m = manifestOf(d);
      const raw = m.files.find((x) => x.path.startsWith('raw/'))!;
      const b = readFileSync(join(d, raw.path));
      b[0] ^= 0x20;
      writeFileSync(join(d, raw.path), b);
    });
    await refusedUnchanged(f, /raw\/.* is damaged \(its sha256 differs/);
  });

  it('a file outside the database, raw/ and reports/ (a planted decoded-cache entry, a -wal), even listed with its sha256', async () => {
    for (const [name, planted] of [
      ['planted-decoded.tar.gz', `decoded/${'a'.repeat(64)}`],
      ['planted-wal.tar.gz', 'player1.sqlite-wal'],
    ] as const) {
      const f = await repack(archive, name, (d) => {
        const body = Buffer.from('planted by a crafted archive');
        mkdirSync(join(d, planted, '..'), { recursive: true });
        writeFileSync(join(d, planted), body);
        const m = manifestOf(d);
        m.files.push({ path: planted, size: body.length, sha256: sha(body) });
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      });
      await refusedUnchanged(f, new RegExp(`it holds ${planted.replace('.', '\\.')}, which a Player1 Pitchside backup never does`));
    }
  });

  it('a database from a newer version of the app', async () => {
    const f = await repack(archive, 'newer.tar.gz', (d) => {
      const db = new Database(join(d, 'player1.sqlite'));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(MIGRATIONS.length + 1, 'from-the-future', 0);
      db.pragma('journal_mode = DELETE');
      db.close();
      const m = manifestOf(d);
      const e = m.files.find((x) => x.path === 'player1.sqlite')!;
      const bytes = readFileSync(join(d, 'player1.sqlite'));
      e.size = bytes.length;
      e.sha256 = sha(bytes);
      m.schemaVersion = MIGRATIONS.length + 1;
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    });
    await refusedUnchanged(f, new RegExp(`made by a newer version .*schema ${MIGRATIONS.length + 1}; this app knows up to ${MIGRATIONS.length}.*update the app`));
  });

  it('an archive of something else, and a file that is no archive', async () => {
    const other = makeTempDir('p1-backup-other-');
    writeFileSync(join(other, 'notes.txt'), 'hello');
    const f = join(out, 'other.tar.gz');
    await create({ gzip: true, cwd: other, file: f }, ['notes.txt']);
    rmSync(other, { recursive: true, force: true });
    await refusedUnchanged(f, /has no manifest, so it is not a Player1 Pitchside backup/);
    const g = join(out, 'photo.tar.gz');
    writeFileSync(g, Buffer.from('\x89PNG\r\n\x1a\n not an archive at all'));
    await refusedUnchanged(g, /not a Player1 Pitchside backup \(not a \.tar\.gz archive\)/);
    await refusedUnchanged(join(out, 'missing.tar.gz'), /there is no such file/);
  });
});

describe('restore', () => {
  it('gives back the backed-up data exactly (rows, raw files and reports by sha256), keeping what it replaced', async () => {
    // Changes after the backup: a second session, a renamed player.
    const p = (await call(live, 'players:list'))[0];
    await call(live, 'players:update', { id: p.id, name: 'Renamed After Backup' });
    await call(live, 'sessions:create', { name: 'After the backup', startMs: Date.UTC(2026, 3, 1, 10), endMs: Date.UTC(2026, 3, 1, 11) });
    const changed = dataState(dataDir);
    expect(changed).not.toEqual(atBackup);
    const oldCore = live.core;

    const v = await call(live, 'backup:verify', { path: archive });
    expect(v.summary.sessions).toBe(1);
    expect(v.current.sessions).toBe(2);
    expect(dataState(dataDir)).toEqual(changed); // verifying replaces nothing
    const r = await call(live, 'backup:restore', { token: v.token });

    expect(live.core).not.toBe(oldCore); // the database was closed and opened again
    expect(dataState(dataDir)).toEqual(atBackup);
    // The app answers from the restored data.
    expect((await call(live, 'sessions:list')).map((s) => s.name)).toEqual(['Tuesday training']);
    expect((await call(live, 'players:list')).map((x) => x.name)).not.toContain('Renamed After Backup');
    const s = (await call(live, 'sessions:list'))[0];
    const rep = await call(live, 'reports:get', { sessionId: s.id });
    expect(existsSync(rep.path)).toBe(true);
    // What was replaced is kept, whole, in a dated folder.
    expect(r.previousDataAt).toMatch(/before-restore-\d{4}-\d{2}-\d{2}T/);
    expect(dataState(r.previousDataAt!)).toEqual(changed);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-') || n === 'restore-journal.json')).toEqual([]);
    const info = await call(live, 'backup:info');
    expect(info.previous.map((x) => x.path)).toEqual([r.previousDataAt]);
    // The restored data processes again.
    await call(live, 'jobs:start', { sessionId: s.id });
    await live.core.jobs.whenIdle(s.id);
    expect((await call(live, 'sessions:get', { id: s.id })).processingStatus).toBe('COMPLETED');
  }, 120_000);

  it('into another data folder (another laptop): the reports are found under it', async () => {
    const other = makeTempDir('p1-backup-laptop2-');
    const live2 = startLive(other);
    try {
      const v = await call(live2, 'backup:verify', { path: archive });
      await call(live2, 'backup:restore', { token: v.token });
      const s = (await call(live2, 'sessions:list'))[0];
      const rep = await call(live2, 'reports:get', { sessionId: s.id });
      expect(rep.path.startsWith(join(other, 'reports'))).toBe(true);
      expect(treeHashes(join(other, 'raw'))).toEqual(atBackup.raw);
      expect(treeHashes(join(other, 'reports'))).toEqual(atBackup.reports);
    } finally {
      await live2.close();
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('is refused while another program has the database open, and the app goes on with its data', async () => {
    const before = dataState(dataDir);
    const v = await call(live, 'backup:verify', { path: archive });
    // A command-line run on the same data folder: its connection keeps the WAL file.
    const other = new Database(join(dataDir, 'player1.sqlite'));
    try {
      other.exec('CREATE TABLE IF NOT EXISTS cli_probe (x); INSERT INTO cli_probe VALUES (1); DROP TABLE cli_probe;');
      await expect(call(live, 'backup:restore', { token: v.token })).rejects.toThrow(/another Player1 program .* has the database open.*Your data is as it was/);
    } finally {
      other.close();
    }
    expect(dataState(dataDir)).toEqual(before);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-') || n === 'restore-journal.json')).toEqual([]);
    expect((await call(live, 'sessions:list')).length).toBe(before.rows.sessions.length);
  }, 60_000);

  it('needs a token from a verification, and is refused from a core that cannot reopen', async () => {
    await expect(call(live, 'backup:restore', { token: 'nope' })).rejects.toThrow(/choose it again/);
    // A core without a host to reopen it (the command line) verifies but does not replace.
    const plain = startTestCore();
    try {
      const v = await plain.call('backup:verify', { path: archive });
      await expect(plain.call('backup:restore', { token: v.token })).rejects.toThrow(/needs the app/);
      expect(await plain.call('sessions:list')).toEqual([]);
    } finally {
      await plain.close();
    }
  }, 60_000);
});
