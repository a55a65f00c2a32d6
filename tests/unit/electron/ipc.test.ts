import { describe, expect, it } from 'vitest';
import { bindIpc, forwardEvents, type IpcMainLike, type IpcInvokeEventLike } from '../../../src/main/electron/ipc.ts';
import { makeTrustedUrlCheck } from '../../../src/main/electron/trusted-url.ts';
import { METHOD_NAMES } from '../../../src/shared/api/channels.ts';
import { EventBus } from '../../../src/main/core/events.ts';
import type { Dispatch } from '../../../src/main/core/api/dispatch.ts';

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (e: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (e: IpcInvokeEventLike, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

const APP_ORIGIN = 'player1://app';
const APP_URL = `${APP_ORIGIN}/index.html`;

describe('IPC binding (no electron needed)', () => {
  const calls: [string, unknown][] = [];
  const dispatch: Dispatch = async (method, input) => {
    calls.push([method, input]);
    return { ok: true, value: `answer to ${method}` };
  };

  it('registers one channel per contract method and unbinds them all', () => {
    const ipc = new FakeIpcMain();
    const unbind = bindIpc(ipc, dispatch, makeTrustedUrlCheck(APP_ORIGIN));
    expect([...ipc.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes the input through the dispatcher for the app page', async () => {
    const ipc = new FakeIpcMain();
    bindIpc(ipc, dispatch, makeTrustedUrlCheck(APP_ORIGIN));
    const r = await ipc.handlers.get('sessions:get')!({ senderFrame: { url: `${APP_URL}#/sessions/abc` } }, { id: 'abc' });
    expect(r).toEqual({ ok: true, value: 'answer to sessions:get' });
    expect(calls.at(-1)).toEqual(['sessions:get', { id: 'abc' }]);
  });

  it('refuses calls from any other page, without reaching the core', async () => {
    const ipc = new FakeIpcMain();
    bindIpc(ipc, dispatch, makeTrustedUrlCheck(APP_ORIGIN));
    const before = calls.length;
    for (const url of ['https://evil.example/', 'file:///opt/player1/out/renderer/index.html', 'file:///tmp/report.html', 'player1://reports/s1/report.html', 'player1://shared/t/report.html', 'player1://app.evil/index.html', 'player1://APPX/', 'null', '']) {
      const r = (await ipc.handlers.get('players:list')!({ senderFrame: url ? { url } : null }, {})) as { ok: boolean };
      expect(r.ok).toBe(false);
    }
    expect(calls.length).toBe(before);
  });

  it('trusts the dev server origin only in dev', () => {
    const check = makeTrustedUrlCheck(APP_ORIGIN, 'http://localhost:5173');
    expect(check('http://localhost:5173/#/roster')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(makeTrustedUrlCheck(APP_ORIGIN)('http://localhost:5173/')).toBe(false);
  });

  it('forwards core events to the window', () => {
    const bus = new EventBus();
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(bus, (c, p) => sent.push([c, p]));
    bus.emit('sessions:changed', { sessionId: 's', status: 'QUEUED', error: null });
    stop();
    bus.emit('sessions:changed', { sessionId: 's', status: 'PROCESSING', error: null });
    expect(sent).toEqual([['sessions:changed', { sessionId: 's', status: 'QUEUED', error: null }]]);
  });
});
