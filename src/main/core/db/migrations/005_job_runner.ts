import type { Migration } from '../migrate.ts';

/**
 * Who is running a session's job: the process (pid on a host) that claimed it, and when that
 * process last said it was still at it. At start-up only runs whose owner is gone (process dead,
 * or silent for too long) are marked interrupted, so a second app instance, or a CLI run on the
 * app's data dir, never fails a job another live process is running.
 */
export const m005JobRunner: Migration = {
  version: 5,
  name: 'job-runner',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN runner_pid INTEGER;
      ALTER TABLE sessions ADD COLUMN runner_host TEXT;
      ALTER TABLE sessions ADD COLUMN runner_seen_at INTEGER;
    `);
  },
};
