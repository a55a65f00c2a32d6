/**
 * Sync from the command line (`player1 sync`, `player1 process --sync`): the server URL from
 * --server, the token from the P1_SYNC_TOKEN environment variable (never an argument: it would
 * show in the process list and the shell history), a club CA file from --ca.
 */
import { resolve } from 'node:path';
import type { Core } from '../core/app.ts';
import type { CliIo } from './command.ts';
import { UsageError } from './args.ts';

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
  for (const f of failed) io.stderr(`  failed: "${f.session_name}" revision ${f.revision}: ${f.last_error ?? 'no reason given'}`);
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
