/**
 * Binds the contract to ipcMain. Typed against a structural IpcMainLike (never imports electron),
 * so the binding is unit-tested with a fake. Every method gets its own channel (`domain:verb`);
 * inputs are validated by the core's dispatch; answers are Envelopes. Calls from any frame that is
 * not the app's own page are refused.
 */
import { METHOD_NAMES, EVENT_NAMES, type EventName } from '../../shared/api/channels.ts';
import type { Envelope } from '../../shared/api/errors.ts';
import type { Dispatch } from '../core/api/dispatch.ts';
import type { EventBus } from '../core/events.ts';

export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

export function bindIpc(ipc: IpcMainLike, dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): () => void {
  for (const method of METHOD_NAMES) {
    ipc.handle(method, async (event, input): Promise<Envelope<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return { ok: false, error: { code: 'VALIDATION', message: `refused ${method} from an untrusted page (${url || 'unknown'})` } };
      }
      return dispatch(method, input);
    });
  }
  return () => METHOD_NAMES.forEach((m) => ipc.removeHandler(m));
}

/** Forwards every core event to the window (webContents.send), if it is still there. */
export function forwardEvents(events: EventBus, send: (channel: EventName, payload: unknown) => void): () => void {
  return events.onAny((event, payload) => {
    if ((EVENT_NAMES as readonly string[]).includes(event)) send(event, payload);
  });
}
