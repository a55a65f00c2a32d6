/**
 * What a crash leaves, tidied at start-up: temp files of writers that are gone (never a live
 * writer's), raw-store files no row refers to (past the grace period only), the CLI's temporary
 * data dirs of killed runs. And the atomic writes leave nothing behind when they fail.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { copyFileAtomic, parseTempName, tempNameFor, writeFileAtomic } from '../../../src/main/core/util/atomic-write.ts';
import { sweepOrphanRawFiles, sweepTempFiles } from '../../../src/main/core/store/startup-sweep.ts';
import { markTempDataDir, sweepStaleCliDirs } from '../../../src/main/cli/temp-data-dir.ts';
import { RawStore } from '../../../src/main/core/store/raw-store.ts';

/** A pid that surely belongs to no process now: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('atomic writes', () => {
  it('temp names carry the writer pid and are recognised', () => {
    const name = tempNameFor('/x/report.html').split('/').pop()!;
    expect(parseTempName(name)).toEqual({ pid: process.pid });
    expect(parseTempName('.report.html.0123456789ab.tmp')).toEqual({ pid: null });
    expect(parseTempName('report.html')).toBeNull();
  });

  it('write and copy replace the target whole and leave no temp file', () => {
    const dir = makeTempDir();
    writeFileAtomic(join(dir, 'a.txt'), 'old');
    writeFileAtomic(join(dir, 'a.txt'), 'new');
    copyFileAtomic(join(dir, 'a.txt'), join(dir, 'out', 'b.txt'));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'out', 'b.txt'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'out']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['b.txt']);
  });

  it('a failed write (the target is a folder) leaves the folder as it was, no temp file', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'taken'));
    expect(() => writeFileAtomic(join(dir, 'taken'), 'x')).toThrow();
    expect(() => copyFileAtomic(join(dir, 'missing'), join(dir, 'b'))).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('start-up sweep', () => {
  it('removes temp files of dead writers, keeps a live writer\'s and every real file', () => {
    const dataDir = makeTempDir();
    const reports = join(dataDir, 'reports', 's1');
    mkdirSync(reports, { recursive: true });
    mkdirSync(join(dataDir, 'raw', '.tmp'), { recursive: true });
    const dead = deadPid();
    const files = {
      deadReport: join(reports, `.report.html.${dead}-0123456789ab.tmp`),
      liveReport: join(reports, `.report.html.${process.pid}-0123456789ab.tmp`),
      report: join(reports, 'report.html'),
      deadRaw: join(dataDir, 'raw', '.tmp', `1700000000000-${dead}-0123456789ab.tmp`),
      liveRaw: join(dataDir, 'raw', '.tmp', `1700000000000-${process.pid}-0123456789ab.tmp`),
      oldLegacy: join(reports, '.report.html.aaaaaaaaaaaa.tmp'),
      newLegacy: join(reports, '.report.html.bbbbbbbbbbbb.tmp'),
    };
    for (const f of Object.values(files)) writeFileSync(f, 'x');
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(files.oldLegacy, twoHoursAgo, twoHoursAgo);
    const removed = sweepTempFiles(dataDir);
    expect(removed.sort()).toEqual([files.deadReport, files.deadRaw, files.oldLegacy].sort());
    for (const k of ['liveReport', 'report', 'liveRaw', 'newLegacy'] as const) expect(existsSync(files[k]), k).toBe(true);
  });

  it('removes raw files no row refers to once past the grace period; keeps linked and young ones', async () => {
    const t = startTestCore();
    try {
      const store = new RawStore(join(t.dataDir, 'raw'));
      const linked = await store.put(new TextEncoder().encode('linked'));
      t.core.ctx.db.prepare('INSERT INTO raw_files (sha256, size, stored_at) VALUES (?, ?, ?)').run(linked.sha256, linked.size, 1);
      const oldOrphan = await store.put(new TextEncoder().encode('old orphan'));
      const youngOrphan = await store.put(new TextEncoder().encode('young orphan'));
      const dayAgo = (Date.now() - 25 * 3600_000) / 1000;
      utimesSync(oldOrphan.path, dayAgo, dayAgo);
      utimesSync(linked.path, dayAgo, dayAgo);
      const r = await sweepOrphanRawFiles(t.core.ctx.db, store.root);
      expect(r.removed.map((o) => o.sha256)).toEqual([oldOrphan.sha256]);
      expect(r.kept.map((o) => o.sha256)).toEqual([youngOrphan.sha256]);
      expect(existsSync(linked.path)).toBe(true);
      expect(existsSync(oldOrphan.path)).toBe(false);
      expect(existsSync(youngOrphan.path)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('the CLI removes temporary data dirs of killed runs, never a live run\'s', () => {
    const tmp = makeTempDir();
    const mk = (name: string, pid: number | null) => {
      mkdirSync(join(tmp, name));
      writeFileSync(join(tmp, name, 'player1.sqlite'), 'x');
      if (pid != null) writeFileSync(join(tmp, name, 'owner.pid'), `${pid}\n`);
    };
    mk('player1-cli-dead', deadPid());
    mk('player1-cli-unowned', null);
    mkdirSync(join(tmp, 'player1-cli-live'));
    markTempDataDir(join(tmp, 'player1-cli-live'));
    mk('other-app', deadPid());
    expect(sweepStaleCliDirs(tmp)).toEqual([join(tmp, 'player1-cli-dead')]);
    expect(readdirSync(tmp).sort()).toEqual(['other-app', 'player1-cli-live', 'player1-cli-unowned']);
  });
});
