/**
 * The loopback bridge: serves the built renderer and the contract over a WebSocket, so the real
 * UI runs against the real core in a plain browser (UI tests, `npm run dev:web`). Development and
 * tests only: the packaged app never starts it.
 *
 * Any web page can reach loopback, so: it binds 127.0.0.1 on a random port; the API needs a
 * random 256-bit token; the WebSocket's Origin must be the bridge's own (or an origin the caller
 * allowed, e.g. a Vite dev server); the Host header must name loopback (DNS rebinding); reports
 * are served with their own token and a CSP that forbids any connection.
 *
 * Reports are served at the same paths as the app's player1:// protocol, by the same code
 * (serveAppProtocol): /reports/<sessionId>/report.html is player1://reports/<sessionId>/report.html
 * and /shared/<token>/report.html is player1://shared/<token>/report.html, so the browser tests
 * exercise the Electron app's path (CSP, sandbox, shared-report registry).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../core/api/dispatch.ts';
import type { EventBus } from '../core/events.ts';
import { serveAppProtocol, type ProtocolRoots } from '../core/security/app-protocol.ts';
import { APP_SCHEME, appCsp, withDevSocket } from '../../shared/security/csp.ts';

export interface BridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Built renderer to serve at / (out/renderer); omit to serve only the API. */
  staticDir?: string;
  /**
   * What player1:// serves (core.protocolRoots): the bridge answers /reports/… and /shared/… from
   * it exactly as the app's protocol handler answers player1://reports/… and player1://shared/….
   */
  protocol?: Omit<ProtocolRoots, 'rendererDir'>;
  /** Extra origins allowed to open the API socket (e.g. http://localhost:5173 for a Vite dev server). */
  allowedOrigins?: string[];
  port?: number;
}

export interface Bridge {
  origin: string;
  port: number;
  token: string;
  /** The renderer's URL, token included. */
  pageUrl: string;
  reportUrl(sessionId: string): string;
  /** The bridge's URL for a player1://reports|shared/… URL (same path, the bridge's report token). */
  windowUrl(appUrl: string): string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};


export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('hex');
  const reportToken = randomBytes(32).toString('hex');
  const sockets = new Set<Socket>();
  let origin = '';
  let port = 0;

  const hostOk = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`bridge error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostOk(req)) return deny(res, 421, 'wrong Host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', origin);
    const m = /^\/(reports|shared)\/[^/]+\/report\.html$/.exec(url.pathname);
    if (m) {
      if (!sameSecret(url.searchParams.get('t') ?? '', reportToken)) return deny(res, 403, 'bad report token');
      if (!opts.protocol) return deny(res, 404, 'no report');
      // The app protocol's own answer: the report's CSP (scripts by hash, sandboxed), or a refusal.
      const a = await serveAppProtocol(`${APP_SCHEME}://${url.pathname.slice(1)}`, { rendererDir: opts.staticDir ?? '', ...opts.protocol }, req.method);
      res.writeHead(a.status, a.headers);
      res.end(a.body);
      return;
    }
    if (!opts.staticDir) return deny(res, 404, 'not found');
    const root = resolve(opts.staticDir);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return deny(res, 404, 'not found');
    if (file === join(root, 'index.html')) {
      // The built page carries the production CSP (no WebSocket); this dev-only server lets the
      // page reach its own socket, and nothing else.
      const html = (await readFile(file, 'utf8')).replace(appCsp(), withDevSocket(appCsp(), `ws://127.0.0.1:${port}`));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(req.method === 'HEAD' ? '' : html);
      return;
    }
    return sendFile(res, file, {});
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const allowed = new Set([origin, ...(opts.allowedOrigins ?? [])]);
    const reject = (code: number, why: string) => {
      socket.write(`HTTP/1.1 ${code} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/api') return reject(404, 'Not Found');
    if (!hostOk(req)) return reject(421, 'Misdirected Request');
    if (!allowed.has(req.headers.origin ?? '')) return reject(403, 'Forbidden Origin');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // One thing per turn of the core's event loop, in the order they came: handling a call, writing
  // out an answer, pushing an event. Calls that arrive in one read of the socket (the session page
  // asks results:list and results:series together) were handled in one turn, and an answer was
  // serialised in its handler's turn: after Process Report (25 players), results:list's ~35 ms
  // (cold), the first player of results:series and then results:list's 0.8 MB stringify (~18 ms)
  // held the loop ~45 ms at a time. Answers and events still leave in the order they were ready.
  const turns: (() => void)[] = [];
  let turning = false;
  const turn = () => {
    turns.shift()?.();
    if (turns.length > 0) setImmediate(turn);
    else turning = false;
  };
  const later = (fn: () => void) => {
    turns.push(fn);
    if (!turning) {
      turning = true;
      setImmediate(turn);
    }
  };
  const sendTo = (clients: Iterable<WebSocket>, text: string) => {
    for (const c of clients) if (c.readyState === c.OPEN) c.send(text);
  };
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => {
      later(() => {
        let msg: { id?: unknown; method?: unknown; input?: unknown };
        try {
          msg = JSON.parse(String(data)) as typeof msg;
        } catch {
          return;
        }
        if (typeof msg.id !== 'number' || typeof msg.method !== 'string') return;
        const id = msg.id;
        void opts.dispatch(msg.method, msg.input).then((result) => later(() => sendTo([ws], JSON.stringify({ id, result }))));
      });
    });
  });
  const unsubscribe = opts.events.onAny((event, payload) => {
    const text = JSON.stringify({ event, payload });
    later(() => sendTo(wss.clients, text));
  });

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    token,
    pageUrl: `${origin}/?bridgeToken=${token}`,
    reportUrl: (sessionId) => `${origin}/reports/${encodeURIComponent(sessionId)}/report.html?t=${reportToken}`,
    windowUrl: (appUrl) => {
      const u = new URL(appUrl);
      if (u.protocol !== `${APP_SCHEME}:` || (u.host !== 'reports' && u.host !== 'shared')) throw new Error(`the bridge serves no ${appUrl}`);
      return `${origin}/${u.host}${u.pathname}?t=${reportToken}`;
    },
    async close() {
      unsubscribe();
      for (const c of wss.clients) c.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function deny(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function sendFile(res: ServerResponse, path: string, headers: Record<string, string>): void {
  res.writeHead(200, {
    'content-type': MIME[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  createReadStream(path).pipe(res);
}
