import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import { unwritableDataDir } from './data-dir';
import { syncDir, writeDurable } from './durable';

export interface StoredFile {
  sha256: string;
  /** Lower-case, without the dot. */
  ext: string;
  mime: string | null;
  /** Absolute path of the stored copy. */
  path: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
const EXT = /^[a-z0-9]{1,10}$/;
const TEMP_PREFIX = '.tmp-';

/** The URI the app (mobius-asset:// protocol) and exports use to point at a stored file. */
export function fileUri(sha256: string, ext: string): string {
  return `mobius-asset://files/${sha256}.${normalizeExt(ext)}`;
}

export function parseFileUri(uri: string): { sha256: string; ext: string } | null {
  const match = /^mobius-asset:\/\/files\/([0-9a-f]{64})\.([a-z0-9]{1,10})$/.exec(uri);
  return match ? { sha256: match[1]!, ext: match[2]! } : null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function normalizeExt(ext: string): string {
  const clean = ext.trim().replace(/^\./, '').toLowerCase();
  if (!EXT.test(clean)) throw new MobiusError('VALIDATION', `"${ext}" is not a valid file extension.`, { ext });
  return clean;
}

function assertSha(sha256: string): void {
  if (!SHA256.test(sha256)) throw new MobiusError('VALIDATION', `"${sha256}" is not a SHA-256 hex digest.`);
}

/**
 * Content-addressed files under `<data>/files/<aa>/<sha256>.<ext>`. A file is
 * complete or absent: it is written to a temp file in the same folder,
 * fsynced and renamed into place. Write the file before the row that points
 * at it (see `Store.putFileThen`).
 */
export class FileStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
  }

  path(sha256: string, ext: string): string {
    assertSha(sha256);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.${normalizeExt(ext)}`);
  }

  has(sha256: string, ext: string): boolean {
    return existsSync(this.path(sha256, ext));
  }

  async put(bytes: Uint8Array, ext: string, mime: string | null = null): Promise<StoredFile> {
    const sha256 = sha256Hex(bytes);
    const cleanExt = normalizeExt(ext);
    const target = this.path(sha256, cleanExt);
    const stored: StoredFile = { sha256, ext: cleanExt, mime, path: target, size: bytes.byteLength };
    const existing = await stat(target).catch(() => null);
    // Same name means same content; a size mismatch means a torn copy from outside, so rewrite it.
    if (existing?.isFile() && existing.size === bytes.byteLength) return stored;

    const dir = path.dirname(target);
    const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(dir, { recursive: true });
      await writeDurable(temp, bytes);
      await rename(temp, target);
      await syncDir(dir);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw unwritableDataDir(path.dirname(this.root), error);
    }
    return stored;
  }

  async read(sha256: string, ext: string): Promise<Buffer> {
    try {
      return await readFile(this.path(sha256, ext));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new MobiusError('ASSET_NOT_FOUND', `The file ${sha256.slice(0, 12)}….${ext} is missing from the Mobius library.`, {
          sha256,
          ext,
        });
      }
      throw error;
    }
  }

  async remove(sha256: string, ext: string): Promise<void> {
    await rm(this.path(sha256, ext), { force: true });
  }

  /**
   * Delete stored files whose digest is not in `referenced`, and temp files
   * left by an interrupted write. Returns the removed paths.
   */
  async removeOrphans(referenced: ReadonlySet<string>): Promise<string[]> {
    const removed: string[] = [];
    const shards = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      const dir = path.join(this.root, shard.name);
      for (const name of await readdir(dir)) {
        const digest = name.split('.')[0] ?? '';
        const isTemp = name.startsWith(TEMP_PREFIX);
        if (isTemp || (SHA256.test(digest) && !referenced.has(digest))) {
          const full = path.join(dir, name);
          await rm(full, { force: true });
          removed.push(full);
        }
      }
    }
    return removed;
  }
}
