/**
 * The renderer's API: Player1Api (throws AppError) over a Player1Bridge that answers envelopes —
 * the Electron preload's window.player1, or the dev/test WebSocket bridge in a plain browser.
 */
import { METHOD_NAMES, type Player1Api, type Player1Bridge } from '../../../shared/api/contract.ts';
import { AppError, type Envelope } from '../../../shared/api/errors.ts';

export function createApi(bridge: Player1Bridge): Player1Api {
  const api: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) {
    const call = bridge[m] as (input?: unknown) => Promise<Envelope<unknown>>;
    api[m] = async (input?: unknown) => {
      const env = await call(input);
      if (!env.ok) throw AppError.fromBody(env.error);
      return env.value;
    };
  }
  api.on = bridge.on.bind(bridge);
  return api as Player1Api;
}

declare global {
  interface Window {
    player1?: Player1Bridge;
  }
}

/** window.player1 when the preload is there (Electron), else the loopback bridge named in the URL. */
export async function connectApi(): Promise<Player1Api> {
  if (window.player1) return createApi(window.player1);
  const { connectWsBridge } = await import('./ws-bridge.ts');
  return createApi(await connectWsBridge(window.location));
}

export function errorMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
