import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { err, type Result } from '../../../shared/ipc';
import { dispatch, type Engine } from '../app';
import { MAX_UPLOAD_BYTES, type BridgeMessage, type BridgeRequest } from './protocol';

export interface BridgeOptions {
  engine: Pick<Engine, 'handlers' | 'events' | 'storedFilePath'>;
  /** 0 = any free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Serve a built renderer (vite build output) at `/`, e.g. for E2E tests. */
  staticDir?: string;
  /** Where uploaded files (browser drops) are written; removed on close. */
  uploadDir: string;
  token?: string;
}

export interface Bridge {
  readonly port: number;
  readonly token: string;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** The page to open: the served renderer with the token (hash, so it never reaches a server log). */
  readonly appUrl: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function sameToken(a: string | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Browsers send Origin on WebSocket upgrades: only local pages may talk to the bridge (DNS-rebinding guard). */
function isLocalOrigin(origin: string | undefined): boolean {
  if (!origin) return true; // non-browser clients (tests, scripts) still need the token
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(body);
}

function safeUploadName(name: string | null): string {
  const base = path.basename(name ?? 'upload').replace(/[^\w.\- ]+/g, '_').slice(0, 120);
  return base && base !== '.' && base !== '..' ? base : 'upload';
}

/**
 * The development bridge: the IPC contract over a WebSocket on 127.0.0.1 with
 * a random session token, stored files and uploads over HTTP (token-checked),
 * and optionally the built renderer. The renderer talks to it through the
 * `window.mobius` shim exactly as it talks to Electron main through the preload.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { engine } = options;
  await mkdir(options.uploadDir, { recursive: true });
  const uploadRoot = await realpath(options.uploadDir);

  /**
   * The bridge opens only files uploaded through it: whatever path a page names,
   * it must resolve inside the upload folder, and the engine gets the resolved path.
   */
  async function confine(request: unknown): Promise<{ request: unknown } | { refused: Result<never> }> {
    if (typeof request !== 'object' || request === null || !('path' in request)) return { request };
    const file = (request as { path: unknown }).path;
    if (typeof file !== 'string') return { request };
    const real = await realpath(file).catch(() => null);
    if (!real || !real.startsWith(uploadRoot + path.sep)) {
      return { refused: err('VALIDATION', 'The development bridge only opens files uploaded through it. Drop the file again.') };
    }
    return { request: { ...request, path: real } };
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_UPLOAD_BYTES) return send(res, 413, 'File too large');
    const dir = path.join(options.uploadDir, randomUUID());
    await mkdir(dir, { recursive: true });
    const target = path.join(dir, safeUploadName(url.searchParams.get('name')));
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_UPLOAD_BYTES) req.destroy(new Error('too large'));
    });
    try {
      await pipeline(req, createWriteStream(target));
    } catch {
      await rm(dir, { recursive: true, force: true });
      return send(res, 413, 'Upload failed or too large');
    }
    send(res, 200, JSON.stringify({ path: target }), 'application/json');
  }

  async function serveFile(res: ServerResponse, file: string, cache: boolean): Promise<void> {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return send(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': cache ? 'private, max-age=31536000, immutable' : 'no-store',
    });
    await pipeline(createReadStream(file), res).catch(() => undefined);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!options.staticDir) return send(res, 404, 'Not found');
    const root = path.resolve(options.staticDir);
    const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = path.resolve(root, `.${rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) return send(res, 404, 'Not found');
    return serveFile(res, file, false);
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorised = sameToken(url.searchParams.get('token') ?? (req.headers['x-mobius-token'] as string | undefined) ?? null, token);
      if (url.pathname.startsWith('/files/')) {
        if (!authorised || req.method !== 'GET') return send(res, 403, 'Forbidden');
        const file = engine.storedFilePath(url.pathname.slice('/files/'.length));
        return file ? serveFile(res, file, true) : send(res, 404, 'Not found');
      }
      if (url.pathname === '/upload') {
        if (!authorised || req.method !== 'POST' || !isLocalOrigin(req.headers.origin)) return send(res, 403, 'Forbidden');
        return upload(req, res, url);
      }
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
      return serveStatic(res, url.pathname);
    })().catch(() => send(res, 500, 'Internal error'));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ipc' || !sameToken(url.searchParams.get('token'), token) || !isLocalOrigin(req.headers.origin)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const post = (message: BridgeMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const off = engine.events.onAny((event, payload) => post({ event, payload }));
    ws.on('close', off);
    ws.on('message', (data) => {
      let message: BridgeRequest;
      try {
        message = JSON.parse(String(data)) as BridgeRequest;
      } catch {
        return;
      }
      if (typeof message?.id !== 'number') return;
      void confine(message.request)
        .then((confined) => ('refused' in confined ? confined.refused : dispatch(engine, message.op, confined.request)))
        .then((result) => post({ id: message.id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    token,
    origin,
    appUrl: `${origin}/#token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(options.uploadDir, { recursive: true, force: true });
    },
  };
}
