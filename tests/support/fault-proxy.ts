/**
 * A fault-injecting TCP proxy for the sync tests, between the laptop's sender and the central
 * server. Each connection (the sender opens one per request) gets, with probability `rate`, one
 * fault drawn from `faults`:
 * - refuse: the connection is closed at once (the client sees a reset, nothing reaches the server);
 * - reset-mid-body: part of the request reaches the server, then both sides are reset;
 * - slow: the server's answer is held 100 ms … 1.5 s (past the client's time limit now and then);
 * - http500: a 500 answered by the proxy, nothing forwarded;
 * - http503: a 503 with Retry-After (seconds, or an HTTP date), nothing forwarded;
 * - duplicate: the request is delivered to the server twice (the client gets the first answer);
 * - drop-response: delivered, the server answers (and has committed), the answer is dropped.
 * `hold` mode forwards requests and never answers (for the kill -9 test).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mulberry32 } from '../../src/main/core/sample/prng.ts';

export const FAULTS = ['refuse', 'reset-mid-body', 'slow', 'http500', 'http503', 'duplicate', 'drop-response'] as const;
export type Fault = (typeof FAULTS)[number] | 'none';

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  /** Requests forwarded to the server (duplicates count twice). */
  forwarded: number;
  set(opts: { rate?: number; hold?: boolean }): void;
  close(): Promise<void>;
}

/** A seeded PRNG (the sample scenario's mulberry32) so a failing run can be replayed. */
export const seeded = mulberry32;

/** The whole request (headers + Content-Length body), or null while incomplete. */
function completeRequest(buf: Buffer): boolean {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = buf.subarray(0, end).toString('latin1');
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const len = m ? Number(m[1]) : 0;
  return buf.length >= end + 4 + len;
}

function canned(status: number, text: string, extra: string): Buffer {
  const body = JSON.stringify({ type: 'about:blank', title: text, status, detail: `injected by the test proxy: ${text}` });
  return Buffer.from(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`);
}

export async function startFaultProxy(target: { host: string; port: number }, o: { rate: number; seed: number; faults?: readonly Fault[] }): Promise<FaultProxy> {
  const random = seeded(o.seed);
  let rate = o.rate;
  let hold = false;
  const faults = o.faults ?? FAULTS;
  const counts = Object.fromEntries([...FAULTS, 'none'].map((f) => [f, 0])) as Record<Fault, number>;
  const sockets = new Set<Socket>();
  const state = { forwarded: 0 };
  const track = (s: Socket): Socket => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    return s;
  };

  /** Sends the request upstream; resolves with the server's whole answer (or null when cut). */
  const forward = (req: Buffer): Promise<Buffer | null> =>
    new Promise((resolve) => {
      state.forwarded++;
      const up = track(connect(target.port, target.host));
      const parts: Buffer[] = [];
      up.on('connect', () => up.write(req));
      up.on('data', (c: Buffer) => parts.push(c));
      up.on('end', () => resolve(Buffer.concat(parts)));
      up.on('error', () => resolve(null));
      up.on('close', () => resolve(parts.length ? Buffer.concat(parts) : null));
    });

  const server: Server = createServer((client) => {
    track(client);
    const fault: Fault = hold ? 'none' : random() < rate ? faults[Math.floor(random() * faults.length)] : 'none';
    counts[fault]++;
    if (fault === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    let buf = Buffer.alloc(0);
    let acted = false;
    client.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (acted) return;
      if (fault === 'reset-mid-body' && buf.length > 200) {
        acted = true;
        const up = track(connect(target.port, target.host));
        up.on('connect', () => {
          up.write(buf.subarray(0, Math.floor(buf.length / 2)), () => {
            up.resetAndDestroy();
            client.resetAndDestroy();
          });
        });
        return;
      }
      if (!completeRequest(buf)) return;
      acted = true;
      void act(fault, buf, client);
    });
  });

  async function act(fault: Fault, req: Buffer, client: Socket): Promise<void> {
    const reply = (b: Buffer | null) => {
      if (client.destroyed) return;
      if (b) client.end(b);
      else client.resetAndDestroy();
    };
    if (hold) {
      await forward(req);
      return; // never answered: the client waits until it is killed
    }
    switch (fault) {
      case 'http500':
        reply(canned(500, 'Internal Server Error', ''));
        return;
      case 'http503': {
        const asDate = random() < 0.5;
        const ra = asDate ? new Date(Date.now() + 1000).toUTCString() : '0';
        reply(canned(503, 'Service Unavailable', `retry-after: ${ra}\r\n`));
        return;
      }
      case 'duplicate': {
        const [first] = await Promise.all([forward(req), forward(req)]);
        reply(first);
        return;
      }
      case 'drop-response':
        await forward(req);
        client.resetAndDestroy();
        return;
      case 'slow': {
        const answer = await forward(req);
        await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 1400)));
        reply(answer);
        return;
      }
      default:
        reply(await forward(req));
    }
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    get forwarded() {
      return state.forwarded;
    },
    set(opts) {
      if (opts.rate !== undefined) rate = opts.rate;
      if (opts.hold !== undefined) hold = opts.hold;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
