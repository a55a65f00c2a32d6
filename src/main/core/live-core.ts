/**
 * The core as a host holds it (Electron main, the dev bridge): one core at a time on the data
 * folder, reopened by a restore. `dispatch` and `events` stay the same across cores, so the IPC
 * binding and the bridge never rebind; while a restore swaps the data, other calls are answered
 * "a backup is being restored" instead of reaching a closed database.
 *
 * Restore (backup/backup-service.ts) hands `reopen` its steps: close the running core (runs end,
 * downloads stop, the database closes), swap the data in, open a core on it; if that fails, put
 * the old data back and open it again. The old data is kept aside until the new one has opened.
 */
import type { Dispatch } from './api/dispatch.ts';
import { createCore, type Core, type CoreOptions } from './app.ts';
import type { SwapSteps } from './backup/backup-service.ts';
import { EventBus } from './events.ts';
import type { ProtocolRoots } from './security/app-protocol.ts';

export interface LiveCore {
  /** The core open now (another object after a restore). */
  readonly core: Core;
  dispatch: Dispatch;
  events: EventBus;
  /** What player1:// serves (core.protocolRoots), always from the core open now: the shared reports are the open core's. */
  protocolRoots(rendererDir: string): ProtocolRoots;
  close(): Promise<void>;
}

export function createLiveCore(opts: Omit<CoreOptions, 'events' | 'reopen' | 'midRestore'>): LiveCore {
  const events = new EventBus();
  let swapping = false;
  let closed = false;
  /** Set when a restore left no usable core (rolling back or reopening threw): only a restart helps. */
  let broken: string | null = null;
  const open = (midRestore = false): Core => createCore({ ...opts, events, reopen, midRestore });
  async function reopen(steps: SwapSteps): Promise<void> {
    swapping = true;
    // Any throw below before a core is open again leaves `current` closed: mark it broken
    // (dispatch answers "restart Player1") instead of letting calls reach a closed database.
    let reopened = false;
    try {
      await current.close();
      try {
        steps.swapIn();
      } catch (err) {
        current = open();
        reopened = true;
        throw err;
      }
      try {
        // The journal still says 'swapping': the new core must not undo the swap it opens.
        current = open(true);
        reopened = true;
      } catch (err) {
        steps.rollBack();
        current = open();
        reopened = true;
        throw new Error(`the restored data did not open (${err instanceof Error ? err.message : String(err)})`, { cause: err });
      }
      steps.commit();
    } catch (err) {
      if (!reopened) broken = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      swapping = false;
    }
    // Every page reloads what it shows: all of it changed.
    events.emit('roster:changed', { kind: 'players' });
    events.emit('roster:changed', { kind: 'units' });
    events.emit('settings:changed', { key: 'restored' });
    events.emit('surveys:changed', { sessionId: null });
    events.emit('sync:changed', current.sync.status());
  }
  let current = open();
  return {
    get core() {
      return current;
    },
    dispatch: async (method, input) => {
      if (closed) return { ok: false, error: { code: 'UNAVAILABLE', message: 'the app is closing' } };
      if (broken !== null) return { ok: false, error: { code: 'UNAVAILABLE', message: `restart Player1: a restore could not reopen the data (${broken}); nothing was deleted, and Player1 finishes or undoes the restore when it starts` } };
      if (swapping) return { ok: false, error: { code: 'UNAVAILABLE', message: 'a backup is being restored: try again in a moment' } };
      return current.dispatch(method, input);
    },
    events,
    protocolRoots: (rendererDir) => ({
      ...current.protocolRoots(rendererDir),
      shared: (token) => current.sharedReports.resolve(token),
      sharedScripts: () => current.sharedReports.trustedScripts(),
    }),
    async close() {
      closed = true;
      await current.close();
    },
  };
}
