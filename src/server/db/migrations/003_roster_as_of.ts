import type { ServerMigration } from '../migrate.ts';

/**
 * Roster rows remember the start of the session that last set them (`as_of_ms`): bundles arrive
 * in any order (a laptop back online, an old session processed again after an algorithm update),
 * and an older session must not move a unit back to whoever wore it then, nor undo a renamed
 * player. NULL: set before this column (any session may set it).
 */
export const m003RosterAsOf: ServerMigration = {
  version: 3,
  name: 'roster-as-of',
  sql: `
ALTER TABLE roster_players ADD COLUMN as_of_ms BIGINT;
ALTER TABLE roster_units ADD COLUMN as_of_ms BIGINT;
`,
};
