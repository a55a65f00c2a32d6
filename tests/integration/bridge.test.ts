/**
 * The dev/test loopback bridge: the real contract over a WebSocket, guarded by token, Origin and
 * Host, bound to 127.0.0.1 only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { startDevHost, type DevHost } from '../../src/main/devbridge/dev-host.ts';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';

let host: DevHost;
beforeAll(async () => {
  host = await startDevHost({ dataDir: makeTempDir() });
});
afterAll(async () => {
  await host.close();
});

function connect(opts: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const b = host.bridge;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${b.port}/api?token=${opts.token ?? b.token}`, {
      origin: opts.origin ?? b.origin,
      headers: opts.host ? { host: opts.host } : {},
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rpc(ws: WebSocket, id: number, method: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const on = (data: Buffer) => {
      const msg = JSON.parse(String(data));
      if (msg.id === id) {
        ws.off('message', on);
        resolve(msg.result);
      }
    };
    ws.on('message', on);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

function httpGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.bridge.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback bridge', () => {
  it('binds 127.0.0.1 on a random port with a 256-bit token', () => {
    expect(host.bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.bridge.port).toBeGreaterThan(0);
    expect(host.bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong token, a foreign Origin, a missing Origin and a rebinding Host', async () => {
    await expect(connect({ token: 'f'.repeat(64) })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: '' })).rejects.toThrow('HTTP 403');
    await expect(connect({ host: `evil.example:${host.bridge.port}` })).rejects.toThrow('HTTP 421');
  });

  it('answers contract calls with envelopes and validates inputs', async () => {
    const ws = await connect();
    expect(await rpc(ws, 1, 'players:list', {})).toEqual({ ok: true, value: [] });
    const bad = await rpc(ws, 2, 'sessions:create', { name: 'x' });
    expect(bad.ok).toBe(false);
    expect(bad.error!.code).toBe('VALIDATION');
    ws.close();
  });

  it('answers calls sent together, each in turn and in order', async () => {
    const ws = await connect();
    const start = SAMPLE_OPTIONS.startMs;
    const s = (await rpc(ws, 1, 'sessions:create', { name: 'together', startMs: start, endMs: start + 600_000 })).value as { id: string };
    const answers: { id: number; ok: boolean; name?: string }[] = [];
    const all = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.id == null) return;
        answers.push({ id: m.id, ok: m.result.ok, name: m.result.value?.name });
        if (answers.length === 3) resolve();
      }),
    );
    // Sent in one tick: the server reads them together and handles each as its own task.
    ws.send(JSON.stringify({ id: 2, method: 'sessions:get', input: { id: s.id } }));
    ws.send(JSON.stringify({ id: 3, method: 'sessions:create', input: { name: 'x' } }));
    ws.send(JSON.stringify({ id: 4, method: 'sessions:get', input: { id: s.id } }));
    await all;
    expect(answers).toEqual([
      { id: 2, ok: true, name: 'together' },
      { id: 3, ok: false, name: undefined },
      { id: 4, ok: true, name: 'together' },
    ]);
    ws.close();
  });

  it('pushes events and runs one job for concurrent starts from two clients', async () => {
    const a = await connect();
    const b = await connect();
    const start = SAMPLE_OPTIONS.startMs;
    const s = (await rpc(a, 1, 'sessions:create', { name: 'bridge', startMs: start, endMs: start + 600_000 })).value as { id: string };
    await rpc(a, 2, 'sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    const seen: string[] = [];
    const done = new Promise<void>((resolve) =>
      b.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.event === 'sessions:changed' && m.payload.sessionId === s.id) {
          seen.push(m.payload.status);
          if (m.payload.status === 'COMPLETED' || m.payload.status === 'FAILED') resolve();
        }
      }),
    );
    const answers = await Promise.all([rpc(a, 3, 'jobs:start', { sessionId: s.id }), rpc(b, 4, 'jobs:start', { sessionId: s.id }), rpc(a, 5, 'jobs:start', { sessionId: s.id })]);
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(answers.filter((x) => !x.ok).map((x) => x.error!.code)).toEqual(['CONFLICT', 'CONFLICT']);
    await done;
    expect(seen).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED']);

    // reports:open answers a URL the bridge serves, with its own token and a CSP that forbids connections.
    const open = (await rpc(a, 6, 'reports:open', { sessionId: s.id })).value as { url: string };
    const u = new URL(open.url);
    expect(u.origin).toBe(host.bridge.origin);
    expect(u.search).not.toContain(host.bridge.token);
    const rep = await httpGet(u.pathname + u.search);
    expect(rep.status).toBe(200);
    expect(String(rep.headers['content-security-policy'])).toContain("connect-src 'none'");
    expect(rep.body).toContain('id="team-table"');
    expect((await httpGet(u.pathname + '?t=nope')).status).toBe(403);
    // The Report page's frame: player1://reports/<id>/report.html at the same path, by the protocol's own code.
    const frame = (await rpc(a, 7, 'reports:frame', { sessionId: s.id })).value as { url: string };
    const f = new URL(frame.url);
    expect(f.pathname).toBe(`/reports/${s.id}/report.html`);
    const fr = await httpGet(f.pathname + f.search);
    expect([fr.status, fr.body]).toEqual([200, rep.body]);
    expect(String(fr.headers['content-security-policy'])).toContain('sandbox allow-scripts');
    // A shared report (here the same file, opened as someone else's): player1://shared/<token>/report.html.
    const reportPath = ((await rpc(a, 8, 'reports:get', { sessionId: s.id })).value as { path: string }).path;
    const shared = (await rpc(a, 9, 'reports:openShared', { path: reportPath })).value as { url: string; token: string };
    const sh = new URL(shared.url);
    expect(sh.pathname).toBe(`/shared/${shared.token}/report.html`);
    const shr = await httpGet(sh.pathname + sh.search);
    expect([shr.status, shr.body]).toEqual([200, rep.body]);
    expect(String(shr.headers['content-security-policy'])).toContain("connect-src 'none'");
    expect((await httpGet(`/shared/${'0'.repeat(32)}/report.html${sh.search}`)).status).toBe(404);
    expect((await httpGet(sh.pathname)).status).toBe(403);
    expect((await httpGet(`/reports/..%2F..%2Fetc/report.html${sh.search}`)).status).toBe(403);
    a.close();
    b.close();
  });

  it('serves the built renderer, and nothing outside it', async () => {
    const index = await httpGet('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="root">');
    expect((await httpGet('/../../package.json')).status).toBe(404);
    expect((await httpGet('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await httpGet('/', { host: 'evil.example' })).status).toBe(421);
  });
});
