/**
 * `player1 sync --server URL --data-dir DIR`: sends every processed session of a data dir that the
 * club's central server does not have yet (docs/sync.md), with the token from P1_SYNC_TOKEN,
 * then pulls the team's roster (adds what the laptop lacks, prints each difference, keeps the
 * laptop's values).
 * Exit 0 when everything is on the server; 1 when something failed or could not be sent yet
 * (it stays queued); 2 for a usage error.
 */
import { resolve } from 'node:path';
import type { CliCommand } from '../command.ts';
import { parseOptions, UsageError } from '../args.ts';
import { createCore } from '../../core/app.ts';
import { configureSync, drainAndReport, pullRosterAndReport, syncToken, TOKEN_ENV } from '../sync-run.ts';

const USAGE = `player1 sync --server URL --data-dir DIR [--ca FILE] [--timeout SECONDS]

  --server URL      the club's central server (https://…; http:// only to this computer)
  --data-dir DIR    the data dir whose processed sessions are sent (the app's, or a CLI --data-dir)
  --ca FILE         the club's own certificate authority (PEM), trusted besides the system's
  --timeout S       give up waiting after S seconds (default 120); what is left stays queued
  The token is read from the ${TOKEN_ENV} environment variable.`;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: "send processed sessions to the club's central server and pull its roster",
  usage: USAGE,
  async run(argv, io, runtime) {
    let opts;
    let token: string;
    try {
      opts = parseOptions(argv, { server: { type: 'string' }, 'data-dir': { type: 'string' }, ca: { type: 'string' }, timeout: { type: 'string' } });
      if (opts.positionals.length > 0) throw new UsageError(`unexpected argument '${opts.positionals[0]}'`);
      if (!opts.values.server) throw new UsageError('--server URL is required');
      if (!opts.values['data-dir']) throw new UsageError('--data-dir DIR is required (the sessions to send live there)');
      if (opts.values.timeout !== undefined && !/^\d+$/.test(opts.values.timeout)) throw new UsageError('--timeout takes whole seconds');
      token = syncToken();
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`player1 sync: ${err.message}\n\nusage: ${USAGE}`);
        return 2;
      }
      throw err;
    }
    // The worker pool is never started: sync processes nothing.
    const core = createCore({
      dataDir: resolve(opts.values['data-dir']!),
      workerPath: runtime.workerPath,
      reportViewerPath: runtime.reportViewerPath,
      host: { kind: 'cli' },
    });
    try {
      try {
        await configureSync(core, opts.values.server!, opts.values.ca, token);
      } catch (err) {
        if (err instanceof UsageError) {
          io.stderr(`player1 sync: ${err.message}`);
          return 2;
        }
        throw err;
      }
      const sent = await drainAndReport(core, io, Number(opts.values.timeout ?? 120) * 1000);
      // A refused token stops here (drainAndReport said so); otherwise the roster comes back too.
      if (core.sync.status().needsToken) return 1;
      const pulled = await pullRosterAndReport(core, io);
      return Math.max(sent, pulled);
    } finally {
      await core.close();
    }
  },
};
