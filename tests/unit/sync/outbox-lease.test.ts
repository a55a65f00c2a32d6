/**
 * The outbox lease names its holder (pid + start time + host): a row claimed by a sender that was
 * killed (kill -9) is taken over at once, not 5 minutes later; so is one whose holder's pid now
 * belongs to another program (its start time differs). A live holder keeps its row until its lease
 * ends, and so does a holder on another host (it cannot be checked from here). Real SQLite file,
 * real processes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/main/core/db/database.ts';
import { OutboxRepo } from '../../../src/main/core/sync/outbox.repo.ts';
import { processStart, thisProcess } from '../../../src/main/core/util/process-identity.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';

const LEASE = 5 * 60_000;
let dir: string;
let db: Db;
let repo: OutboxRepo;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'p1-lease-'));
  db = openDatabase(join(dir, 'player1.sqlite'));
  repo = new OutboxRepo(db);
  repo.insert({ bundleId: '00000000-0000-4000-8000-000000000001', sessionId: 's1', sessionName: 'Tuesday', revision: 1, processedAt: 1, body: Buffer.from('{}'), bodySha256: 'x' }, Date.now() - 1000);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function claimInChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['tests/support/outbox-claim-proc.ts', join(dir, 'player1.sqlite')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (/CLAIMED 1/.test(out)) resolve(child);
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', () => reject(new Error(`the claiming process ended: ${out} ${err}`)));
  });
}

const holder = () => db.prepare('SELECT lease_until, lease_pid, lease_start, lease_host FROM sync_outbox').get() as { lease_until: number; lease_pid: number; lease_start: string | null; lease_host: string };

describe('outbox lease holders', () => {
  it('reads a process start time from /proc (this process, another, none for a pid that does not exist)', () => {
    expect(thisProcess()).toEqual({ pid: process.pid, start: expect.stringMatching(/^\d+$/), host: expect.any(String) });
    expect(processStart(1)).toMatch(/^\d+$/);
    expect(processStart(999_999_999)).toBeNull();
  });

  it('a live sender keeps its row; killed with kill -9, the row is taken over at once', async () => {
    const child = await claimInChild();
    const h = holder();
    expect(h).toMatchObject({ lease_pid: child.pid, lease_start: processStart(child.pid!), lease_host: thisProcess().host });
    expect(h.lease_until - Date.now()).toBeGreaterThan(LEASE - 60_000);
    // Alive: not ours, and not due before its lease ends.
    expect(repo.claimDue(Date.now(), 10, LEASE)).toEqual([]);
    expect(repo.nextDue(Date.now())).toBe(h.lease_until);

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Gone: due now, and claimed by this process with its own identity.
    expect(repo.nextDue(Date.now())).toBeLessThanOrEqual(Date.now());
    const rows = repo.claimDue(Date.now(), 10, LEASE);
    expect(rows.map((r) => r.session_id)).toEqual(['s1']);
    expect(holder()).toMatchObject({ lease_pid: process.pid, lease_start: thisProcess().start });
    // Held by a live process (this one): nobody else takes it.
    expect(repo.claimDue(Date.now(), 10, LEASE)).toEqual([]);
  });

  it('a holder whose pid now belongs to another program (another start time) is gone; one on another host is waited for', async () => {
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(stranger);
    await new Promise((r) => stranger.once('spawn', r));
    const until = Date.now() + LEASE;
    const setHolder = (pid: number, start: string | null, host: string) =>
      db.prepare('UPDATE sync_outbox SET lease_until = ?, lease_pid = ?, lease_start = ?, lease_host = ?').run(until, pid, start, host);
    const realStart = processStart(stranger.pid!)!;

    setHolder(stranger.pid!, realStart, thisProcess().host);
    expect(repo.claimDue(Date.now(), 10, LEASE)).toEqual([]);
    setHolder(stranger.pid!, realStart, 'another-laptop');
    expect(repo.claimDue(Date.now(), 10, LEASE)).toEqual([]);
    expect(repo.nextDue(Date.now())).toBe(until);
    // The pid was reused: the holder started one tick earlier than the process that has the pid now.
    setHolder(stranger.pid!, String(Number(realStart) - 1), thisProcess().host);
    expect(repo.claimDue(Date.now(), 10, LEASE)).toHaveLength(1);
  });

  it('a lease written before holders were recorded ends with its time, as before', () => {
    const until = Date.now() + LEASE;
    db.prepare('UPDATE sync_outbox SET lease_until = ?, lease_pid = NULL, lease_start = NULL, lease_host = NULL').run(until);
    expect(repo.claimDue(Date.now(), 10, LEASE)).toEqual([]);
    expect(repo.claimDue(until, 10, LEASE)).toHaveLength(1);
  });
});
