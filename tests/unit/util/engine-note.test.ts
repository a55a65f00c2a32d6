/** Issue 16 item 8: the EBADENGINE warnings of `npm install` on Node 20 are explained where they appear. */
import { describe, expect, it } from 'vitest';
import { engineNote } from '../../../scripts/engine-note.mjs';

describe('engineNote', () => {
  it('npm on Node 20 (its user agent) gets the note, even when the script itself runs on the project Node 22', () => {
    const note = engineNote('npm/10.8.2 node/v20.19.2 linux x64 workspaces/false', 'v22.23.3');
    expect(note).toBe('note: the EBADENGINE warnings above are expected with Node 20: npm run, npm test and npx use Node 22 from the project\'s "node" devDependency.');
  });

  it('npm on Node 22 or newer prints nothing (there are no EBADENGINE warnings then)', () => {
    expect(engineNote('npm/10.9.0 node/v22.23.3 linux x64 workspaces/false', 'v22.23.3')).toBeNull();
    expect(engineNote('npm/11.0.0 node/v24.1.0 darwin arm64', 'v24.1.0')).toBeNull();
  });

  it('without a user agent (run by hand) the running Node decides', () => {
    expect(engineNote(undefined, 'v18.20.4')).toContain('expected with Node 18');
    expect(engineNote(undefined, 'v22.1.0')).toBeNull();
  });
});
