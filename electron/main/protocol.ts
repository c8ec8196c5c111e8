import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../core/app';
import { serveRenderer } from './app-protocol';
import { APP_SCHEME } from './security';

export const ASSET_SCHEME = 'mobius-asset';

/**
 * Must run before app 'ready'. `app://` serves the renderer and `mobius-asset://`
 * the stored images, both as standard, secure origins. Neither is registered
 * with the operating system: no other program can open a Mobius URL.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * `mobius-asset://files/<sha256>.<ext>` → the stored file, nothing else. The
 * name is matched against a strict pattern and must be a known row of the
 * files table; the path is built from the digest under `<data>/files`, so no
 * request can reach outside it (no `..`, no absolute paths, no other files).
 */
export async function serveAsset(engine: Pick<Engine, 'storedFilePath'>, requestUrl: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  if (url.protocol !== `${ASSET_SCHEME}:` || url.host !== 'files') return new Response('Not found', { status: 404 });
  const name = url.pathname.replace(/^\//, '');
  const file = engine.storedFilePath(name);
  if (!file) return new Response('Not found', { status: 404 });
  return net.fetch(pathToFileURL(file).toString());
}

export function handleAssetProtocol(engine: Pick<Engine, 'storedFilePath'>): void {
  protocol.handle(ASSET_SCHEME, (request) => serveAsset(engine, request.url));
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRenderer(rendererDir, request.url));
}
