/**
 * The openExternal allow-list reads the club server from the sync settings the user saved
 * (src/main/index.ts: clubServerOrigin = clubServerOriginOf(core.sync.outbox.config().server_url),
 * passed to openExternalIfAllowed as a function, so it is read at each click): a real core on a
 * real SQLite file, the settings saved through the API, read back after a restart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { makeTempDir, startTestCore } from '../../support/core.ts';
import { clubServerOriginOf, isAllowedExternalUrl } from '../../../src/shared/security/external-urls.ts';

describe("the club server's origin in the openExternal allow-list", () => {
  const dir = makeTempDir('p1-club-origin-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('nothing is allowed before a server is set; its origin (and only it) after, also after a restart', async () => {
    let t = startTestCore({ dataDir: dir });
    const origin = () => clubServerOriginOf(t.core.sync.outbox.config().server_url);
    expect(origin()).toBeNull();
    expect(isAllowedExternalUrl('https://sync.club.example.org/sessions/1', origin())).toBe(false);
    await t.call('sync:saveSettings', { serverUrl: 'https://sync.club.example.org:8443/player1', caFile: null });
    await t.close(true);
    t = startTestCore({ dataDir: dir });
    try {
      expect(origin()).toBe('https://sync.club.example.org:8443');
      expect(isAllowedExternalUrl('https://sync.club.example.org:8443/sessions/1', origin())).toBe(true);
      expect(isAllowedExternalUrl('https://sync.club.example.org/sessions/1', origin())).toBe(false); // another port: another origin
      expect(isAllowedExternalUrl('https://evil.example/', origin())).toBe(false);
    } finally {
      await t.close(true);
    }
  });
});
