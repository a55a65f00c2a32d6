/**
 * "Send again" on an upload that cannot be retried says why in the words of what it is: a
 * session's results or a roster deletion, and the state it is in (a roster deletion was once told
 * to "process the session again"). A real core on a real SQLite file; the rows are put in the
 * outbox in the states the sender leaves them in (a failed row keeps its body).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ROSTER_DELETION_PREFIX } from '../../../src/main/core/sync/roster-tombstones.ts';
import { startTestCore, type TestCore } from '../../support/core.ts';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

let revision = 0;

function put(core: TestCore, bundleId: string, sessionId: string, name: string, state: string, body: Buffer | null): void {
  core.core.ctx.db
    .prepare(
      `INSERT INTO sync_outbox (bundle_id, session_id, session_name, revision, processed_at, body, body_sha256, body_size, state, next_attempt_at, queued_at)
       VALUES (?, ?, ?, ?, 1, ?, 'x', 2, ?, 1, 1)`,
    )
    .run(bundleId, sessionId, name, ++revision, body, state);
}

async function retryError(core: TestCore, bundleId: string): Promise<{ code: string; message: string }> {
  const r = await core.raw('sync:retry', { bundleId });
  if (r.ok) throw new Error('the retry went through');
  return { code: r.error.code, message: r.error.message };
}

describe('sync:retry that cannot be done', () => {
  it('names a roster deletion as one, and says where it is', async () => {
    t = startTestCore();
    const deletion = `${ROSTER_DELETION_PREFIX}player:player-7`;
    put(t, '00000000-0000-4000-8000-000000000001', deletion, 'Sam Lee', 'pending', Buffer.from('{}'));
    put(t, '00000000-0000-4000-8000-000000000002', deletion, 'Sam Lee', 'synced', null);
    expect(await retryError(t, '00000000-0000-4000-8000-000000000001')).toEqual({ code: 'INVALID_STATE', message: 'that roster deletion did not fail: it is waiting to be sent' });
    expect(await retryError(t, '00000000-0000-4000-8000-000000000002')).toEqual({ code: 'INVALID_STATE', message: 'that roster deletion did not fail: it is on the server' });
  });

  it("names a session's results by the session", async () => {
    t = startTestCore();
    const session = '9b2f1c3e-0000-4000-8000-00000000abcd';
    put(t, '00000000-0000-4000-8000-000000000011', session, 'MD-2 training', 'superseded', null);
    put(t, '00000000-0000-4000-8000-000000000012', session, 'MD-2 training', 'accepted', null);
    expect(await retryError(t, '00000000-0000-4000-8000-000000000011')).toEqual({
      code: 'INVALID_STATE',
      message: 'the results of "MD-2 training" did not fail: a newer version of it was sent instead',
    });
    expect(await retryError(t, '00000000-0000-4000-8000-000000000012')).toEqual({ code: 'INVALID_STATE', message: 'the results of "MD-2 training" did not fail: the server has it and is storing it' });
    expect(await retryError(t, '00000000-0000-4000-8000-0000000000ff')).toEqual({ code: 'NOT_FOUND', message: 'that upload is no longer in the list (sent, or discarded)' });
  });

  it('a failed upload with its copy is put back in the queue', async () => {
    t = startTestCore();
    put(t, '00000000-0000-4000-8000-000000000021', `${ROSTER_DELETION_PREFIX}unit:P1-0003`, 'P1-0003', 'failed', Buffer.from('{}'));
    const r = await t.call('sync:retry', { bundleId: '00000000-0000-4000-8000-000000000021' });
    expect(r).toMatchObject({ kind: 'roster-deletion', state: 'pending', attempts: 0 });
  });
});
