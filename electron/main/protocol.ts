import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../core/app';

export const ASSET_SCHEME = 'mobius-asset';

/** Must run before app 'ready': lets <img src="mobius-asset://…"> load like a normal, secure origin. */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
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
