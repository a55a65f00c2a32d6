/**
 * Builds the report viewer as one classic script (IIFE, no imports, no CSS file) that the core
 * inlines into every report.html, so a report is a single self-contained offline file.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve('out/report-viewer'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: resolve('src/renderer/report/main.tsx'),
      formats: ['iife'],
      name: 'Player1ReportViewer',
      fileName: () => 'report-viewer.js',
    },
  },
});
