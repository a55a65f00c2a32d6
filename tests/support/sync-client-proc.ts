/**
 * A laptop's sender as its own process, for the kill -9 test: opens the outbox in the SQLite file
 * given, sends to the server URL with the token from P1_SYNC_TOKEN until nothing waits, prints
 * "DONE <counts JSON>" and exits. Lease and backoff are short (P1_SYNC_LEASE_MS).
 */
import { openDatabase } from '../../src/main/core/db/database.ts';
import { OutboxRepo } from '../../src/main/core/sync/outbox.repo.ts';
import { SyncSender } from '../../src/main/core/sync/sender.ts';
import { MemoryTokenStore } from '../../src/main/core/sync/token-store.ts';

const [file, url] = process.argv.slice(2);
const db = openDatabase(file);
const repo = new OutboxRepo(db);
repo.saveConfig(url, null);
const sender = new SyncSender({
  repo,
  tokens: new MemoryTokenStore(process.env.P1_SYNC_TOKEN ?? null),
  backoff: { baseMs: 10, capMs: 100 },
  pollMs: 20,
  timeoutMs: 60_000,
  leaseMs: Number(process.env.P1_SYNC_LEASE_MS ?? 1000),
  log: (m) => process.stderr.write(`${m}\n`),
});
process.stdout.write('STARTED\n');
await sender.drain(Date.now() + 60_000);
process.stdout.write(`DONE ${JSON.stringify(repo.counts())}\n`);
db.close();
