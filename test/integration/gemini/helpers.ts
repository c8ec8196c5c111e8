import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Settings } from '../../../shared/schema/settings';
import { createMemoryLogger, type MemoryLogger } from '../../../electron/core/log';
import { createGeminiClient, type GeminiClient, type GeminiClientOptions, type ImageSink } from '../../../electron/core/gemini';
import { sha256Hex } from '../../../electron/core/store/file-store';

export const SENTINEL_KEY = 'sentinel-key-7f3a9c1e-DO-NOT-LEAK';

export function tempDir(prefix = 'mobius-gemini-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-memory image sink with the same URI shape as the FileStore sink. */
export function memorySink(): ImageSink & { stored: Map<string, Uint8Array> } {
  const stored = new Map<string, Uint8Array>();
  return {
    stored,
    put(bytes) {
      const sha256 = sha256Hex(bytes);
      stored.set(sha256, bytes);
      return { sha256, uri: `mobius-asset://files/${sha256}.png` };
    },
    read({ sha256 }) {
      const bytes = stored.get(sha256);
      if (!bytes) throw new Error(`no stored image ${sha256}`);
      return bytes;
    },
  };
}

export interface TestClient {
  client: GeminiClient;
  logger: MemoryLogger;
  sleeps: number[];
}

/** A client against the fake, with sleeps recorded instead of waited and a fixed jitter. */
export function testClient(baseUrl: string, overrides: Partial<Omit<GeminiClientOptions, 'settings'>> & { settings?: Partial<Settings> } = {}): TestClient {
  const logger = createMemoryLogger();
  const sleeps: number[] = [];
  const { settings: settingsPatch, ...rest } = overrides;
  const client = createGeminiClient({
    settings: { ...Settings.parse({}), ...settingsPatch },
    apiKey: SENTINEL_KEY,
    logger,
    images: memorySink(),
    baseUrl,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...rest,
  });
  return { client, logger, sleeps };
}
