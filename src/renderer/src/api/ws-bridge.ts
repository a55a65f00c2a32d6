/**
 * Client of the dev/test loopback bridge (src/main/devbridge): the same Player1Bridge as the
 * preload, over a WebSocket to 127.0.0.1. The token comes from the page URL (?bridgeToken=...),
 * which the bridge prints when it starts. Never used inside Electron.
 */
import { METHOD_NAMES, type EventName, type Player1Bridge } from '../../../shared/api/contract.ts';
import type { Envelope } from '../../../shared/api/errors.ts';

interface Pending {
  resolve: (e: Envelope<unknown>) => void;
}

export async function connectWsBridge(loc: Location): Promise<Player1Bridge> {
  const params = new URLSearchParams(loc.search);
  const token = params.get('bridgeToken');
  if (!token) throw new Error('No API: this page runs outside the app and no bridge token was given (?bridgeToken=...)');
  const wsOrigin = params.get('bridge') ?? `ws://${loc.host}`;
  const ws = new WebSocket(`${wsOrigin}/api?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('could not reach the dev bridge')), { once: true });
  });

  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: Envelope<unknown>; event?: string; payload?: unknown };
    if (msg.id != null && msg.result) {
      pending.get(msg.id)?.resolve(msg.result);
      pending.delete(msg.id);
    } else if (msg.event) {
      listeners.get(msg.event)?.forEach((l) => l(msg.payload));
    }
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'the dev bridge closed' } });
    pending.clear();
  });

  const bridge: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) {
    bridge[m] = (input?: unknown) =>
      new Promise<Envelope<unknown>>((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ id, method: m, input }));
      });
  }
  bridge.on = (event: EventName, listener: (p: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  return bridge as Player1Bridge;
}
