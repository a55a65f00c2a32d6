/**
 * A sender's claim as its own process, for the lease tests: opens the outbox in the SQLite file
 * given, claims every due row for 5 minutes (the default lease), prints "CLAIMED <n>" and waits
 * to be killed.
 */
import { openDatabase } from '../../src/main/core/db/database.ts';
import { OutboxRepo } from '../../src/main/core/sync/outbox.repo.ts';

const [file] = process.argv.slice(2);
const db = openDatabase(file);
const rows = new OutboxRepo(db).claimDue(Date.now(), 10, 5 * 60_000);
process.stdout.write(`CLAIMED ${rows.length}\n`);
setInterval(() => {}, 60_000);
