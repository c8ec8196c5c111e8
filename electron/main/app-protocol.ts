import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const notFound = () => new Response('Not found', { status: 404 });

/**
 * `app://mobius/<path>` → a file of the built renderer, nothing else. The
 * renderer gets a real, secure origin (so the CSP header applies and the
 * file-protocol fuse can stay off); every response carries the CSP header.
 * Encoded separators, backslashes, NUL and anything resolving outside the
 * renderer folder are refused, as are file types the renderer never ships.
 */
export async function serveRenderer(rendererDir: string, requestUrl: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  const raw = url.pathname === '/' ? '/index.html' : url.pathname;
  if (/%(2f|5c|00)/i.test(raw)) return notFound();
  let relative: string;
  try {
    relative = decodeURIComponent(raw);
  } catch {
    return notFound();
  }
  if (relative.includes('\\') || relative.includes('\0')) return notFound();
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return notFound();
  const type = MIME[path.extname(file).toLowerCase()];
  if (!type) return notFound();
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();
  return new Response(new Uint8Array(await readFile(file)), {
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}
