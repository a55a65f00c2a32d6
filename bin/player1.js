#!/usr/bin/env node
// `player1` command line: the same core as the app, no UI.
// It runs the bundled CLI (out/main/cli.js, made by `npm run build`) when that is at least as new
// as every source file, and the TypeScript sources directly otherwise (Node >= 22.18 strips
// types natively), so an edit is never hidden by a stale bundle. P1_CLI_FROM_SOURCE=1 forces the
// sources. `npx player1` and `npm run` use the Node 22 of the `node` devDependency; run directly
// (./bin/player1.js, or `player1` after `npm link`) under an older Node it re-runs itself under that one.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  // An older `node` on the PATH (run as ./bin/player1.js, or `player1` after `npm link`): run
  // again under the project's Node 22 (the `node` devDependency), without npx's ~1 s of npm.
  const { spawnSync } = await import('node:child_process');
  const { existsSync: exists } = await import('node:fs');
  const { fileURLToPath: toPath } = await import('node:url');
  const node22 = toPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (exists(node22)) {
    const r = spawnSync(node22, [toPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    if (r.signal) process.kill(process.pid, r.signal);
    process.exit(r.status ?? 1);
  }
  console.error(
    `player1 needs Node.js 22.18 or newer (this is ${process.version}). ` +
      "Run it through npx or npm run, which use the project's Node 22.",
  );
  process.exit(2);
}

// V8's compiled code for our modules and their dependencies, kept on disk between runs (in the
// system temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off): a command starts ~40 ms sooner.
nodeModule.enableCompileCache?.();

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'main', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// The reference central server (src/server) is never bundled: it runs from the sources.
if (process.argv[2] === 'server') {
  const { serverMain } = await import('../src/server/main.ts');
  process.exitCode = await serverMain(process.argv.slice(3));
  // The pool and listener are closed; stop here rather than fall through to the desktop CLI.
  process.exit();
}

const useBundle =
  process.env.P1_CLI_FROM_SOURCE !== '1' && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, 'src'));

if (useBundle) {
  await import(bundle);
} else {
  const { main } = await import('../src/main/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
