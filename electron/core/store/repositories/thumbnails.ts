import type { RepositoryContext } from './common';

export interface ThumbnailRecord {
  source_sha256: string;
  size: number;
  thumb_sha256: string;
  ext: string;
}

/** Which stored file is the thumbnail of which image (by content, so identical images share one). */
export class ThumbnailRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** The thumbnail file must already be recorded in `files` (Store.putFileThen). */
  record(thumb: ThumbnailRecord): void {
    this.ctx.db
      .prepare(
        `INSERT INTO thumbnails (source_sha256, size, thumb_sha256, ext, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (source_sha256, size) DO UPDATE SET thumb_sha256 = excluded.thumb_sha256, ext = excluded.ext`,
      )
      .run(thumb.source_sha256, thumb.size, thumb.thumb_sha256, thumb.ext, this.ctx.now());
  }

  get(sourceSha256: string, size: number): ThumbnailRecord | null {
    return (
      (this.ctx.db
        .prepare('SELECT source_sha256, size, thumb_sha256, ext FROM thumbnails WHERE source_sha256 = ? AND size = ?')
        .get(sourceSha256, size) as ThumbnailRecord | undefined) ?? null
    );
  }
}
