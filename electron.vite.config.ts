import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/** `npm run dev` only: the Vite dev server injects React Refresh's inline preamble, which the strict CSP would block. */
function devServerCsp(): Plugin {
  return {
    name: 'mobius-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

// Optional native modules (keytar) stay external like the regular dependencies: loaded from
// node_modules at run time, never copied into the bundle with the build machine's binary.
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { include: Object.keys(pkg.optionalDependencies ?? {}) },
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          'audit.worker': resolve(import.meta.dirname, 'electron/core/audit/audit.worker.ts'),
          'evidence.worker': resolve(import.meta.dirname, 'electron/core/ingest/evidence.worker.ts'),
          'image.worker': resolve(import.meta.dirname, 'electron/core/library/image.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot be an ES module: one CommonJS bundle.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), devServerCsp()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves output unminified by default; the renderer ships minified (bench:renderer budget).
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
