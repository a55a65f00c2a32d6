import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared-data.ts';

const HAS_BINARY = existsSync(join(REPO_ROOT, 'node_modules', 'electron', 'path.txt'));

describe.skipIf(HAS_BINARY)(`npm start without the Electron binary${HAS_BINARY ? ' (skipped: the binary is installed here)' : ''}`, () => {
  it('says what is missing and how to get it, with no stack trace, and fails', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'check-electron.ts')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The Electron binary is missing');
    expect(r.stderr).toContain('node node_modules/electron/install.js');
    expect(r.stderr).toContain('npm run dev:web');
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  });
});
