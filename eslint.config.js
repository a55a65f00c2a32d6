// ESLint flat config. Besides style, it enforces the process boundaries of ARCHITECTURE.md:
//   - src/main/core and src/main/workers never import electron (they run under plain Node);
//   - src/renderer never imports src/main (it talks to the core only through the contract);
//   - src/shared imports neither Node built-ins nor the DOM (it is loaded everywhere).
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'stream', 'stream/*',
  'events', 'net', 'http', 'https', 'url', 'util', 'zlib', 'buffer', 'process', 'readline', 'tty', 'dgram',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'resources/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/main/core/**', 'src/main/workers/**', 'src/main/cli/**', 'src/main/devbridge/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The core runs under plain Node: electron belongs in src/main/electron or src/main/index.ts.' }],
        patterns: [
          { group: ['**/electron/**', '**/main/index*'], message: 'The core must not reach into the Electron adapter.' },
          { group: ['**/src/server/**', '../../server/**', '../../../server/**'], message: 'src/server is the central server: it is never part of the desktop app.' },
        ],
      }],
    },
  },
  {
    // The reference central server: plain Node on PostgreSQL, sharing only src/shared (the bundle schema).
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The central server runs under plain Node.' }],
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The central server shares only src/shared with the app.' }],
      }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the core only through window.player1.' }],
        patterns: [
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer cannot import src/main or src/preload: use the contract in src/shared.' },
          { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'src/shared is pure TypeScript.' }, { name: 'react', message: 'src/shared is pure TypeScript.' }],
        patterns: [
          { group: nodeBuiltins, message: 'src/shared is loaded by main, preload and renderer: no Node built-ins.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared depends on nothing but itself and zod.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/shared cannot use the DOM.' },
        { name: 'document', message: 'src/shared cannot use the DOM.' },
        { name: 'process', message: 'src/shared cannot use Node globals.' },
        { name: 'Buffer', message: 'src/shared cannot use Node globals.' },
        { name: 'require', message: 'src/shared cannot use Node globals.' },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload only bridges channels.ts to ipcRenderer.' }],
      }],
    },
  },
);
