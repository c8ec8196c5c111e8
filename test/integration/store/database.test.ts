import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, openDatabase, openStore, type Migration } from '../../../electron/core/store';
import { useTempDirs } from './temp-dir';

function errorOf(fn: () => unknown): MobiusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MobiusError);
    return error as MobiusError;
  }
  throw new Error('expected an error');
}

describe('openDatabase', () => {
  const tempDir = useTempDirs();

  it('creates a fresh database at the latest version with WAL and foreign keys on', () => {
    const db = openDatabase(path.join(tempDir(), 'mobius.db'));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      // FTS5's own shadow tables (asset_search_*) are SQLite's business, not the schema's.
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'asset_search_%' ORDER BY name").pluck().all();
      expect(tables).toEqual(['asset_search', 'assets', 'audits', 'brand_versions', 'brands', 'files', 'jobs', 'library_entries', 'settings', 'templates', 'thumbnails']);
    } finally {
      db.close();
    }
  });

  it('reopens an up-to-date database without changing it', () => {
    const file = path.join(tempDir(), 'mobius.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer Mobius and leaves the file byte-identical', () => {
    const file = path.join(tempDir(), 'mobius.db');
    openDatabase(file).close();
    const newer = new BetterSqlite3(file);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    const before = readFileSync(file);

    const error = errorOf(() => openDatabase(file));
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/newer version of Mobius/);
    expect(error.message).toMatch(/Update Mobius/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a newer rollback-journal database without switching it to WAL', () => {
    const file = path.join(tempDir(), 'mobius.db');
    const newer = new BetterSqlite3(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    newer.close();
    const before = readFileSync(file);
    expect(errorOf(() => openStore({ dataDir: path.dirname(file) })).code).toBe('DATABASE_TOO_NEW');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database, names it, and does not touch it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'mobius.db');
    const garbage = Buffer.from('%PDF-1.7 this is not a database at all '.repeat(200));
    writeFileSync(file, garbage);

    const error = errorOf(() => openStore({ dataDir: dir }));
    expect(error.code).toBe('DATABASE_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/backup|move/i);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a short garbage file without touching it', () => {
    const file = path.join(tempDir(), 'mobius.db');
    writeFileSync(file, 'hello');
    expect(errorOf(() => openDatabase(file)).code).toBe('DATABASE_CORRUPT');
    expect(readFileSync(file, 'utf8')).toBe('hello');
  });

  it('refuses another program\'s SQLite database instead of adding tables to it', () => {
    const file = path.join(tempDir(), 'mobius.db');
    const other = new BetterSqlite3(file);
    other.exec("CREATE TABLE brands (id INTEGER PRIMARY KEY, label TEXT); INSERT INTO brands (label) VALUES ('theirs')");
    other.close();
    const before = readFileSync(file);
    const error = errorOf(() => openDatabase(file));
    expect(error.code).toBe('DATABASE_CORRUPT');
    expect(error.message).toMatch(/not from Mobius/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a SQLite file whose pages are damaged, and does not touch it', () => {
    const dir = tempDir();
    const store = openStore({ dataDir: dir });
    const g = { colors: [], typography: [], logos: [], rules: [] };
    for (let i = 0; i < 200; i += 1) store.brands.create({ name: `Brand ${i}`, guidelines: g, compressed_twin: null, note: 'x'.repeat(500) });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const file = path.join(dir, 'mobius.db');
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle pages; the header stays valid so only the integrity check can tell.
    bytes.fill(0xa5, pageSize * 3, pageSize * 8);
    writeFileSync(file, bytes);

    const error = errorOf(() => openStore({ dataDir: dir }));
    expect(error.code).toBe('DATABASE_CORRUPT');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('applies all pending migrations in one transaction: a failing step leaves the previous version intact', () => {
    const file = path.join(tempDir(), 'mobius.db');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, LATEST_SCHEMA_VERSION) }).close();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('step failed');
      },
    };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] })).toThrow('step failed');
    const db = new BetterSqlite3(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const gap: Migration = { version: LATEST_SCHEMA_VERSION + 2, name: 'gap', up: () => undefined };
    expect(() => openDatabase(path.join(tempDir(), 'x.db'), { migrations: [...MIGRATIONS, gap] })).toThrow(/expected/);
  });
});
