// The Gemini key must never reach the database, the logs or an error message.
// Exercise settings, secrets and the logger the way the app does (including
// failure paths that mention the key), then grep every byte in the data dir.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import { createLogger, createMemoryLogger, type Logger } from '../../../electron/core/log';
import {
  EnvSecretStore,
  GEMINI_ACCOUNT,
  NativeKeychainStore,
  MemorySecretStore,
  geminiKeyStatus,
  resolveGeminiApiKey,
  type SecretStore,
} from '../../../electron/core/secrets';
import { SettingsService } from '../../../electron/core/settings';
import { requireGeminiConfig } from '../../../electron/core/gemini';
import { openStore } from '../../../electron/core/store';

// Google-shaped (pattern redaction applies) and not Google-shaped (only the registry can catch it).
const SENTINELS = ['AIzaSySENTINEL-never_on_disk_0123456789', 'mobius-SENTINEL-key-9f8e7d6c5b4a'];

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mobius-sentinel-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every way a caller could plausibly hand the key to a logger. */
function logEverything(logger: Logger, key: string, errors: unknown[]): void {
  logger.info('key_loaded', { apiKey: key, gemini_api_key: key, has_key: true });
  logger.error('gemini_failed', {
    model_name: 'gemini-3.1-pro-preview',
    operation_type: 'image_generation',
    error: new Error(`401 from https://generativelanguage.googleapis.com/v1beta/models?key=${key}: API key ${key} not valid`),
    request: { url: `https://h/v1?alt=sse&key=${key}`, headers: { 'x-goog-api-key': key, Authorization: `Bearer ${key}` } },
    note: `retrying with ${key}`,
    nested: { deeper: [{ text: `...${key}...` }, new MobiusError('GEMINI_AUTH', `bad key ${key}`, { key })] },
  });
  logger.child({ token: key }).warn(`event mentioning ${key}`, { [`field_${key}`]: 1 });
  for (const error of errors) logger.error('operation_failed', { error });
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('a sentinel key never reaches disk, logs or errors', () => {
  it('after exercising settings, secret stores and the logger against a real data dir', async () => {
    const store = openStore({ dataDir });
    const fileLogger = createLogger({ dir: path.join(dataDir, 'logs'), maxBytes: 4_000, maxFiles: 3 });
    const memoryLogger = createMemoryLogger();
    const settings = new SettingsService(store.settings, { env: {}, logger: fileLogger });
    const errors: unknown[] = [];

    for (const key of SENTINELS) {
      // Stores: set through memory, read through env, fail through a broken keychain.
      const memory = new MemorySecretStore();
      await memory.set(GEMINI_ACCOUNT, `${key}\n`);
      const env = { GEMINI_API_KEY: key };
      const stores: SecretStore[] = [memory, new EnvSecretStore(env)];
      const brokenKeychain = new NativeKeychainStore({
        load: async () => ({
          getPassword: async () => {
            throw new Error(`keychain exploded while holding ${key}`);
          },
          setPassword: async (_s, _a, password) => {
            throw new Error(`could not store ${password}`);
          },
          deletePassword: async () => false,
        }),
      });
      errors.push(await settle(brokenKeychain.set(GEMINI_ACCOUNT, key)));
      errors.push(await settle(brokenKeychain.get(GEMINI_ACCOUNT)));
      errors.push(await settle(memory.set(GEMINI_ACCOUNT, `${key} ${key}`)));
      errors.push(await settle(new EnvSecretStore(env).set(GEMINI_ACCOUNT, key)));
      for (const secrets of stores) {
        expect(await resolveGeminiApiKey(secrets, {})).toBe(key);
        const config = await requireGeminiConfig({ settings, secrets, env: {} });
        fileLogger.info('gemini_config', { config, status: await geminiKeyStatus(secrets, {}) });
      }
      errors.push(await settle(requireGeminiConfig({ settings, secrets: new MemorySecretStore(), env: {} })));

      // Settings: valid updates persist; a key pasted into a setting is refused.
      settings.update({ compliance_threshold: 0.85, gemini_base_url: 'http://127.0.0.1:8123' });
      errors.push(await settle(Promise.resolve().then(() => settings.update({ reasoning_model: key }))));
      errors.push(await settle(Promise.resolve().then(() => settings.update({ gemini_base_url: `https://p.example.com/?key=${key}` }))));

      logEverything(fileLogger, key, errors);
      logEverything(memoryLogger, key, errors);
    }
    // Plenty of lines so rotation happened and rotated files are checked too.
    for (let i = 0; i < 50; i++) fileLogger.info('padding', { i, text: 'x'.repeat(100) });
    fileLogger.close();
    store.close();

    for (const error of errors.filter((e) => e !== null)) {
      expect(error).toBeInstanceOf(MobiusError);
      const e = error as MobiusError;
      const visible = JSON.stringify({ message: e.message, details: e.details, cause: String(e.cause), stack: e.stack });
      for (const key of SENTINELS) expect(visible).not.toContain(key);
    }
    expect(errors.filter((e) => e !== null).length).toBeGreaterThanOrEqual(SENTINELS.length * 6);

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('mobius.db'))).toBe(true);
    expect(files.filter((f) => /mobius(\.\d+)?\.log$/.test(f)).length).toBeGreaterThan(1);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const key of SENTINELS) {
        for (const form of [Buffer.from(key, 'utf8'), Buffer.from(key, 'utf16le'), Buffer.from(Buffer.from(key).toString('base64'))]) {
          expect(bytes.includes(form), `${path.relative(dataDir, file)} contains the sentinel`).toBe(false);
        }
      }
    }
    const captured = memoryLogger.lines.join('\n');
    expect(captured).toContain('gemini_failed');
    for (const key of SENTINELS) expect(captured).not.toContain(key);
    // The key must still have been usable: the settings were written.
    const reopened = openStore({ dataDir });
    expect(reopened.settings.getAll()).toMatchObject({ compliance_threshold: 0.85 });
    reopened.close();
  });
});
