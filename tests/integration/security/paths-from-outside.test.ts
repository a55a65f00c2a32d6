/**
 * Paths from outside never leave their folder:
 *  - a meta.csv whose device_id is ".." must not make the CLI read the gps.csv one folder up
 *    (before: it did, and processed it as that unit's data);
 *  - a unit that reports its id as ".." over a real pty must not write its download (part file,
 *    journal) one folder above downloads/ (before: <dataDir>/1.part).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeTempDir } from '../../support/core.ts';
import { SAMPLE_DIR } from '../../support/sample.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { player1Driver } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import { makeScenario } from '../../../src/main/core/devices/sim/scenario.ts';
import { driverContext, hasSocat, plugSimUnit, sha256, SKIP_REASON } from '../devices/helpers.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out;
}

describe('paths from outside', () => {
  it('meta.csv device_id ".." is refused naming the file and line; ../gps.csv is never read', () => {
    const root = makeTempDir();
    // A valid unit's data one folder above the session folder: what ".." would reach.
    cpSync(join(SAMPLE_DIR, 'P1-1001', 'gps.csv'), join(root, 'gps.csv'));
    const session = join(root, 'session');
    mkdirSync(session);
    cpSync(join(SAMPLE_DIR, 'P1-1002'), join(session, 'P1-1002'), { recursive: true });
    writeFileSync(join(session, 'meta.csv'), 'device_id,player_name,position\nP1-1002,Ann Lee,CM\n..,Up Above,CB\n');
    const before = statSync(join(root, 'gps.csv')).atimeMs;
    const r = spawnSync(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), 'process', session, '--out', join(root, 'out.html')], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/meta\.csv/);
    expect(r.stderr).toMatch(/line 3/);
    expect(r.stderr).toMatch(/device_id "\.\." cannot name a unit folder: "\.\." would leave its folder/);
    expect(readdirSync(root).sort()).toEqual(['gps.csv', 'session']); // no report written
    expect(statSync(join(root, 'gps.csv')).atimeMs).toBe(before);
  });

  it.skipIf(!hasSocat)(`a unit reporting its id as ".." downloads under downloads/, never above it${hasSocat ? '' : ` (skipped: ${SKIP_REASON})`}`, async () => {
    const spec = { ...makeScenario({ units: 1, sessionStartMs: Date.UTC(2026, 5, 1, 10), bytesPerRecording: 1024 * 1024, seed: 'dotdot' })[0], unitId: '..' };
    const root = makeTempDir();
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    const ctx = driverContext(dataDir);
    const plug = await plugSimUnit(spec, { disconnectAfterBytes: 400 * 1024 }); // drops out mid-way: part file and journal stay
    cleanup.push(plug.unplug);
    const unit = (await player1Driver.probe!({ path: plug.hostPath, vendorId: '1209', productId: '5031' }, ctx))!;
    expect(unit.unitId).toBe('..');
    await player1Driver.download!(unit, { signal: new AbortController().signal, onProgress: () => {} }, ctx).catch(() => null);
    const files = allFiles(root).map((p) => relative(root, p));
    expect(readdirSync(root)).toEqual(['data']);
    // Everything the download wrote is in the store or under downloads/<made-safe id>/.
    for (const f of files) expect(f, f).toMatch(/^data\/(raw\/|downloads\/_\.\._\/)/);
    expect(files.some((f) => f.startsWith('data/downloads/_.._/'))).toBe(true);
    // The recording that landed whole is the unit's bytes.
    const stored = files.filter((f) => /^data\/raw\/[0-9a-f]{2}\//.test(f));
    const expected = new Set(spec.recordings.map((rec) => sha256(rec.bytes)));
    for (const s of stored) expect(expected.has(s.split('/').pop()!)).toBe(true);
  });
});
