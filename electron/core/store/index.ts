import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ensureDataDir } from './data-dir';
import { openDatabase } from './database';
import { FileStore, normalizeExt, sha256Hex, type StoredFile } from './file-store';
import { AssetRepository } from './repositories/assets';
import { AuditRepository } from './repositories/audits';
import { BrandRepository } from './repositories/brands';
import { systemClock, type Clock, type RepositoryContext } from './repositories/common';
import { FileRepository } from './repositories/files';
import { JobRepository } from './repositories/jobs';
import { LibraryRepository } from './repositories/library';
import { SettingsRepository } from './repositories/settings';
import { TemplateRepository } from './repositories/templates';
import { ThumbnailRepository } from './repositories/thumbnails';

export * from './data-dir';
export * from './database';
export * from './file-store';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations';
export * from './repositories/assets';
export * from './repositories/audits';
export * from './repositories/brands';
export * from './repositories/files';
export * from './repositories/jobs';
export * from './repositories/library';
export * from './repositories/settings';
export * from './repositories/templates';
export * from './repositories/thumbnails';
export { systemClock, type Clock } from './repositories/common';

export const DATABASE_FILE_NAME = 'mobius.db';

export interface OpenStoreOptions {
  dataDir: string;
  /** Timestamps for new rows; tests inject one to order events. */
  now?: Clock;
}

export interface NewFile {
  bytes: Uint8Array;
  ext: string;
  mime: string | null;
}

export interface Store {
  readonly dataDir: string;
  readonly db: Database;
  /** Bytes on disk, content-addressed. */
  readonly files: FileStore;
  /** The `files` table: which stored files rows may reference. */
  readonly fileRecords: FileRepository;
  readonly brands: BrandRepository;
  readonly assets: AssetRepository;
  readonly audits: AuditRepository;
  readonly jobs: JobRepository;
  readonly settings: SettingsRepository;
  /** The library's read model: filters, search, sort, paging, cost by month (migration 2). */
  readonly library: LibraryRepository;
  readonly thumbnails: ThumbnailRepository;
  readonly templates: TemplateRepository;
  /** Run `fn` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  /**
   * Store the bytes, then in one transaction record them in `files` and run
   * `fn`. If `fn` throws, the file is deleted again unless a committed row
   * already knew it, so a failed write leaves no orphan.
   */
  putFileThen<T>(bytes: Uint8Array, ext: string, mime: string | null, fn: (file: StoredFile) => T): Promise<T>;
  /** `putFileThen` for several files that one transaction records together (a brand with its PDF and logo files). */
  putFilesThen<T>(files: readonly NewFile[], fn: (stored: StoredFile[]) => T): Promise<T>;
  /** Delete files on disk that no `files` row knows (crash leftovers). Call when no write is in flight, e.g. at startup. */
  removeOrphanFiles(): Promise<string[]>;
  close(): void;
}

/** Open the library in `dataDir` (created if needed): `<data>/mobius.db` and `<data>/files/`. */
export function openStore(options: OpenStoreOptions): Store {
  const dataDir = ensureDataDir(options.dataDir);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  const ctx: RepositoryContext = { db, now: options.now ?? systemClock };
  const files = new FileStore(dataDir);
  const fileRecords = new FileRepository(ctx);
  const transaction = <T>(fn: () => T): T => db.transaction(fn)();
  // Writes of the same content in progress: a failed one must not delete a file another is about to reference.
  const inFlight = new Map<string, number>();
  const putFilesThen = async <T>(input: readonly NewFile[], fn: (stored: StoredFile[]) => T): Promise<T> => {
    const keys = input.map((f) => `${sha256Hex(f.bytes)}.${normalizeExt(f.ext)}`);
    for (const key of keys) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    const stored: StoredFile[] = [];
    try {
      for (const f of input) stored.push(await files.put(f.bytes, f.ext, f.mime));
      return transaction(() => {
        for (const file of stored) fileRecords.record(file);
        return fn(stored);
      });
    } catch (error) {
      // Synchronous from the check to the unlink, so no other write can slip in between.
      stored.forEach((file, i) => {
        const key = keys[i]!;
        if (keys.indexOf(key) !== i) return;
        const sharedWithOtherWrite = (inFlight.get(key) ?? 0) > keys.filter((k) => k === key).length;
        if (db.open && !sharedWithOtherWrite && fileRecords.get(file.sha256) === null) rmSync(file.path, { force: true });
      });
      throw error;
    } finally {
      for (const key of keys) {
        const count = (inFlight.get(key) ?? 1) - 1;
        if (count === 0) inFlight.delete(key);
        else inFlight.set(key, count);
      }
    }
  };

  return {
    dataDir,
    db,
    files,
    fileRecords,
    brands: new BrandRepository(ctx),
    assets: new AssetRepository(ctx),
    audits: new AuditRepository(ctx),
    jobs: new JobRepository(ctx),
    settings: new SettingsRepository(ctx),
    library: new LibraryRepository(ctx),
    thumbnails: new ThumbnailRepository(ctx),
    templates: new TemplateRepository(ctx),
    transaction,
    putFileThen(bytes, ext, mime, fn) {
      return putFilesThen([{ bytes, ext, mime }], (stored) => fn(stored[0]!));
    },
    putFilesThen,
    removeOrphanFiles: () => files.removeOrphans(fileRecords.allDigests()),
    close: () => {
      if (db.open) db.close();
    },
  };
}
