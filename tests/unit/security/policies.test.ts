/**
 * The security policies as data: CSPs, the openExternal allow-list, permissions, the player1://
 * protocol's mapping (scoped to the renderer and the reports folder), IPC trust by origin.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { appCsp, reportCsp, withDevSocket } from '../../../src/shared/security/csp.ts';
import { clubServerOriginOf, DOCS_ORIGINS, isAllowedExternalUrl } from '../../../src/shared/security/external-urls.ts';
import { isPermissionAllowed } from '../../../src/shared/security/permissions.ts';
import { serveAppProtocol } from '../../../src/main/core/security/app-protocol.ts';
import { inlineScriptHashes } from '../../../src/main/core/security/report-csp.ts';
import { makeTempDir } from '../../support/core.ts';

const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

describe('CSP', () => {
  it('the app: own scripts only, no inline script, no eval, no WebSocket', () => {
    const csp = appCsp();
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|ws:|\*/);
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
  });

  it('the dev bridge adds only its own loopback socket', () => {
    expect(directive(withDevSocket(appCsp(), 'ws://127.0.0.1:41234'), 'connect-src')).toBe("connect-src 'self' ws://127.0.0.1:41234");
    expect(() => withDevSocket(appCsp(), 'ws://evil.example:80')).toThrow();
    expect(() => withDevSocket(appCsp(), 'ws://127.0.0.1:*')).toThrow();
  });

  it('a report: scripts by hash only, no network, sandboxed (header); meta form leaves out header-only directives', () => {
    const h = createHash('sha256').update('run()').digest('base64');
    const csp = reportCsp([h]);
    expect(directive(csp, 'script-src')).toBe(`script-src 'sha256-${h}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(directive(csp, 'connect-src')).toBe("connect-src 'none'");
    expect(csp).toMatch(/sandbox allow-scripts allow-modals/);
    expect(reportCsp([h], { meta: true })).not.toMatch(/sandbox|frame-ancestors/);
    expect(directive(reportCsp([]), 'script-src')).toBe("script-src 'none'");
  });

  it('hashes executable inline scripts only (not src=, not JSON data)', () => {
    const html = '<script type="application/json" id="d">{"a":1}</script><script src="x.js"></script><script>run()</script><SCRIPT type="module">m()</SCRIPT>';
    const sha = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(inlineScriptHashes(html).sort()).toEqual([sha('run()'), sha('m()')].sort());
  });
});

describe('openExternal allow-list', () => {
  it('the club server, nothing else (no documentation site is published: DOCS_ORIGINS is empty)', () => {
    expect(DOCS_ORIGINS).toEqual([]);
    expect(isAllowedExternalUrl('https://player1-pitchside.github.io/docs/security')).toBe(false);
    expect(isAllowedExternalUrl('https://club.example.org/sessions/1', 'https://club.example.org')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:8080/', 'http://127.0.0.1:8080')).toBe(true);
    for (const url of [
      'https://club.example.org/',
      'http://player1-pitchside.github.io/',
      'https://player1-pitchside.github.io.evil.example/',
      'https://user:pw@player1-pitchside.github.io/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(isAllowedExternalUrl('https://other.example.org/', 'https://club.example.org')).toBe(false);
    expect(isAllowedExternalUrl('http://club.example.org/', 'http://club.example.org')).toBe(false); // plain http only on loopback
  });

  it("the club server's origin is the sync server URL's scheme, host and port", () => {
    expect(clubServerOriginOf('https://sync.club.example.org:8443/player1/')).toBe('https://sync.club.example.org:8443');
    expect(clubServerOriginOf('https://sync.club.example.org')).toBe('https://sync.club.example.org');
    expect(clubServerOriginOf(null)).toBeNull();
    expect(clubServerOriginOf('not a url')).toBeNull();
  });
});

describe('permissions', () => {
  it('every permission is denied, for the app and for anything else', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'serial', 'hid', 'usb', 'midi', 'pointerLock']) {
      expect(isPermissionAllowed(p, 'player1://app', 'player1://app'), p).toBe(false);
      expect(isPermissionAllowed(p, 'https://evil.example', 'player1://app'), p).toBe(false);
    }
  });
});

describe('the player1:// protocol', () => {
  const setup = () => {
    const root = makeTempDir();
    const rendererDir = join(root, 'renderer');
    const reportsDir = join(root, 'data', 'reports');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    mkdirSync(join(reportsDir, 's1'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(reportsDir, 's1', 'report.html'), '<!doctype html><script>viewer()</script>');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.js'));
    const shared = join(root, 'elsewhere.html');
    writeFileSync(shared, '<!doctype html><script>shared()</script>');
    return { rendererDir, reportsDir, shared: (t: string) => (t === 'tok' ? shared : null) };
  };

  it('serves the renderer with the app CSP header, and reports with their hashed CSP', async () => {
    const roots = setup();
    const index = await serveAppProtocol('player1://app/index.html', roots);
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(appCsp());
    expect((await serveAppProtocol('player1://app/', roots)).status).toBe(200);
    const js = await serveAppProtocol('player1://app/assets/app.js', roots);
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    const rep = await serveAppProtocol('player1://reports/s1/report.html', roots);
    expect(rep.status).toBe(200);
    expect(rep.headers['content-security-policy']).toBe(reportCsp([createHash('sha256').update('viewer()').digest('base64')]));
    const sh = await serveAppProtocol('player1://shared/tok/report.html', roots);
    expect(sh.status).toBe(200);
    expect(sh.headers['content-security-policy']).toMatch(/sandbox allow-scripts/);
  });

  it('refuses everything outside its two folders and the files the user opened', async () => {
    const roots = setup();
    const refused = [
      'player1://app/../secret.txt',
      'player1://app/%2e%2e/secret.txt',
      'player1://app/assets%2F..%2F..%2Fsecret.txt',
      'player1://app/assets/link.js', // a symlink out of the folder
      'player1://app/%00index.html',
      'player1://app/CON',
      'player1://reports/s1/../../../secret.txt',
      'player1://reports/%2e%2e/report.html',
      'player1://reports/s1/other.html',
      'player1://reports/s2/report.html',
      'player1://shared/nope/report.html',
      'player1://elsewhere/index.html',
      'file:///etc/passwd',
    ];
    for (const url of refused) {
      const a = await serveAppProtocol(url, roots);
      expect(a.status, url).toBeGreaterThanOrEqual(400);
      expect(String(a.body), url).not.toContain('secret');
    }
    expect((await serveAppProtocol('player1://app/index.html', roots, 'POST')).status).toBe(405);
  });
});
