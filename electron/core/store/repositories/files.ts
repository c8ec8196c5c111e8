import type { StoredFile } from '../file-store';
import type { RepositoryContext } from './common';

export interface FileRecord {
  sha256: string;
  ext: string;
  mime: string | null;
  size: number;
  created_at: string;
}

/** The `files` table: which stored files the library knows about (rows reference them by sha256). */
export class FileRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** Idempotent: recording the same content twice keeps the first row. */
  record(file: Pick<StoredFile, 'sha256' | 'ext' | 'mime' | 'size'>): FileRecord {
    this.ctx.db
      .prepare('INSERT INTO files (sha256, ext, mime, size, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING')
      .run(file.sha256, file.ext, file.mime, file.size, this.ctx.now());
    return this.get(file.sha256)!;
  }

  get(sha256: string): FileRecord | null {
    return (this.ctx.db.prepare('SELECT * FROM files WHERE sha256 = ?').get(sha256) as FileRecord | undefined) ?? null;
  }

  /** Every digest the database knows; anything else under files/ is an orphan. */
  allDigests(): Set<string> {
    const rows = this.ctx.db.prepare('SELECT sha256 FROM files').pluck().all() as string[];
    return new Set(rows);
  }
}
