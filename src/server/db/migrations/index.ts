/** The central server's migrations, 1..N: append a new numbered file here; never edit applied ones. */
import type { ServerMigration } from '../migrate.ts';
import { m001Init } from './001_init.ts';
import { m002RosterDeletions } from './002_roster_deletions.ts';
import { m003RosterAsOf } from './003_roster_as_of.ts';

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [m001Init, m002RosterDeletions, m003RosterAsOf];
