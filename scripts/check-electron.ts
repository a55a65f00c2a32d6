/**
 * Before `npm start` / `npm run dev`: is the Electron binary there? Without it electron-vite dies
 * with a stack trace ("Electron uninstall"); this says what is missing and how to get it instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'node_modules', 'electron');
const pathFile = join(pkg, 'path.txt');
const binary = existsSync(pathFile) ? join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
if (!binary || !existsSync(binary)) {
  process.stderr.write(
    [
      'The Electron binary is missing (node_modules/electron/dist), so the desktop app cannot start.',
      'Get it (needs the network, ~100 MB):  node node_modules/electron/install.js',
      'Behind a proxy or offline: set ELECTRON_MIRROR or copy an electron-v45 zip into ~/.cache/electron, then run the line above.',
      'Meanwhile the same app runs in your browser:  npm run dev:web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
