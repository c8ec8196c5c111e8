import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MobiusError } from '../../../shared/errors';
import { DEFAULT_REASONING_MODEL, DEFAULT_VISION_MODEL, Settings, type SettingsPatch } from '../../../shared/schema/settings';
import { createMemoryLogger } from '../../../electron/core/log';
import {
  SETTING_KEYS,
  SettingsService,
  defaultSettings,
  parseSettingInput,
  type SettingsStoragePort,
} from '../../../electron/core/settings';

/** Same contract as the SQLite SettingsRepository: JSON values, undefined deletes. */
class MemoryStorage implements SettingsStoragePort {
  values = new Map<string, string>();
  writes = 0;
  getAll(): Record<string, unknown> {
    return Object.fromEntries([...this.values].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }
  setMany(values: Record<string, unknown>): void {
    this.writes++;
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, JSON.stringify(value));
    }
  }
}

function validationError(fn: () => unknown): MobiusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MobiusError);
    expect((error as MobiusError).code).toBe('VALIDATION');
    return error as MobiusError;
  }
  throw new Error('expected VALIDATION');
}

describe('defaults (docs/ARCHITECTURE.md, "Storage")', () => {
  it('match the design', () => {
    const settings = new SettingsService(new MemoryStorage(), { env: {} }).get();
    expect(settings).toMatchObject({
      reasoning_model: DEFAULT_REASONING_MODEL,
      vision_model: DEFAULT_VISION_MODEL,
      compliance_threshold: 0.8,
      max_generation_attempts: 3,
      gemini_base_url: null,
      request_timeout_ms: 120_000,
      generation_timeout_ms: 180_000,
      reasoning_concurrency: 2,
      vision_concurrency: 2,
    });
    expect(DEFAULT_REASONING_MODEL).toBe('gemini-3.1-pro-preview');
    expect(DEFAULT_VISION_MODEL).toBe('gemini-3-pro-image');
    expect(Object.keys(settings.prices)).toContain('gemini-3-pro-image');
  });

  it('hands out copies: mutating a result changes nothing else', () => {
    const service = new SettingsService(new MemoryStorage(), { env: {} });
    const first = service.get();
    first.prices['gemini-3-pro-image']!.per_image = 99;
    expect(service.get().prices['gemini-3-pro-image']!.per_image).toBe(0.134);
    expect(defaultSettings().prices['gemini-3-pro-image']!.per_image).toBe(0.134);
  });
});

describe('update', () => {
  it('persists only the patched keys, normalized', () => {
    const storage = new MemoryStorage();
    const service = new SettingsService(storage, { env: {} });
    const next = service.update({ compliance_threshold: 0.9, reasoning_model: '  gemini-2.5-pro ' });
    expect(next.compliance_threshold).toBe(0.9);
    expect(next.reasoning_model).toBe('gemini-2.5-pro');
    expect(storage.getAll()).toEqual({ compliance_threshold: 0.9, reasoning_model: 'gemini-2.5-pro' });
    expect(new SettingsService(storage, { env: {} }).get().compliance_threshold).toBe(0.9);
  });

  it.each<[string, SettingsPatch, RegExp]>([
    ['threshold 1.5', { compliance_threshold: 1.5 }, /compliance_threshold is a fraction between 0 and 1/],
    ['attempts 0', { max_generation_attempts: 0 }, /max_generation_attempts must be at least 1/],
    ['attempts 2.5', { max_generation_attempts: 2.5 }, /max_generation_attempts must be a whole number/],
    ['bad URL', { gemini_base_url: 'not a url' }, /gemini_base_url must be an https:\/\/ URL/],
    ['non-http URL', { gemini_base_url: 'javascript:alert(1)' }, /gemini_base_url must be an https:\/\/ URL/],
    ['plain http to another computer', { gemini_base_url: 'http://example.com' }, /gemini_base_url must use https:\/\/ \(plain http:\/\/ is allowed only to this computer/],
    ['plain http to a LAN address', { gemini_base_url: 'http://192.168.1.20:8080' }, /plain http:\/\/ is allowed only to this computer/],
    ['credentials in the URL', { gemini_base_url: 'https://user:pw@gateway.example.com' }, /must not contain a user name or password/],
    ['a query in the URL', { gemini_base_url: 'https://gateway.example.com/?route=a' }, /must not contain a query/],
    ['empty model name', { vision_model: '   ' }, /vision_model: Model name cannot be empty/],
    ['timeout too small', { request_timeout_ms: 10 }, /request_timeout_ms must be at least 1000 ms/],
    ['concurrency as text', { vision_concurrency: 'two' as unknown as number }, /vision_concurrency must be a number/],
    ['unknown key', { colour: 'red' } as unknown as SettingsPatch, /"colour" is not a setting Mobius knows/],
  ])('rejects %s with a clear message and writes nothing', (_name, patch, rule) => {
    const storage = new MemoryStorage();
    const service = new SettingsService(storage, { env: {} });
    const error = validationError(() => service.update({ reasoning_concurrency: 4, ...patch }));
    expect(error.message).toMatch(/^Settings not saved\. /);
    expect(error.message).toMatch(rule);
    expect(error.message).not.toMatch(/Invalid input|Too (small|big)/);
    expect(Array.isArray(error.details?.issues)).toBe(true);
    expect(storage.writes).toBe(0);
    expect(service.get()).toEqual(defaultSettings());
  });

  it('lists every bad field at once', () => {
    const service = new SettingsService(new MemoryStorage(), { env: {} });
    const error = validationError(() =>
      service.update({ compliance_threshold: 1.5, max_generation_attempts: 0, gemini_base_url: 'nope', reasoning_model: '' }),
    );
    const fields = (error.details!.issues as Array<{ field: string }>).map((issue) => issue.field);
    expect(new Set(fields)).toEqual(new Set(['compliance_threshold', 'max_generation_attempts', 'gemini_base_url', 'reasoning_model']));
  });

  it('refuses to store something that looks like an API key in a setting', () => {
    const storage = new MemoryStorage();
    const service = new SettingsService(storage, { env: {} });
    const key = 'AIzaSyMISPLACED-key0123456789abcdefghij';
    for (const patch of [{ reasoning_model: key }, { gemini_base_url: `https://proxy.example.com/${key}` }]) {
      const error = validationError(() => service.update(patch));
      expect(error.message).toMatch(/looks like it contains an API key/);
      expect(error.message).not.toContain(key);
    }
    expect(storage.writes).toBe(0);
  });

  it('accepts https anywhere and http only to this computer, and clears it with null', () => {
    const service = new SettingsService(new MemoryStorage(), { env: {} });
    for (const url of ['http://127.0.0.1:8123', 'http://localhost:4010', 'http://[::1]:9', 'https://gateway.example.com/gemini', 'https://example.com']) {
      expect(service.update({ gemini_base_url: url }).gemini_base_url).toBe(url);
    }
    expect(service.update({ gemini_base_url: null }).gemini_base_url).toBeNull();
  });

  it('logs where the key goes next when the endpoint changes: hosts only', () => {
    const logger = createMemoryLogger();
    const service = new SettingsService(new MemoryStorage(), { env: {}, logger });
    service.update({ gemini_base_url: 'https://gateway.example.com/tenant-42/gemini' });
    service.update({ compliance_threshold: 0.7 });
    const changes = logger.records().filter((r) => r['event'] === 'gemini_endpoint_changed');
    expect(changes).toEqual([expect.objectContaining({ from_host: 'generativelanguage.googleapis.com', to_host: 'gateway.example.com' })]);
    expect(logger.lines.join('\n')).not.toContain('tenant-42');
  });
});

describe('reading values that no longer validate', () => {
  it('falls back to the default per key and reports a warning, and logs it once', () => {
    const storage = new MemoryStorage();
    storage.setMany({ compliance_threshold: 7, max_generation_attempts: 5, vision_model: '', legacy_key: 1 });
    const logger = createMemoryLogger();
    const service = new SettingsService(storage, { env: {}, logger });
    const loaded = service.load();
    expect(loaded.settings.compliance_threshold).toBe(0.8);
    expect(loaded.settings.vision_model).toBe(DEFAULT_VISION_MODEL);
    expect(loaded.settings.max_generation_attempts).toBe(5);
    expect(loaded.warnings.map((w) => w.key).sort()).toEqual(['compliance_threshold', 'vision_model']);
    expect(loaded.warnings[0]!.message).toMatch(/is using the default/);
    expect(service.warnings).toEqual(loaded.warnings);
    service.get();
    expect(logger.records().filter((r) => r.event === 'settings_invalid_value')).toHaveLength(2);
  });

  it('lets an update go through even while another key is broken', () => {
    const storage = new MemoryStorage();
    storage.setMany({ compliance_threshold: 'high' });
    const service = new SettingsService(storage, { env: {} });
    expect(service.update({ max_generation_attempts: 4 }).max_generation_attempts).toBe(4);
  });

  it('never throws and always yields valid settings, whatever is stored (property)', () => {
    // Whatever JSON a hand edit could leave in the settings table.
    const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.integer(), fc.string(), fc.constant(null), fc.constantFrom('http://h', 'ftp://h'));
    const stored = fc.record(Object.fromEntries(SETTING_KEYS.map((k) => [k, junk])), { requiredKeys: [] });
    fc.assert(
      fc.property(stored, (values) => {
        const storage = new MemoryStorage();
        for (const [key, value] of Object.entries(values)) {
          const json = JSON.stringify(value);
          if (json !== undefined) storage.values.set(key, json);
        }
        const loaded = new SettingsService(storage, { env: {} }).load();
        expect(Settings.safeParse(loaded.settings).success).toBe(true);
        for (const warning of loaded.warnings) expect(SETTING_KEYS).toContain(warning.key);
      }),
      { numRuns: 100 },
    );
  });
});

describe('reset', () => {
  it('removes stored values so defaults apply again', () => {
    const storage = new MemoryStorage();
    const service = new SettingsService(storage, { env: {} });
    service.update({ compliance_threshold: 0.95, max_generation_attempts: 5 });
    expect(service.reset(['compliance_threshold']).compliance_threshold).toBe(0.8);
    expect(storage.getAll()).toEqual({ max_generation_attempts: 5 });
    expect(service.reset()).toEqual(defaultSettings());
    expect(storage.getAll()).toEqual({});
  });

  it('rejects unknown keys', () => {
    const service = new SettingsService(new MemoryStorage(), { env: {} });
    expect(validationError(() => service.reset(['nope' as never])).message).toMatch(/"nope" is not a setting/);
  });
});

describe('MOBIUS_GEMINI_BASE_URL', () => {
  it('overrides gemini_base_url at read time without being saved', () => {
    const storage = new MemoryStorage();
    const service = new SettingsService(storage, { env: { MOBIUS_GEMINI_BASE_URL: ' http://127.0.0.1:9999 ' } });
    service.update({ gemini_base_url: 'https://proxy.example.com' });
    const loaded = service.load();
    expect(loaded.settings.gemini_base_url).toBe('http://127.0.0.1:9999');
    expect(loaded.overrides).toEqual(['gemini_base_url']);
    expect(storage.getAll().gemini_base_url).toBe('https://proxy.example.com');
  });

  it('is ignored with a warning when it is not an http(s) URL', () => {
    const service = new SettingsService(new MemoryStorage(), { env: { MOBIUS_GEMINI_BASE_URL: 'ftp://x' } });
    const loaded = service.load();
    expect(loaded.settings.gemini_base_url).toBeNull();
    expect(loaded.warnings[0]!.message).toMatch(/MOBIUS_GEMINI_BASE_URL .*ignored/);
  });

  it('follows the same rule as the setting: plain http to another computer is ignored', () => {
    const service = new SettingsService(new MemoryStorage(), { env: { MOBIUS_GEMINI_BASE_URL: 'http://example.com' } });
    const loaded = service.load();
    expect(loaded.endpoint.source).toBe('default');
    expect(loaded.warnings[0]!.message).toMatch(/MOBIUS_GEMINI_BASE_URL is set but ignored: it must use https:\/\//);
  });

  it('says in its log line that it is a development and CLI override, with the host only', () => {
    const logger = createMemoryLogger();
    const service = new SettingsService(new MemoryStorage(), { env: { MOBIUS_GEMINI_BASE_URL: 'https://gw.example.com/tenant-7' }, logger });
    service.load();
    service.load();
    const lines = logger.records().filter((r) => r['event'] === 'gemini_endpoint_override');
    expect(lines).toEqual([expect.objectContaining({ variable: 'MOBIUS_GEMINI_BASE_URL', host: 'gw.example.com', note: expect.stringMatching(/development and the CLI; the packaged app ignores it/) })]);
    expect(logger.lines.join('\n')).not.toContain('tenant-7');
  });

  it('a policy that refuses the environment (the packaged app) keeps the saved endpoint and says why', () => {
    const storage = new MemoryStorage();
    storage.setMany({ gemini_base_url: 'https://gateway.example.com' });
    const service = new SettingsService(storage, { env: { MOBIUS_GEMINI_BASE_URL: 'http://127.0.0.1:9' }, endpointPolicy: { allowEnvironment: false } });
    const loaded = service.load();
    expect(loaded.endpoint).toMatchObject({ baseUrl: 'https://gateway.example.com', source: 'settings' });
    expect(loaded.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/MOBIUS_GEMINI_BASE_URL is set but ignored: this app sends the API key only to the endpoint saved in Settings/)]);
  });
});

describe('parseSettingInput (command-line text)', () => {
  it('turns text into the type each setting expects', () => {
    expect(parseSettingInput('compliance_threshold', '0.9')).toBe(0.9);
    expect(parseSettingInput('max_generation_attempts', 'three')).toBe('three');
    expect(parseSettingInput('gemini_base_url', 'none')).toBeNull();
    expect(parseSettingInput('gemini_base_url', 'http://h')).toBe('http://h');
    expect(parseSettingInput('reasoning_model', ' m ')).toBe('m');
    expect(parseSettingInput('prices', '{"m":{"input_per_million_tokens":1,"output_per_million_tokens":2}}')).toEqual({
      m: { input_per_million_tokens: 1, output_per_million_tokens: 2 },
    });
  });
});
