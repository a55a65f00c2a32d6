/**
 * exports:open, the Export panel's "Open folder": the core opens a folder through the host's
 * opener (Electron: shell.openPath) only when this app exported into that folder, and refuses any
 * other path with a clear error before the opener is called. The opener is injected here (a host
 * adapter that records what it was asked to open); the rest is the real core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { startTestCore, makeTempDir, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';

const START = SAMPLE_OPTIONS.startMs;

async function sessionWithUnits(t: TestCore): Promise<string> {
  const s = await t.call('sessions:create', { name: 'Open check', startMs: START, endMs: START + SAMPLE_OPTIONS.minutes * 60_000 });
  await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
  return s.id;
}

describe('exports:open with a host that can open folders', () => {
  let t: TestCore;
  let sessionId: string;
  const opened: string[] = [];
  let failNext: string | null = null;
  const scratch = makeTempDir('p1-open-');

  beforeAll(async () => {
    t = startTestCore({
      host: {
        kind: 'cli',
        // As Electron's main does with shell.openPath: a non-empty answer is a failure, thrown.
        openPath: async (p) => {
          if (failNext) {
            const why = failNext;
            failNext = null;
            throw new Error(why);
          }
          opened.push(p);
        },
      },
    });
    sessionId = await sessionWithUnits(t);
  });
  afterAll(async () => {
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('offers to open the folder it saved into, and opens exactly that folder', async () => {
    const folder = join(scratch, 'exports');
    const r = await t.call('exports:save', { sessionId, folder, kinds: ['metadata'] });
    expect(r.folder).toBe(folder);
    expect(r.canOpen).toBe(true);
    expect(readdirSync(folder)).toEqual(['player1data_session_metadata.csv']);
    expect(opened).toEqual([]);
    expect(await t.call('exports:open', { path: folder })).toEqual({ opened: true });
    expect(opened).toEqual([folder]);
    // The same folder written another way (a trailing separator, a detour through its parent) is the same folder.
    expect(await t.call('exports:open', { path: `${folder}${sep}` })).toEqual({ opened: true });
    expect(await t.call('exports:open', { path: `${folder}${sep}..${sep}exports` })).toEqual({ opened: true });
    expect(opened).toEqual([folder, folder, folder]);
  });

  it('says which files replaced one of the same name: its own earlier export, or another session of the same name and day', async () => {
    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const folder = join(scratch, 'twice');
    const first = await t.call('exports:save', { sessionId, folder, kinds: ['csv', 'metadata'] });
    expect(first.files.map((f) => [f.kind, f.replaced])).toEqual([['csv', false], ['metadata', false]]);
    const again = await t.call('exports:save', { sessionId, folder, kinds: ['csv', 'metadata'] });
    expect(again.files.map((f) => [f.kind, f.replaced])).toEqual([['csv', true], ['metadata', true]]);
    // An afternoon session of the same name on the same day writes the same file names.
    const pm = await sessionWithUnits(t);
    await t.call('jobs:start', { sessionId: pm });
    await t.core.jobs.whenIdle(pm);
    const other = await t.call('exports:save', { sessionId: pm, folder, kinds: ['csv'] });
    expect(other.files[0].path).toBe(first.files[0].path);
    expect(other.files[0].replaced).toBe(true);
    // A new folder: nothing replaced. A kind asked twice is written once.
    expect((await t.call('exports:save', { sessionId: pm, folder: join(scratch, 'fresh'), kinds: ['csv'] })).files[0].replaced).toBe(false);
    const twice = await t.call('exports:save', { sessionId: pm, folder: join(scratch, 'twice-asked'), kinds: ['csv', 'csv'] });
    expect(twice.files.map((f) => [f.kind, f.replaced])).toEqual([['csv', false]]);
  });

  it('refuses every folder it did not export into, with a clear error, and never calls the opener', async () => {
    const exportedInto = join(scratch, 'exports');
    const inside = join(exportedInto, 'deeper');
    mkdirSync(inside, { recursive: true });
    const sibling = join(scratch, 'elsewhere');
    mkdirSync(sibling);
    const before = opened.length;
    for (const path of [scratch, inside, sibling, t.dataDir, resolve('/'), join(exportedInto, 'player1data_session_metadata.csv'), `${exportedInto}-other`]) {
      const r = await t.raw('exports:open', { path });
      expect(r.ok, path).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toBe('only a folder this app exported into can be opened from here');
    }
    expect(opened.length).toBe(before);
  });

  it('a second export into another folder makes that one openable too; the first stays openable', async () => {
    const second = join(scratch, 'second');
    expect((await t.raw('exports:open', { path: second })).ok).toBe(false);
    await t.call('exports:save', { sessionId, folder: second, kinds: ['metadata'] });
    opened.length = 0;
    await t.call('exports:open', { path: second });
    await t.call('exports:open', { path: join(scratch, 'exports') });
    expect(opened).toEqual([second, join(scratch, 'exports')]);
  });

  it("passes on the opener's own failure (the file manager's message)", async () => {
    failNext = 'Failed to open path: no file manager';
    const r = await t.raw('exports:open', { path: join(scratch, 'exports') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('Failed to open path: no file manager');
  });

  it('a failed export does not make its folder openable', async () => {
    const file = join(scratch, 'exports', 'player1data_session_metadata.csv');
    // A file where the folder should be: the export fails, and the path stays refused.
    const r = await t.raw('exports:save', { sessionId, folder: file, kinds: ['metadata'] });
    expect(r.ok).toBe(false);
    const o = await t.raw('exports:open', { path: file });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.code).toBe('VALIDATION');
  });
});

describe('exports:open with a host that cannot open folders (a browser)', () => {
  let t: TestCore;
  const scratch = makeTempDir('p1-open-none-');
  beforeAll(() => {
    t = startTestCore({ host: { kind: 'bridge' } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('does not offer it, answers opened: false for an exported folder, and still refuses others', async () => {
    const sessionId = await sessionWithUnits(t);
    const folder = join(scratch, 'out');
    const r = await t.call('exports:save', { sessionId, folder, kinds: ['metadata'] });
    expect(r.canOpen).toBe(false);
    expect(await t.call('exports:open', { path: folder })).toEqual({ opened: false });
    const other = await t.raw('exports:open', { path: scratch });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('VALIDATION');
  });
});
