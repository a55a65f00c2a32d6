/**
 * What `electron-vite build` produced (npm test builds before it tests): the shape the packaged
 * app relies on, and the rules of ARCHITECTURE.md that only show in the bundle.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared-data.ts';
import { findBuiltWorker } from '../../src/main/core/built-worker.ts';

const OUT = join(REPO_ROOT, 'out');
const BUILT = existsSync(join(OUT, 'main', 'index.js'));

describe.skipIf(!BUILT)(`electron-vite build output${BUILT ? '' : ' (skipped: run npm run build first)'}`, () => {
  it('the preload is one CommonJS file that requires nothing but electron', () => {
    const pre = readFileSync(join(OUT, 'preload', 'index.cjs'), 'utf8');
    const requires = [...pre.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(pre).not.toMatch(/^\s*import\s/m);
    expect(pre).toContain('exposeInMainWorld');
    expect(pre).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('the main bundle never starts the dev bridge', () => {
    const files = readdirSync(join(OUT, 'main'), { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
    for (const f of files) {
      const js = readFileSync(join(OUT, 'main', f), 'utf8');
      expect(js, f).not.toContain('WebSocketServer');
      expect(js, f).not.toContain('bridgeToken');
    }
  });

  it('the worker is a separate chunk found through ?modulePath, for the app and the bundled CLI', () => {
    const chunks = readdirSync(join(OUT, 'main', 'chunks'));
    const worker = findBuiltWorker(join(OUT, 'main', 'chunks'));
    expect(worker).toBeDefined();
    const all = ['index.js', 'cli.js', ...chunks.map((c) => join('chunks', c))].map((f) => readFileSync(join(OUT, 'main', f), 'utf8')).join('\n');
    expect(all).toContain(worker!);
    // both entries reach the code that resolves it
    for (const entry of ['index.js', 'cli.js']) expect(readFileSync(join(OUT, 'main', entry), 'utf8')).toMatch(/process_player_task_default/);
    // The import scan runs the worker's named task 'scanFile' (piscina's name option): it must survive bundling.
    expect(readFileSync(join(OUT, 'main', 'chunks', worker!), 'utf8')).toMatch(/export\s*\{[^}]*\bscanFile\b[^}]*\}/);
  });

  it('the reference central server (src/server) is in none of the app\'s or the CLI\'s bundles', () => {
    const dir = join(OUT, 'main');
    const files = ['index.js', 'cli.js', ...readdirSync(join(dir, 'chunks')).map((c) => join('chunks', c))];
    for (const f of files) {
      const js = readFileSync(join(dir, f), 'utf8');
      // Strings only the server has: its fault hook, its migration table of teams, its web page.
      expect(js, f).not.toContain('FAULT-PAUSE');
      expect(js, f).not.toContain('CREATE TABLE teams');
      expect(js, f).not.toContain('synced sessions</h1>');
    }
    // The client side of the same protocol is there.
    expect(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')).toContain('/v1/session-bundles');
  });

  it('windows are sandboxed and context-isolated, without Node', () => {
    const main = readFileSync(join(OUT, 'main', 'index.js'), 'utf8');
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
  });

  it('the report viewer is a single classic script', () => {
    const v = readFileSync(join(OUT, 'report-viewer', 'report-viewer.js'), 'utf8');
    expect(v).not.toMatch(/^\s*import[\s{]/m);
    expect(v).not.toMatch(/\bimport\(/);
    // It carries no validation library: the settings schema (zod, ~100 kB in this bundle) reaches it only
    // through a value import of the metric catalogue, which every report would then carry and parse.
    expect(v).not.toMatch(/ZodError|\$ZodType/);
  });
});
