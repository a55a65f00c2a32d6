/**
 * Packaging smoke test, offline: electron-builder builds the unpacked Linux app
 * (`--linux dir`) from the built out/ with `-c.electronDist=<stand-in>`, since the Electron
 * binary cannot be downloaded here. The stand-in is what electron-builder needs from an
 * unpacked Electron: an `electron` executable (renamed to the product's), `resources/`,
 * `locales/`; ours also carries a fuse wire as Electron's has (the sentinel, version 1, nine
 * fuses at Electron's defaults), so the afterPack hook's fuses can be read back. Asserts:
 *  - the piscina worker chunk and piscina are unpacked from the asar, and the worker path the
 *    app computes (unpackedPath) exists in the unpacked app;
 *  - better-sqlite3, serialport's bindings and usb are unpacked with their linux-x64 prebuilds;
 *  - app.asar holds the app (out/main/index.js, package.json) and no source maps;
 *  - the fuses: RunAsNode, NODE_OPTIONS, --inspect off; cookie encryption, ASAR integrity,
 *    only-from-ASAR on;
 *  - the config: the four targets, entitlements, the udev rule (uaccess, ModemManager ignore,
 *    numbered below 73) and an after-install that keeps electron-builder's own steps.
 * Where the real Electron binary exists (node_modules/electron/dist), the packaged app's
 * --self-test is run; here that part is skipped with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { makeTempDir } from '../../support/core.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { unpackedPath } from '../../../src/main/core/packaged-path.ts';
import { findBuiltWorker } from '../../../src/main/core/built-worker.ts';

const BUILT = existsSync(join(REPO_ROOT, 'out', 'main', 'index.js'));
const REAL_ELECTRON = existsSync(join(REPO_ROOT, 'node_modules', 'electron', 'dist', 'electron'));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-ASAR off, V8 snapshot off, file protocol privileges on, WASM trap handlers on.
const DEFAULT_WIRE = '101100011';

function standIn(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'chrome-sandbox'), 'stand-in');
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in for Electron"\nexit 0\n'), Buffer.alloc(64), wire, Buffer.alloc(64)]));
  chmodSync(join(dir, 'electron'), 0o755);
}

describe.skipIf(!BUILT)(`packaging${BUILT ? '' : ' (skipped: run npm run build first)'}`, () => {
  let outDir: string;
  let appDir: string;
  let log: string;
  const tmp = makeTempDir('p1-package-');

  beforeAll(() => {
    const dist = join(tmp, 'electron-dist');
    standIn(dist);
    outDir = join(tmp, 'dist');
    const r = spawnSync(
      join(REPO_ROOT, 'node_modules', '.bin', 'electron-builder'),
      ['--linux', 'dir', '--x64', `-c.electronDist=${dist}`, '-c.npmRebuild=false', `-c.directories.output=${outDir}`, '--publish', 'never'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, ELECTRON_BUILDER_CACHE: join(tmp, 'cache'), CI: '1' } },
    );
    log = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${log}`);
    appDir = join(outDir, 'linux-unpacked');
  }, 300_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('unpacks the piscina worker and piscina, and the app resolves the worker there', () => {
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked');
    const chunks = readdirSync(join(unpacked, 'out', 'main', 'chunks'));
    const worker = findBuiltWorker(join(unpacked, 'out', 'main', 'chunks'));
    expect(worker, chunks.join(', ')).toBeDefined();
    // What the packaged main computes: the bundler's path inside app.asar, moved to app.asar.unpacked.
    const inAsar = join(appDir, 'resources', 'app.asar', 'out', 'main', 'chunks', worker!);
    expect(existsSync(unpackedPath(inAsar))).toBe(true);
    expect(existsSync(join(unpacked, 'node_modules', 'piscina', 'package.json'))).toBe(true);
  });

  it('unpacks the native modules with their linux-x64 prebuilds', () => {
    const nm = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(nm, 'better-sqlite3', 'prebuilds', 'linux-x64.node'))).toBe(true);
    expect(readdirSync(join(nm, '@serialport', 'bindings-cpp', 'prebuilds', 'linux-x64')).some((n) => n.endsWith('.node'))).toBe(true);
    expect(readdirSync(join(nm, 'usb', 'prebuilds', 'linux-x64')).some((n) => n.endsWith('.node'))).toBe(true);
  });

  it('app.asar holds the built app and no source maps', () => {
    const require = createRequire(import.meta.url);
    const asar = require(join(REPO_ROOT, 'node_modules', '@electron', 'asar')) as { listPackage: (p: string, o: object) => string[] };
    const files = asar.listPackage(join(appDir, 'resources', 'app.asar'), {}).map((f) => f.replaceAll('\\', '/'));
    expect(files).toContain('/out/main/index.js');
    expect(files).toContain('/out/renderer/index.html');
    expect(files).toContain('/out/report-viewer/report-viewer.js');
    expect(files).toContain('/package.json');
    expect(files.filter((f) => f.startsWith('/out/') && f.endsWith('.map'))).toEqual([]);
    expect(files.some((f) => f.startsWith('/src/') || f.startsWith('/tests/'))).toBe(false);
  });

  it('the afterPack hook flipped the fuses', async () => {
    const { getCurrentFuseWire, FuseV1Options, FuseState } = await import('@electron/fuses');
    const wire = (await getCurrentFuseWire(join(appDir, 'player1-pitchside'))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });

  it('the config: targets, entitlements, the udev rule and an after-install keeping electron-builder\'s steps', () => {
    const yml = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    for (const t of ['target: nsis', 'target: dmg', 'target: AppImage', 'target: deb', 'hardenedRuntime: true', 'afterPack: build/after-pack.mjs']) expect(yml).toContain(t);
    for (const f of ['entitlements.mac.plist', 'entitlements.mac.inherit.plist', 'icon.ico', 'icon.icns', 'icons/512x512.png']) expect(existsSync(join(REPO_ROOT, 'build', f)), f).toBe(true);
    const rule = /- build\/linux\/(\d+)-([\w-]+\.rules)=\/usr\/lib\/udev\/rules\.d\/(\d+)-[\w-]+\.rules/.exec(yml)!;
    expect(Number(rule[1])).toBeLessThan(73);
    const rules = readFileSync(join(REPO_ROOT, 'build', 'linux', `${rule[1]}-${rule[2]}`), 'utf8');
    expect(rules).toMatch(/TAG\+="uaccess"/);
    expect(rules).toMatch(/ENV\{ID_MM_DEVICE_IGNORE\}="1"/);
    const after = readFileSync(join(REPO_ROOT, 'build', 'linux', 'after-install.sh'), 'utf8');
    const theirs = readFileSync(join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'templates', 'linux', 'after-install.tpl'), 'utf8');
    expect(after.startsWith(theirs)).toBe(true);
    expect(after).toMatch(/udevadm control --reload-rules/);
    expect(after).toMatch(/udevadm trigger/);
  });

  it.skipIf(!REAL_ELECTRON)(`the packaged app passes its --self-test${REAL_ELECTRON ? '' : ' (skipped: the Electron binary is not installed here; node_modules/electron/dist is absent)'}`, () => {
    const r = spawnSync(join(appDir, 'player1-pitchside'), ['--self-test'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
});
