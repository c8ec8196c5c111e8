import type { RepositoryContext } from './common';

/**
 * Raw settings storage: one JSON value per key. Validation and defaults live
 * in the SettingsService; this port only persists what it is given.
 */
export class SettingsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  getAll(): Record<string, unknown> {
    const rows = this.ctx.db.prepare('SELECT key, value_json FROM settings ORDER BY key').all() as {
      key: string;
      value_json: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
  }

  /** All or nothing. A value of `undefined` removes the key (back to its default). */
  setMany(values: Record<string, unknown>): void {
    const upsert = this.ctx.db.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
    );
    const remove = this.ctx.db.prepare('DELETE FROM settings WHERE key = ?');
    this.ctx.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) remove.run(key);
        else upsert.run(key, JSON.stringify(value));
      }
    })();
  }
}
