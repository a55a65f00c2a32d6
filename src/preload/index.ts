/**
 * The preload (sandboxed, context-isolated): exposes window.player1 with one function per contract
 * method, each invoking its own IPC channel and answering the raw Envelope, plus
 * on(event, listener) → unsubscribe for the push events. It exposes no ipcRenderer, no channel
 * the contract does not name, and no Node.
 *
 * One documented extra: getPathForFile(file) → the path of a File the user dropped on the window
 * (Electron's webUtils; '' for a file that has none), so a drop imports from the path instead of
 * sending the bytes. It reveals only paths of files the user dropped or chose.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../shared/api/channels.ts';

const api: Record<string, unknown> = {};
for (const method of METHOD_NAMES) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(method, input);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event '${event}'`);
  const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, handler);
  return () => {
    ipcRenderer.removeListener(event, handler);
  };
};
api.getPathForFile = (file: File): string => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld('player1', api);
