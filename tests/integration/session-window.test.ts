/** sessions:update checks the window it would leave, whichever end it changes (the contract sees one end only). */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore } from '../support/core.ts';

const T0 = Date.UTC(2026, 2, 14, 10);
const t = startTestCore();
afterAll(() => t.close());

describe('sessions:update window rules', () => {
  it('refuses an end before the start and a window over 24 hours; keeps the session as it was', async () => {
    const s = await t.call('sessions:create', { name: 'window', startMs: T0, endMs: T0 + 3600_000 });
    expect(await t.raw('sessions:update', { id: s.id, endMs: T0 - 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'the session must end after it starts' } });
    expect(await t.raw('sessions:update', { id: s.id, startMs: T0 + 3600_000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'the session must end after it starts' } });
    expect(await t.raw('sessions:update', { id: s.id, endMs: T0 + 24 * 3600_000 + 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'a session window is at most 24 hours' } });
    expect(await t.call('sessions:update', { id: s.id, endMs: T0 + 24 * 3600_000 })).toMatchObject({ startMs: T0, endMs: T0 + 24 * 3600_000 });
  });
});

describe('edits are announced', () => {
  it('sessions:update and sessions:setParticipants push sessions:changed; a refused edit pushes nothing', async () => {
    const s = await t.call('sessions:create', { name: 'announce', startMs: T0, endMs: T0 + 3600_000 });
    const seen: string[] = [];
    const stop = t.core.events.on('sessions:changed', (p) => {
      if (p.sessionId === s.id) seen.push(p.status);
    });
    await t.call('sessions:update', { id: s.id, name: 'renamed' });
    await t.raw('sessions:update', { id: s.id, endMs: T0 - 1 });
    await t.call('sessions:setParticipants', { id: s.id, participants: [] });
    stop();
    expect(seen).toEqual(['PENDING', 'PENDING']);
  });
});
