import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { OperationName } from '../../shared/ipc';

/** What a path handed to main is for; each operation opens exactly one kind. */
export type FileKind = 'pdf' | 'image' | 'brand' | 'logo' | 'folder';

/** Extensions per kind of file; a folder (an export destination) has none and is only ever granted from the folder dialog. */
export const EXTENSIONS: Record<Exclude<FileKind, 'folder'>, readonly string[]> = {
  pdf: ['.pdf'],
  image: ['.png', '.jpg', '.jpeg', '.webp'],
  brand: ['.json'],
  logo: ['.svg', '.png', '.pdf', '.jpg', '.jpeg', '.webp'],
};

/** Every operation that opens a file the renderer names, and the kind of file it may open. */
export const PATH_OPERATIONS: Partial<Record<OperationName, FileKind>> = {
  'brands.ingest': 'pdf',
  'brands.import': 'brand',
  'assets.importAndAudit': 'image',
  'brands.addLogo': 'logo',
  'exports.assets': 'folder',
};

export interface PathGrantsOptions {
  /** How long a grant lasts: the renderer uses a dropped or chosen file at once. Default 5 minutes. */
  ttlMs?: number;
  /** Most grants held at once (a flood of drops cannot grow memory). Default 64. */
  maxGrants?: number;
  now?: () => number;
  platform?: NodeJS.Platform;
  realpath?: (file: string) => string;
  isFile?: (file: string) => boolean;
  isDirectory?: (file: string) => boolean;
}

export type TakeResult = { ok: true; path: string } | { ok: false; reason: 'not_a_path' | 'not_granted' | 'wrong_kind' };

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * A path Mobius may even look at: absolute, no NUL, and never a UNC or device
 * path (`\\server\share`, `\\?\`, `\\.\`, `//host/…`) — on Windows merely
 * resolving one would send the user's NTLM hash to that server. Checked on the
 * string, before any file-system call.
 */
export function isLocalAbsolutePath(file: unknown, platform: NodeJS.Platform = process.platform): file is string {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || file.includes('\0')) return false;
  if (/^[\\/]{2}/.test(file)) return false;
  if (platform === 'win32') {
    if (!/^[A-Za-z]:[\\/]/.test(file)) return false;
    // A second colon is an alternate data stream (file.pdf:secret).
    if (file.indexOf(':', 2) !== -1) return false;
    return !file.split(/[\\/]/).some((part) => WINDOWS_DEVICE.test(part.replace(/[ .]+$/, '')));
  }
  return file.startsWith('/');
}

function extensionOf(file: string, platform: NodeJS.Platform): string {
  return (platform === 'win32' ? path.win32 : path.posix).extname(file).toLowerCase();
}

/**
 * The files the renderer may hand back to main: those the user dropped (the
 * preload announces a real File's path) or chose in a native dialog. Enforced
 * here, in main, whatever the renderer sends: a grant is the real path of a
 * regular file with an extension Mobius opens; it is used once, for an
 * operation that opens that kind of file, within a few minutes. The engine is
 * then given the resolved path, so a symlink swapped in afterwards cannot
 * redirect it.
 */
export class PathGrants {
  private readonly granted = new Map<string, { expires: number; kind: FileKind | null }>();
  private readonly ttlMs: number;
  private readonly maxGrants: number;
  private readonly now: () => number;
  private readonly platform: NodeJS.Platform;
  private readonly realpath: (file: string) => string;
  private readonly isFile: (file: string) => boolean;
  private readonly isDirectory: (file: string) => boolean;

  constructor(options: PathGrantsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.maxGrants = options.maxGrants ?? 64;
    this.now = options.now ?? Date.now;
    this.platform = options.platform ?? process.platform;
    this.realpath = options.realpath ?? ((file) => realpathSync.native(file));
    this.isFile = options.isFile ?? ((file) => statSync(file).isFile());
    this.isDirectory = options.isDirectory ?? ((file) => statSync(file).isDirectory());
  }

  /** The real path of a local regular file with an extension of `kind` (any file kind when null) or of a local folder, or null. */
  private resolve(file: unknown, kind: FileKind | null): string | null {
    if (!isLocalAbsolutePath(file, this.platform)) return null;
    let real: string;
    try {
      real = this.realpath(file);
      if (!isLocalAbsolutePath(real, this.platform)) return null;
      if (kind === 'folder') return this.isDirectory(real) ? real : null;
      if (!this.isFile(real)) return null;
    } catch {
      return null;
    }
    const ext = extensionOf(real, this.platform);
    const allowed = kind ? EXTENSIONS[kind] : Object.values(EXTENSIONS).flat();
    return allowed.includes(ext) ? real : null;
  }

  private prune(): void {
    const now = this.now();
    for (const [file, grant] of this.granted) if (grant.expires <= now) this.granted.delete(file);
  }

  /** Grant a dropped file (kind unknown) or a dialog's choice (its kind). False when the path is not acceptable. */
  grant(file: unknown, kind: FileKind | null = null): boolean {
    const real = this.resolve(file, kind);
    if (!real) return false;
    this.prune();
    this.granted.delete(real);
    if (this.granted.size >= this.maxGrants) this.granted.delete(this.granted.keys().next().value!);
    this.granted.set(real, { expires: this.now() + this.ttlMs, kind });
    return true;
  }

  /** Use a grant for an operation that opens `kind`: consumed, and the resolved path returned. */
  take(file: unknown, kind: FileKind): TakeResult {
    if (!isLocalAbsolutePath(file, this.platform)) return { ok: false, reason: 'not_a_path' };
    this.prune();
    const real = this.resolve(file, kind === 'folder' ? 'folder' : null);
    const grant = real ? this.granted.get(real) : undefined;
    if (!real || !grant) return { ok: false, reason: 'not_granted' };
    this.granted.delete(real);
    if (kind === 'folder' ? grant.kind !== 'folder' : !EXTENSIONS[kind].includes(extensionOf(real, this.platform)) || (grant.kind && grant.kind !== kind)) {
      return { ok: false, reason: 'wrong_kind' };
    }
    return { ok: true, path: real };
  }

  get size(): number {
    this.prune();
    return this.granted.size;
  }
}

/** The file path a request carries, if any (the contract names it `path` everywhere). */
export function requestedPath(request: unknown): unknown {
  if (typeof request !== 'object' || request === null || !('path' in request)) return undefined;
  return (request as { path: unknown }).path;
}
