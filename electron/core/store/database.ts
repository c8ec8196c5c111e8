import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import { unwritableDataDir } from './data-dir';
import { MIGRATIONS, type Migration } from './migrations';

export type { Database } from 'better-sqlite3';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_FORMAT']);
const UNWRITABLE_CODES = new Set(['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_FULL', 'SQLITE_IOERR']);

export interface OpenDatabaseOptions {
  /** The schema steps to apply; tests pass a prefix to build a database at an older version. */
  migrations?: readonly Migration[];
  /** Run `PRAGMA quick_check` before migrating (default true). */
  integrityCheck?: boolean;
}

export function databaseCorrupt(file: string, reason: string, cause?: unknown): MobiusError {
  return new MobiusError(
    'DATABASE_CORRUPT',
    `The Mobius library "${file}" is damaged or is not a Mobius database (${reason}). ` +
      'Nothing was changed. Quit Mobius, move that file somewhere else (or restore it from a backup), then start Mobius again to begin with an empty library.',
    { file, reason },
    { cause },
  );
}

export function databaseTooNew(file: string, found: number, supported: number): MobiusError {
  return new MobiusError(
    'DATABASE_TOO_NEW',
    `The Mobius library "${file}" was written by a newer version of Mobius (schema ${found}; this version understands up to ${supported}). ` +
      'Update Mobius to open it. The file was left untouched.',
    { file, found, supported },
  );
}

/**
 * Open (or create) the library database: WAL, foreign keys on, and every
 * pending migration applied in one transaction. A database from a newer
 * Mobius, or a damaged file, is refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const migrations = options.migrations ?? MIGRATIONS;
  assertSqliteHeader(file);
  let db: Database | undefined;
  try {
    const conn = new BetterSqlite3(file);
    db = conn;
    conn.pragma('busy_timeout = 5000');
    // Read-only checks first: a refused file must stay byte-identical, and switching
    // to WAL would rewrite its header. One read transaction, so a first launch racing
    // another process sees a consistent snapshot.
    const [version, tables] = conn.transaction(() => [schemaVersion(conn), tableCount(conn)] as const)();
    const latest = migrations.length;
    if (version > latest) throw databaseTooNew(file, version, latest);
    if (version === 0 && tables > 0) {
      // Another program's database at our path: creating our tables inside it would damage it.
      throw databaseCorrupt(file, 'it holds tables that are not from Mobius');
    }
    if (options.integrityCheck !== false) {
      const result = conn.pragma('quick_check(1)', { simple: true }) as string;
      if (result !== 'ok') throw databaseCorrupt(file, `integrity check: ${result}`);
    }
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    conn.pragma('foreign_keys = ON');
    migrate(conn, migrations);
    return conn;
  } catch (error) {
    db?.close();
    throw mapOpenError(file, error);
  }
}

/** Apply the steps after the database's `user_version`, all in one transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
  if (schemaVersion(db) >= migrations.length) return schemaVersion(db);
  // IMMEDIATE and re-read inside: the app and the CLI may open the library at the same moment,
  // and only one of them may run a step.
  const run = db.transaction(() => {
    const pending = migrations.slice(schemaVersion(db));
    for (const step of pending) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`Migration left ${broken.length} broken references`);
    return schemaVersion(db);
  });
  return run.immediate();
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function tableCount(db: Database): number {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
}

/** SQLite would report a foreign file lazily; we refuse it before opening so nothing can write to it. */
function assertSqliteHeader(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // No file yet: SQLite creates it.
  }
  if (size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw databaseCorrupt(file, 'not a SQLite database');
}

function mapOpenError(file: string, error: unknown): unknown {
  if (isMobiusError(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    const base = code.split('_').slice(0, 2).join('_');
    if (CORRUPT_CODES.has(code) || CORRUPT_CODES.has(base)) return databaseCorrupt(file, code, error);
    if (UNWRITABLE_CODES.has(code) || UNWRITABLE_CODES.has(base)) return unwritableDataDir(path.dirname(file), error);
  }
  return error;
}
