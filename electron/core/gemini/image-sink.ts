import { fileUri, type FileStore } from '../store/file-store';
import type { ImageRef } from './session';

/** Where generated images go (content address and the URI the app uses for it), and where an edit reads them back. */
export interface ImageSink {
  put(bytes: Uint8Array, mime: string): Promise<StoredImage> | StoredImage;
  /** A stored image by content address (edit sessions keep references, not bytes). */
  read(ref: ImageRef): Promise<Uint8Array> | Uint8Array;
}

export interface StoredImage {
  sha256: string;
  /** `mobius-asset://files/<sha256>.<ext>` for the FileStore sink. */
  uri: string;
}

const EXT_BY_MIME: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'image/svg+xml': 'svg',
};

export function extensionForMime(mime: string): string {
  return EXT_BY_MIME[mime.toLowerCase()] ?? 'bin';
}

/**
 * Adapt the content-addressed FileStore (or `Store.putFileThen`-like writer) to
 * an ImageSink: the file is written atomically and addressed by its SHA-256.
 */
export function fileStoreImageSink(files: Pick<FileStore, 'put' | 'read'>): ImageSink {
  return {
    async put(bytes, mime) {
      const stored = await files.put(bytes, extensionForMime(mime), mime);
      return { sha256: stored.sha256, uri: fileUri(stored.sha256, stored.ext) };
    },
    read: (ref) => files.read(ref.sha256, extensionForMime(ref.mime)),
  };
}
