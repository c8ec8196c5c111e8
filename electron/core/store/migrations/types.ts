import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the `PRAGMA user_version` the database has
 * after `up` ran; versions are 1, 2, 3, … without gaps. `up` runs inside the
 * open's single migration transaction, so it must not change `foreign_keys`
 * (a no-op inside a transaction); a step that rebuilds a table relies on the
 * `foreign_key_check` run before that transaction commits.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
