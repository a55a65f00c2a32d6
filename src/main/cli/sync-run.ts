/**
 * Sync from the command line (`player1 sync`, `player1 process --sync`): the server URL from
 * --server, the token from the P1_SYNC_TOKEN environment variable (never an argument: it would
 * show in the process list and the shell history), a club CA file from --ca.
 */
import { resolve } from 'node:path';
import type { Core } from '../core/app.ts';
import type { CliIo } from './command.ts';
import { UsageError } from './args.ts';
import type { RosterPullResult } from '../../shared/api/sync.contract.ts';

export const TOKEN_ENV = 'P1_SYNC_TOKEN';

export function syncToken(): string {
  const token = process.env[TOKEN_ENV]?.trim();
  if (!token) throw new UsageError(`set the laptop's sync token in the ${TOKEN_ENV} environment variable (player1 server token create prints one)`);
  return token;
}

/** Saves the server and token into the data dir's sync settings (queues completed sessions not yet sent). */
export async function configureSync(core: Core, server: string, ca: string | undefined, token: string): Promise<void> {
  const r = await core.dispatch('sync:saveSettings', { serverUrl: server, caFile: ca ? resolve(ca) : null, token });
  if (!r.ok) throw new UsageError(r.error.message);
}

/** Sends everything waiting until done or the deadline; prints the outcome. 0: all on the server. */
export async function drainAndReport(core: Core, io: CliIo, timeoutMs: number): Promise<number> {
  await core.sync.sender.drain(Date.now() + timeoutMs);
  const st = core.sync.status();
  const failed = core.sync.outbox.list('failed');
  io.stdout(`sync: ${st.synced} on the server, ${st.pending} waiting, ${st.failed} failed, ${st.superseded} superseded`);
  for (const f of failed) io.stderr(`  failed: "${f.session_name}"${f.kind === 'roster-deletion' ? '' : ` revision ${f.revision}`}: ${f.last_error ?? 'no reason given'}`);
  if (st.needsToken) {
    io.stderr(`sync stopped: ${st.lastError?.message ?? 'the server refused the token'} (${TOKEN_ENV})`);
    return 1;
  }
  if (st.pending > 0) {
    io.stderr(`sync: ${st.pending} bundle(s) not sent yet${st.lastError ? `: ${st.lastError.message}` : ''}; they stay queued in the data dir for the next 'player1 sync'`);
    return 1;
  }
  return failed.length > 0 ? 1 : 0;
}

/**
 * Pulls the team's roster (docs/sync.md, "Roster pull") and prints what was added and each
 * difference in plain lines; the laptop's values are kept. 0: pulled; 1: the pull failed.
 */
export async function pullRosterAndReport(core: Core, io: CliIo): Promise<number> {
  const r = await core.dispatch('sync:pullRoster', {});
  if (!r.ok) {
    io.stderr(`roster: not pulled: ${r.error.message}`);
    return 1;
  }
  const { playersAdded, unitsAdded, skipped, differences } = r.value as RosterPullResult;
  if (playersAdded.length === 0 && unitsAdded.length === 0) io.stdout('roster: nothing new on the server');
  else {
    io.stdout(`roster: added ${count(playersAdded.length, 'player')} and ${count(unitsAdded.length, 'unit')} from the server`);
    for (const p of playersAdded) io.stdout(`  added player: ${p.name}`);
    for (const u of unitsAdded) io.stdout(`  added unit: ${u.deviceId}`);
  }
  if (skipped.length > 0) {
    io.stdout(`roster: ${count(skipped.length, 'record')} deleted on this laptop not added back`);
    for (const s of skipped) {
      const deleted = new Date(s.deletedAt).toISOString();
      io.stdout(
        s.kind === 'unit' && s.matchedBy === 'device'
          ? `  skipped unit ${s.label}: the unit with this device id (${s.deletedLabel}) was deleted here at ${deleted}`
          : `  skipped ${s.kind} ${s.label}: deleted here at ${deleted}${s.deletionSynced ? '' : ' (the deletion is not on the server yet)'}`,
      );
    }
  }
  if (differences.length > 0) {
    io.stdout(`roster: ${count(differences.length, 'difference')} with the server; this laptop's values were kept (local edits are never overwritten)`);
    for (const d of differences) {
      io.stdout(`  ${d.kind} "${d.label}", ${d.field}: on this laptop "${d.local}", on the server "${d.server}"`);
    }
  }
  return 0;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
