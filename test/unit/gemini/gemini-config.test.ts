// Correctness property 21 (docs/ARCHITECTURE.md): configuration loading validates
// that a Gemini API key is present and non-empty — for Gemini operations only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MobiusError } from '../../../shared/errors';
import { Settings } from '../../../shared/schema/settings';
import { SettingsService, type SettingsStoragePort } from '../../../electron/core/settings';
import { GEMINI_NOT_CONFIGURED_MESSAGE, requireGeminiConfig } from '../../../electron/core/gemini';
import { cliMessage } from '../../../electron/core/cli/messages';
import { appMessage } from '../../../renderer/src/ipc/messages';
import { GEMINI_ACCOUNT, NativeKeychainStore, MemorySecretStore } from '../../../electron/core/secrets';

const KEY = 'AIzaSyPROP21-key_______0123456789abcdefg';

function storage(values: Record<string, unknown> = {}): SettingsStoragePort {
  const data = { ...values };
  return { getAll: () => ({ ...data }), setMany: (v) => void Object.assign(data, v) };
}

/** Whitespace-only strings, including the empty string. */
const blank = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), { maxLength: 6 }).map((chars) => chars.join(''));

/** Valid settings values in any combination. */
const anySettings = fc.record(
  {
    reasoning_model: fc.constantFrom('gemini-3.1-pro-preview', 'gemini-2.5-pro', 'my-model.v2'),
    compliance_threshold: fc.double({ min: 0, max: 1, noNaN: true }),
    max_generation_attempts: fc.integer({ min: 1, max: 10 }),
    gemini_base_url: fc.option(fc.constantFrom('http://127.0.0.1:8123', 'https://proxy.example.com/gemini')),
    request_timeout_ms: fc.integer({ min: 1_000, max: 600_000 }),
    vision_concurrency: fc.integer({ min: 1, max: 16 }),
  },
  { requiredKeys: [] },
);

async function expectNotConfigured(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MobiusError);
  expect((error as MobiusError).code).toBe('GEMINI_NOT_CONFIGURED');
  expect((error as MobiusError).message).toBe(GEMINI_NOT_CONFIGURED_MESSAGE);
}

describe('property 21: configuration validation', () => {
  it('core names no screen or command; the app and the CLI each say how to set a key', () => {
    expect(GEMINI_NOT_CONFIGURED_MESSAGE).not.toMatch(/Settings|mobius /);
    const error = new MobiusError('GEMINI_NOT_CONFIGURED', GEMINI_NOT_CONFIGURED_MESSAGE);
    expect(appMessage(error.code, error.message, error.details)).toContain('Settings → Gemini API key');
    expect(cliMessage(error)).toContain('mobius key set');
    expect(cliMessage(error)).toContain('GEMINI_API_KEY');
  });

  it('a Gemini operation without a key (missing, empty or whitespace) gets GEMINI_NOT_CONFIGURED', async () => {
    await fc.assert(
      fc.asyncProperty(anySettings, fc.option(blank), fc.option(blank), async (values, envKey, storedKey) => {
        const settings = new SettingsService(storage(values), { env: {} });
        // Blank values cannot be set through the store's validation, so plant them directly.
        const secrets = new MemorySecretStore(storedKey === null ? {} : { [GEMINI_ACCOUNT]: storedKey });
        const env = envKey === null ? {} : { GEMINI_API_KEY: envKey };
        await expectNotConfigured(requireGeminiConfig({ settings, secrets, env }));
      }),
      { numRuns: 100 },
    );
  });

  it('settings load for non-Gemini operations without any key', () => {
    fc.assert(
      fc.property(anySettings, (values) => {
        const service = new SettingsService(storage(values), { env: {} });
        const loaded = service.get();
        expect(Settings.safeParse(loaded).success).toBe(true);
        expect(loaded).toMatchObject(values);
      }),
      { numRuns: 100 },
    );
  });

  it('with a key from the store or the environment, Gemini operations get key, base URL and settings', async () => {
    await fc.assert(
      fc.asyncProperty(anySettings, fc.boolean(), async (values, fromEnv) => {
        const settings = new SettingsService(storage(values), { env: {} });
        const secrets = new MemorySecretStore(fromEnv ? {} : { [GEMINI_ACCOUNT]: KEY });
        const env = fromEnv ? { GEMINI_API_KEY: `  ${KEY}\n` } : {};
        const config = await requireGeminiConfig({ settings, secrets, env });
        expect(config.apiKey).toBe(KEY);
        expect(config.baseUrl).toBe(values.gemini_base_url ?? null);
        expect(config.settings).toEqual(settings.get());
      }),
      { numRuns: 50 },
    );
  });

  it('GEMINI_API_KEY works even when the keychain is unreachable (headless)', async () => {
    const broken = new NativeKeychainStore({
      load: async () => {
        throw new Error('no D-Bus');
      },
    });
    const settings = new SettingsService(storage(), { env: {} });
    const config = await requireGeminiConfig({ settings, secrets: broken, env: { GEMINI_API_KEY: KEY } });
    expect(config.apiKey).toBe(KEY);
  });

  it('the base URL honours MOBIUS_GEMINI_BASE_URL through the settings service', async () => {
    const settings = new SettingsService(storage({ gemini_base_url: 'https://proxy.example.com' }), {
      env: { MOBIUS_GEMINI_BASE_URL: 'http://127.0.0.1:4010' },
    });
    const config = await requireGeminiConfig({ settings, secrets: new MemorySecretStore({ [GEMINI_ACCOUNT]: KEY }), env: {} });
    expect(config.baseUrl).toBe('http://127.0.0.1:4010');
  });
});
