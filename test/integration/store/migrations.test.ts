import BetterSqlite3, { type Database } from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, openDatabase } from '../../../electron/core/store';
import { useTempDirs } from './temp-dir';

/**
 * Rows valid at a given schema version. To add migration N: add SEEDS[N-1]
 * if it is missing and EXPECTATIONS[N] for what the step must do; the loop
 * below then checks that the step keeps every row seeded at N-1.
 */
const SEEDS: Record<number, (db: Database) => void> = {
  0: () => undefined,
  1: (db) => {
    const t = '2026-01-01T00:00:00.000Z';
    const sha = 'a'.repeat(64);
    db.prepare("INSERT INTO files VALUES (?, 'png', 'image/png', 3, ?)").run(sha, t);
    db.prepare(
      "INSERT INTO brands (brand_id, name, guidelines_json, created_at, updated_at) VALUES ('b1', 'Acme', '{\"colors\":[]}', ?, ?)",
    ).run(t, t);
    db.prepare("INSERT INTO brand_versions (brand_id, version, guidelines_json, created_at) VALUES ('b1', 1, '{}', ?)").run(t);
    db.prepare("INSERT INTO jobs (job_id, brand_id, status, idempotency_key, created_at, updated_at) VALUES ('j1', 'b1', 'pending', 'k1', ?, ?)").run(t, t);
    db.prepare(
      `INSERT INTO assets (asset_id, brand_id, brand_version, job_id, origin, sha256, mime, width, height, created_at, updated_at)
       VALUES ('a1', 'b1', 1, 'j1', 'generated', ?, 'image/png', 1, 1, ?, ?)`,
    ).run(sha, t, t);
    db.prepare("INSERT INTO audits VALUES ('au1', 'a1', 1, '{}', ?)").run(t);
    db.prepare("INSERT INTO settings VALUES ('compliance_threshold', '0.9')").run();
  },
};

/** What each step must leave behind, beyond keeping the seeded rows. */
const EXPECTATIONS: Record<number, (db: Database) => void> = {
  1: (db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['brands', 'brand_versions', 'files', 'assets', 'audits', 'jobs', 'settings']));
    expect(() =>
      db.prepare("INSERT INTO brand_versions (brand_id, version, guidelines_json, created_at) VALUES ('nobody', 1, '{}', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
  },
  2: (db) => {
    // Existing assets are in the library read model, and the triggers keep it current from here on.
    expect(db.prepare("SELECT status, audited_version, brand_id FROM library_entries WHERE asset_id = 'a1'").get()).toEqual({ status: 'not_audited', audited_version: 1, brand_id: 'b1' });
    const t = '2026-01-02T00:00:00.000Z';
    db.prepare(
      `INSERT INTO assets (asset_id, brand_id, brand_version, origin, sha256, mime, width, height, prompt, source_name, compliance_json, compliance_score, status, created_at, updated_at)
       VALUES ('a2', 'b1', 1, 'imported', ?, 'image/png', 1, 1, NULL, 'summer-banner.png', '{"approved":false}', 40, 'approved', ?, ?)`,
    ).run('a'.repeat(64), t, t);
    expect(db.prepare("SELECT status, score FROM library_entries WHERE asset_id = 'a2'").get()).toEqual({ status: 'override', score: 40 });
    expect(db.prepare("SELECT l.asset_id FROM asset_search s JOIN library_entries l ON l.id = s.rowid WHERE asset_search MATCH 'banner'").pluck().all()).toEqual(['a2']);
    db.prepare("UPDATE assets SET status = 'rejected' WHERE asset_id = 'a2'").run();
    expect(db.prepare("SELECT status FROM library_entries WHERE asset_id = 'a2'").pluck().get()).toBe('rejected');
    db.prepare("INSERT INTO audits VALUES ('au2', 'a2', 1, '{}', ?)").run(t);
    // A new guideline version makes the audit stale; the trash takes the brand's assets out of the library.
    db.prepare("INSERT INTO brand_versions (brand_id, version, guidelines_json, created_at) VALUES ('b1', 2, '{}', ?)").run(t);
    db.prepare("UPDATE brands SET current_version = 2 WHERE brand_id = 'b1'").run();
    expect(db.prepare("SELECT stale, brand_version, brand_active FROM library_entries WHERE asset_id = 'a2'").get()).toEqual({ stale: 1, brand_version: 2, brand_active: 1 });
    db.prepare("UPDATE brands SET deleted_at = ? WHERE brand_id = 'b1'").run(t);
    expect(db.prepare("SELECT count(*) FROM library_entries WHERE brand_active = 1").pluck().get()).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['library_entries', 'thumbnails', 'templates']));
  },
};

function rowCounts(db: Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

describe('migrations', () => {
  const tempDir = useTempDirs();

  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  for (const step of MIGRATIONS) {
    it(`migration ${step.version} (${step.name}) upgrades a database at version ${step.version - 1} and keeps its data`, () => {
      const file = path.join(tempDir(), 'mobius.db');
      const previous = step.version - 1;
      const seeded = openDatabase(file, { migrations: MIGRATIONS.slice(0, previous) });
      const seed = SEEDS[previous];
      if (!seed) throw new Error(`Add SEEDS[${previous}] so migration ${step.version} is tested on real data`);
      seed(seeded);
      const before = rowCounts(seeded);
      seeded.close();

      const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, step.version) });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(step.version);
        const after = rowCounts(db);
        for (const [table, count] of Object.entries(before)) expect(after[table], table).toBe(count);
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const expectation = EXPECTATIONS[step.version];
        if (!expectation) throw new Error(`Add EXPECTATIONS[${step.version}] for migration ${step.name}`);
        expectation(db);
      } finally {
        db.close();
      }
    });
  }

  it('the latest seed is valid at the latest version and survives a reopen', () => {
    const file = path.join(tempDir(), 'mobius.db');
    const db = openDatabase(file);
    SEEDS[LATEST_SCHEMA_VERSION]?.(db);
    const before = rowCounts(db);
    db.close();
    const reopened = new BetterSqlite3(file);
    expect(rowCounts(reopened)).toEqual(before);
    reopened.close();
  });
});
