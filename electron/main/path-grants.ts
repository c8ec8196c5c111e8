import path from 'node:path';

/**
 * The file paths the renderer may hand back to main: those the user dropped
 * (registered by the preload from a real File via webUtils.getPathForFile)
 * or chose in a native dialog. Anything else — a path a compromised page made
 * up — is refused, so the renderer never reaches files the user did not give it.
 */
export class PathGrants {
  private readonly granted = new Set<string>();

  grant(file: string): void {
    if (typeof file === 'string' && path.isAbsolute(file)) this.granted.add(path.resolve(file));
  }

  has(file: string): boolean {
    return path.isAbsolute(file) && this.granted.has(path.resolve(file));
  }
}

/** The file path a request carries, if any (the contract names it `path` everywhere). */
export function requestedPath(request: unknown): string | null {
  if (typeof request !== 'object' || request === null || !('path' in request)) return null;
  const value = (request as { path: unknown }).path;
  return typeof value === 'string' ? value : null;
}
