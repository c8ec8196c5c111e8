import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { InlineConfig, Plugin } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The renderer outside Electron talks to the development bridge on
 * 127.0.0.1 (WebSocket + HTTP for files and uploads), so the browser build's
 * CSP allows exactly that in addition to the packaged app's policy.
 */
function bridgeCsp(): Plugin {
  let serving = false;
  return {
    name: 'mobius-bridge-csp',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml(html) {
      // The dev server injects React Refresh's inline preamble; only `npm run dev:web` allows inline scripts.
      const dev = serving ? (text: string) => text.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : (text: string) => text;
      return dev(html)
        .replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*")
        .replace('img-src \'self\' data: blob: mobius-asset:', "img-src 'self' data: blob: mobius-asset: http://127.0.0.1:*");
    },
  };
}

/** Vite config for the renderer in a normal browser (dev:web, E2E, bench:renderer). */
export function webRendererConfig(options: { outDir?: string; port?: number } = {}): InlineConfig {
  return {
    configFile: false,
    root: resolve(ROOT, 'renderer'),
    plugins: [react(), bridgeCsp()],
    logLevel: 'warn',
    server: { port: options.port ?? 5173, host: '127.0.0.1', strictPort: false },
    build: {
      outDir: options.outDir ?? resolve(ROOT, 'out/renderer-web'),
      emptyOutDir: true,
      reportCompressedSize: false,
    },
  };
}
