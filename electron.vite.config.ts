import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // index: the Electron main process; cli: the bundled `player1` command (bin/player1.js).
      rollupOptions: { input: { index: resolve('src/main/index.ts'), cli: resolve('src/main/cli/bundle-entry.ts') } },
    },
  },
  preload: {
    build: {
      // The preload runs sandboxed: it must be one CommonJS file that requires nothing but electron.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
