import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { MAX_DEPTH, walkPaths } from '../../../src/main/core/imports/scan-walk.ts';
import { makeTempDir } from '../../support/core.ts';

const root = makeTempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(base: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(base, rel, '..'), { recursive: true });
    writeFileSync(join(base, rel), text);
  }
  return base;
}

describe('walkPaths', () => {
  it('names files from the chosen folder, sorted; a subfolder is a folder per unit, the top is not', async () => {
    const dir = tree(join(root, 'kit'), { 'b.fit': 'x', 'a.gpx': 'x', 'watch-7/run.fit': 'x', '.hidden/x.fit': 'x', '.DS_Store': 'x' });
    const w = await walkPaths([dir], null);
    expect(w.candidates.map((c) => [c.sourceName, c.parentName, c.inUnitFolder, c.explicit])).toEqual([
      ['kit/a.gpx', 'kit', false, false],
      ['kit/b.fit', 'kit', false, false],
      ['kit/watch-7/run.fit', 'watch-7', true, false],
    ]);
  });

  it('a Player1 layout: meta.csv names the <device_id>/ folders beside it and is listed as metadata', async () => {
    const dir = tree(join(root, 'session'), {
      'meta.csv': 'device_id,player_name,position\nP1-1,Ann,GK\nP1-2,Bo,CB\n',
      'P1-1/gps.csv': 'x',
      'P1-1/imu.csv': 'x',
      'P1-2/gps.csv': 'x',
      'P1-3/gps.csv': 'x',
    });
    const w = await walkPaths([dir], null);
    expect(w.layouts).toEqual([{ folder: 'session', metaFile: 'meta.csv', units: 2 }]);
    expect(w.skipped).toEqual([{ sourceName: 'session/meta.csv', path: join(dir, 'meta.csv'), reason: 'Player1 layout metadata: names the players of 2 unit(s)' }]);
    const layout = Object.fromEntries(w.candidates.map((c) => [c.sourceName, c.layout && [c.layout.deviceId, c.layout.playerName, c.layout.position]]));
    expect(layout).toEqual({
      'session/P1-1/gps.csv': ['P1-1', 'Ann', 'GK'],
      'session/P1-1/imu.csv': ['P1-1', 'Ann', 'GK'],
      'session/P1-2/gps.csv': ['P1-2', 'Bo', 'CB'],
      'session/P1-3/gps.csv': null,
    });
  });

  it("a meta.csv saved by Excel as Windows-1252: the names read right, with a warning", async () => {
    const dir = join(root, 'excel');
    mkdirSync(join(dir, 'P1-1'), { recursive: true });
    // "José Núñez" in Windows-1252: é = 0xE9, ú = 0xFA, ñ = 0xF1 (not valid UTF-8).
    writeFileSync(join(dir, 'meta.csv'), Buffer.concat([Buffer.from('device_id,player_name\nP1-1,Jos'), Buffer.from([0xe9]), Buffer.from(' N'), Buffer.from([0xfa, 0xf1]), Buffer.from('ez\n')]));
    writeFileSync(join(dir, 'P1-1', 'gps.csv'), 'x');
    const w = await walkPaths([dir], null);
    expect(w.candidates[0].layout?.playerName).toBe('José Núñez');
    expect(w.warnings).toEqual(["excel/meta.csv is not UTF-8: read as Windows-1252 (Excel's \"CSV\"); check the player names"]);
  });

  it('a broken meta.csv is a warning naming its line, and the files are still scanned', async () => {
    const dir = tree(join(root, 'broken'), { 'meta.csv': 'device_id,player_name\nP1-1,\n', 'P1-1/gps.csv': 'x' });
    const w = await walkPaths([dir], null);
    expect(w.warnings[0]).toMatch(/meta\.csv line 2: player_name is empty/);
    expect(w.candidates.map((c) => [c.sourceName, c.layout])).toEqual([['broken/P1-1/gps.csv', null]]);
  });

  it('a chosen file is explicit; a missing path is reported; a path given twice is scanned once', async () => {
    const dir = tree(join(root, 'loose'), { 'x.tcx': 'x' });
    const w = await walkPaths([join(dir, 'x.tcx'), join(dir, 'nope.fit'), dir], null);
    expect(w.candidates.map((c) => [c.sourceName, c.explicit])).toEqual([['x.tcx', true]]);
    expect(w.missing).toEqual([join(dir, 'nope.fit')]);
  });

  it('symbolic links are listed, not followed; folders deeper than the limit are not walked', async () => {
    const dir = tree(join(root, 'deep'), { [`${Array.from({ length: MAX_DEPTH + 1 }, (_, i) => `d${i}`).join('/')}/x.fit`]: 'x', 'ok.fit': 'x' });
    symlinkSync(join(dir, 'ok.fit'), join(dir, 'link.fit'));
    const w = await walkPaths([dir], null);
    expect(w.candidates.map((c) => c.sourceName)).toEqual(['deep/ok.fit']);
    expect(w.skipped.map((s) => s.sourceName)).toEqual(['deep/link.fit']);
    expect(w.warnings.some((x) => x.includes(`deeper than ${MAX_DEPTH} folders`))).toBe(true);
  });

  it('an upload batch: its own name is not shown, its top-level files were chosen one by one', async () => {
    const staging = join(root, 'staging');
    const batch = tree(join(staging, '0f8fad5b-d9cb-469f-a165-70867728950e'), { 'run.fit': 'x', 'team/meta.csv': 'device_id,player_name\nA1,Al\n', 'team/A1/gps.csv': 'x' });
    const w = await walkPaths([batch], staging);
    expect(w.candidates.map((c) => [c.sourceName, c.parentName, c.inUnitFolder, c.explicit, c.layout?.playerName ?? null])).toEqual([
      ['run.fit', null, false, true, null],
      ['team/A1/gps.csv', 'A1', true, false, 'Al'],
    ]);
    // Anything else inside the staging area is not scanned.
    const inside = await walkPaths([join(batch, 'team')], staging);
    expect(inside.candidates).toEqual([]);
    expect(inside.warnings[0]).toMatch(/not an upload batch/);
  });

  it("an upload batch's hidden top-level entries were chosen: scanned; inside folders hidden clutter stays out", async () => {
    const staging = join(root, 'staging2');
    const batch = tree(join(staging, '1f8fad5b-d9cb-469f-a165-70867728950e'), { '.garmin.p1': 'x', '.sd/unit.p1': 'x', '.sd/.DS_Store': 'x' });
    const w = await walkPaths([batch], staging);
    expect(w.candidates.map((c) => [c.sourceName, c.explicit])).toEqual([
      ['.garmin.p1', true],
      ['.sd/unit.p1', false],
    ]);
  });

  it('a named pipe (or socket, device) in a folder is listed as not a regular file, never read', async () => {
    const dir = tree(join(root, 'pipes'), { 'a.gpx': 'x' });
    execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
    const w = await walkPaths([dir], null);
    expect(w.candidates.map((c) => c.sourceName)).toEqual(['pipes/a.gpx']);
    expect(w.skipped).toEqual([{ sourceName: 'pipes/fifo.csv', path: join(dir, 'fifo.csv'), reason: 'not a regular file (a pipe, socket or device): not read' }]);
  });
});
