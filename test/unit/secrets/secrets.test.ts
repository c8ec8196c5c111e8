import { afterEach, describe, expect, it } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import { clearRegisteredSecrets, createMemoryLogger } from '../../../electron/core/log';
import {
  EnvSecretStore,
  GEMINI_ACCOUNT,
  KeytarSecretStore,
  MemorySecretStore,
  SECRET_SERVICE,
  createSecretStore,
  geminiKeyStatus,
  resolveGeminiApiKey,
  validateSecretValue,
  type KeytarApi,
} from '../../../electron/core/secrets';

const KEY = 'AIzaSyTEST-key_for_units_0123456789abcd';

afterEach(() => clearRegisteredSecrets());

async function rejection(promise: Promise<unknown>): Promise<MobiusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MobiusError);
  return error as MobiusError;
}

function catchSync(fn: () => unknown): MobiusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MobiusError);
    return error as MobiusError;
  }
  throw new Error('expected a MobiusError');
}

/** A keytar stand-in with a real map, recording the service it was called with. */
function fakeKeytar(): KeytarApi & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (service, account) => entries.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void entries.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
  };
}

describe('validateSecretValue', () => {
  it('trims a pasted key and accepts it', () => {
    expect(validateSecretValue(GEMINI_ACCOUNT, `  ${KEY}\n`)).toBe(KEY);
  });

  it.each([
    ['', /is empty/],
    ['   \n', /is empty/],
    [`${KEY.slice(0, 20)} ${KEY.slice(20)}`, /spaces or line breaks/],
    [`${KEY.slice(0, 20)}\n${KEY.slice(20)}`, /spaces or line breaks/],
    ['AIzaShort', /too short/],
    ['A'.repeat(600), /too long/],
    [`${KEY}é`, /characters that API keys never contain/],
  ])('rejects %j with a clear message that does not echo it', (value, rule) => {
    const error = catchSync(() => validateSecretValue(GEMINI_ACCOUNT, value));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(rule);
    expect(error.message).toMatch(/Gemini API key/);
    const text = JSON.stringify({ message: error.message, details: error.details });
    if (value.trim().length >= 4) {
      expect(text).not.toContain(value.trim());
      expect(text).not.toContain(value.trim().slice(0, 12));
    }
  });
});

describe('MemorySecretStore', () => {
  it('sets, gets and deletes', async () => {
    const store = new MemorySecretStore();
    expect(store.kind).toBe('memory');
    expect(await store.get(GEMINI_ACCOUNT)).toBeNull();
    await store.set(GEMINI_ACCOUNT, `${KEY}\n`);
    expect(await store.get(GEMINI_ACCOUNT)).toBe(KEY);
    expect(await store.delete(GEMINI_ACCOUNT)).toBe(true);
    expect(await store.delete(GEMINI_ACCOUNT)).toBe(false);
    expect(await store.get(GEMINI_ACCOUNT)).toBeNull();
  });

  it('rejects invalid keys and keeps the previous value', async () => {
    const store = new MemorySecretStore({ [GEMINI_ACCOUNT]: KEY });
    const error = await rejection(store.set(GEMINI_ACCOUNT, 'has space inside it'));
    expect(error.code).toBe('VALIDATION');
    expect(await store.get(GEMINI_ACCOUNT)).toBe(KEY);
  });

  it('registers stored keys so loggers redact them', async () => {
    const secret = 'not-google-shaped-secret-42';
    await new MemorySecretStore().set(GEMINI_ACCOUNT, secret);
    const logger = createMemoryLogger();
    logger.error('failed', { message: `bad key ${secret}` });
    expect(logger.lines.join('')).not.toContain(secret);
  });
});

describe('EnvSecretStore', () => {
  it('reads GEMINI_API_KEY for the Gemini account and refuses writes', async () => {
    const store = new EnvSecretStore({ GEMINI_API_KEY: ` ${KEY} ` });
    expect(store.kind).toBe('env');
    expect(await store.get(GEMINI_ACCOUNT)).toBe(KEY);
    expect(await store.get('other')).toBeNull();
    expect(await new EnvSecretStore({ GEMINI_API_KEY: '  ' }).get(GEMINI_ACCOUNT)).toBeNull();
    const error = await rejection(store.set(GEMINI_ACCOUNT, KEY));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(error.message).not.toContain(KEY);
  });
});

describe('KeytarSecretStore', () => {
  it('uses service "Mobius" and validates before writing', async () => {
    const api = fakeKeytar();
    const store = new KeytarSecretStore({ load: async () => api });
    expect(store.kind).toBe('keychain');
    await store.set(GEMINI_ACCOUNT, KEY);
    expect([...api.entries.keys()]).toEqual([`${SECRET_SERVICE}/gemini_api_key`]);
    expect(await store.get(GEMINI_ACCOUNT)).toBe(KEY);
    expect((await rejection(store.set(GEMINI_ACCOUNT, ''))).code).toBe('VALIDATION');
    expect(await store.delete(GEMINI_ACCOUNT)).toBe(true);
    expect(await store.get(GEMINI_ACCOUNT)).toBeNull();
  });

  it('turns a missing keytar module into SECRET_STORE_UNAVAILABLE, and retries later', async () => {
    let attempts = 0;
    const api = fakeKeytar();
    const store = new KeytarSecretStore({
      load: async () => {
        attempts++;
        if (attempts === 1) throw new Error("Cannot find module 'keytar'");
        return api;
      },
    });
    const error = await rejection(store.get(GEMINI_ACCOUNT));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/system keychain/);
    expect(error.message).toMatch(/GEMINI_API_KEY/);
    expect(await store.get(GEMINI_ACCOUNT)).toBeNull();
  });

  it('turns keychain failures into SECRET_STORE_UNAVAILABLE without echoing the key', async () => {
    const api: KeytarApi = {
      ...fakeKeytar(),
      setPassword: async (_s, _a, password) => {
        throw new Error(`Cannot autolaunch D-Bus without X11 $DISPLAY (while storing ${password})`);
      },
    };
    const store = new KeytarSecretStore({ load: async () => api });
    const error = await rejection(store.set(GEMINI_ACCOUNT, KEY));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toContain('D-Bus');
    expect(JSON.stringify({ m: error.message, d: error.details, c: String(error.cause) })).not.toContain(KEY);
  });

  it('gives up on a keychain that never answers', async () => {
    const api: KeytarApi = { ...fakeKeytar(), getPassword: () => new Promise(() => {}) };
    const store = new KeytarSecretStore({ load: async () => api, timeoutMs: 20 });
    const error = await rejection(store.get(GEMINI_ACCOUNT));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/did not answer/);
  });
});

describe('createSecretStore', () => {
  it('chooses the keychain when it answers', async () => {
    const choice = await createSecretStore({ env: {}, keytar: { load: async () => fakeKeytar() } });
    expect(choice.store.kind).toBe('keychain');
    expect(choice.reason).toMatch(/system keychain/);
  });

  it('falls back to memory and says why when the keychain is unusable', async () => {
    const choice = await createSecretStore({
      env: {},
      keytar: {
        load: async () => {
          throw new Error('libsecret-1.so.0: cannot open shared object file');
        },
      },
    });
    expect(choice.store.kind).toBe('memory');
    expect(choice.reason).toMatch(/in memory only/);
    expect(choice.reason).toMatch(/libsecret/);
  });

  it('honours an explicit preference, from options or MOBIUS_SECRET_STORE', async () => {
    expect((await createSecretStore({ prefer: 'memory' })).store.kind).toBe('memory');
    expect((await createSecretStore({ env: { MOBIUS_SECRET_STORE: 'env' } })).store.kind).toBe('env');
  });
});

describe('resolveGeminiApiKey and geminiKeyStatus', () => {
  it('prefers a non-empty GEMINI_API_KEY over the store', async () => {
    const store = new MemorySecretStore({ [GEMINI_ACCOUNT]: KEY });
    const envKey = 'AIzaSyENV-key_________________0123456789';
    expect(await resolveGeminiApiKey(store, { GEMINI_API_KEY: ` ${envKey}\n` })).toBe(envKey);
    expect(await resolveGeminiApiKey(store, { GEMINI_API_KEY: '   ' })).toBe(KEY);
    expect(await resolveGeminiApiKey(store, {})).toBe(KEY);
    expect(await resolveGeminiApiKey(new MemorySecretStore(), {})).toBeNull();
  });

  it('tells whether a key exists and where from, never the key', async () => {
    const store = new MemorySecretStore({ [GEMINI_ACCOUNT]: KEY });
    expect(await geminiKeyStatus(store, {})).toEqual({ has_key: true, source: 'memory' });
    expect(await geminiKeyStatus(store, { GEMINI_API_KEY: KEY })).toEqual({ has_key: true, source: 'env' });
    expect(await geminiKeyStatus(new MemorySecretStore(), {})).toEqual({ has_key: false, source: null });
    const broken = new KeytarSecretStore({
      load: async () => {
        throw new Error('no keychain');
      },
    });
    const status = await geminiKeyStatus(broken, {});
    expect(status).toMatchObject({ has_key: false, source: null });
    expect(status.problem).toMatch(/system keychain/);
  });
});
