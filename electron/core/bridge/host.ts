import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../app';
import { startBridge, type Bridge } from './server';

export interface BridgeHostOptions extends Omit<EngineOptions, 'fileUrl' | 'openFileDialog'> {
  port?: number;
  staticDir?: string;
}

export interface BridgeHost {
  engine: Engine;
  bridge: Bridge;
  close(): Promise<void>;
}

/** Engine + bridge wired together: stored files are addressed as token-checked bridge URLs. */
export async function startBridgeHost(options: BridgeHostOptions): Promise<BridgeHost> {
  const { port, staticDir, ...engineOptions } = options;
  let base = '';
  let token = '';
  const engine = await createEngine({
    ...engineOptions,
    fileUrl: (sha256, ext) => `${base}/files/${sha256}.${ext}?token=${encodeURIComponent(token)}`,
  });
  const bridge = await startBridge({
    engine,
    uploadDir: mkdtempSync(path.join(tmpdir(), 'mobius-uploads-')),
    ...(port !== undefined ? { port } : {}),
    ...(staticDir ? { staticDir } : {}),
  });
  base = bridge.origin;
  token = bridge.token;
  return {
    engine,
    bridge,
    async close() {
      await bridge.close();
      await engine.close();
    },
  };
}
