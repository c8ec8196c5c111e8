import { THUMBNAIL_SIZE } from '../../../shared/vocab/library';
import type { Store } from '../store';
import type { ImageWorker } from './image-worker';

export interface StoredThumbnail {
  sha256: string;
  ext: string;
}

/** How many thumbnails are made at once (each is decoded and encoded on libuv's pool). */
const CONCURRENCY = 8;

/**
 * Thumbnails are made once per image content, in the image worker, and kept
 * as ordinary stored files (`files` rows + the `thumbnails` table), so the
 * asset protocol and the bridge serve them like any stored image and a
 * restart finds them again.
 */
export class Thumbnails {
  private readonly inFlight = new Map<string, Promise<StoredThumbnail | null>>();

  constructor(
    private readonly store: Store,
    private readonly worker: ImageWorker,
    readonly size = THUMBNAIL_SIZE,
  ) {}

  /** The thumbnail of each image (by content digest), made where missing; null for an image that cannot be read. */
  async ensure(images: readonly { sha256: string; ext: string }[]): Promise<Map<string, StoredThumbnail | null>> {
    const result = new Map<string, StoredThumbnail | null>();
    const todo = [...new Map(images.map((i) => [i.sha256, i])).values()];
    let next = 0;
    const lane = async () => {
      while (next < todo.length) {
        const image = todo[next++]!;
        result.set(image.sha256, await this.one(image.sha256, image.ext));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, lane));
    return result;
  }

  private one(sha256: string, ext: string): Promise<StoredThumbnail | null> {
    const known = this.store.thumbnails.get(sha256, this.size);
    if (known && this.store.files.has(known.thumb_sha256, known.ext)) return Promise.resolve({ sha256: known.thumb_sha256, ext: known.ext });
    const running = this.inFlight.get(sha256);
    if (running) return running;
    const work = this.make(sha256, ext).finally(() => this.inFlight.delete(sha256));
    this.inFlight.set(sha256, work);
    return work;
  }

  private async make(sha256: string, ext: string): Promise<StoredThumbnail | null> {
    let thumb;
    try {
      thumb = await this.worker.thumbnail(this.store.files.path(sha256, ext), this.size);
    } catch {
      // A damaged or missing original: the grid shows a placeholder rather than failing the page.
      return null;
    }
    return this.store.putFileThen(thumb.bytes, 'webp', thumb.mime, (file) => {
      this.store.thumbnails.record({ source_sha256: sha256, size: this.size, thumb_sha256: file.sha256, ext: file.ext });
      return { sha256: file.sha256, ext: file.ext };
    });
  }
}
