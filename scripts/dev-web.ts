// npm run dev:web — the real renderer (vite dev server) against the real core
// through the development bridge, in any browser. Data: MOBIUS_DATA_DIR or
// ./.mobius-dev (never your desktop library unless you point it there).
import { resolve } from 'node:path';
import { createServer } from 'vite';
import { startBridgeHost } from '../electron/core/bridge';
import { webRendererConfig } from './web-renderer';

const dataDir = process.env['MOBIUS_DATA_DIR'] ?? resolve(import.meta.dirname, '../.mobius-dev');
const host = await startBridgeHost({ dataDir, env: process.env });
const vite = await createServer(webRendererConfig());
await vite.listen();
const address = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
const url = `${address}?bridge=127.0.0.1:${host.bridge.port}&token=${host.bridge.token}`;

process.stdout.write(`\nMobius dev:web\n  data:   ${dataDir}\n  bridge: ${host.bridge.origin} (127.0.0.1 only, token required)\n  open:   ${url}\n\n`);

const stop = async () => {
  await vite.close();
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
