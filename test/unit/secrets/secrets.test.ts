import { afterEach, describe, expect, it } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import { clearRegisteredSecrets, createMemoryLogger } from '../../../electron/core/log';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EnvSecretStore,
  GEMINI_ACCOUNT,
  KEYCHAIN_RECORD_FILE,
  KeychainSecretStore,
  fileBackendRecord,
  keychainLabel,
  memoryBackendRecord,
  NativeKeychainStore,
  MemorySecretStore,
  SECRET_SERVICE,
  createSecretStore,
  geminiKeyStatus,
  resolveGeminiApiKey,
  validateSecretValue,
  type KeychainApi,
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
function fakeKeytar(): KeychainApi & { entries: Map<string, string> } {
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

describe('NativeKeychainStore (one keychain library)', () => {
  it('uses service "Mobius" and validates before writing', async () => {
    const api = fakeKeytar();
    const store = new NativeKeychainStore({ load: async () => api });
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
    const store = new NativeKeychainStore({
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
    const api: KeychainApi = {
      ...fakeKeytar(),
      setPassword: async (_s, _a, password) => {
        throw new Error(`Cannot autolaunch D-Bus without X11 $DISPLAY (while storing ${password})`);
      },
    };
    const store = new NativeKeychainStore({ load: async () => api });
    const error = await rejection(store.set(GEMINI_ACCOUNT, KEY));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toContain('D-Bus');
    expect(JSON.stringify({ m: error.message, d: error.details, c: String(error.cause) })).not.toContain(KEY);
  });

  it('gives up on a keychain that never answers', async () => {
    const api: KeychainApi = { ...fakeKeytar(), getPassword: () => new Promise(() => {}) };
    const store = new NativeKeychainStore({ load: async () => api, timeoutMs: 20 });
    const error = await rejection(store.get(GEMINI_ACCOUNT));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/did not answer/);
  });
});

describe('createSecretStore', () => {
  it('is the system keychain by default, and touches no keychain until first use', async () => {
    let loads = 0;
    const choice = await createSecretStore({
      env: {},
      keychain: {
        loaders: {
          keytar: async () => (loads++, fakeKeytar()),
          keyring: async () => (loads++, fakeKeytar()),
        },
      },
    });
    expect(choice.store.kind).toBe('keychain');
    expect(choice.reason).toMatch(/system keychain/);
    expect(loads).toBe(0);
    expect(await choice.store.get(GEMINI_ACCOUNT)).toBeNull();
    expect(loads).toBe(1);
  });

  it('never falls back to a store that forgets the key: an unusable keychain is reported', async () => {
    const { store } = await createSecretStore({ env: {}, keychain: { loaders: { keytar: broken('libsecret-1.so.0: cannot open shared object file'), keyring: broken('no D-Bus') } } });
    expect(store.kind).toBe('keychain');
    const error = await rejection(store.get(GEMINI_ACCOUNT));
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/libsecret/);
    expect(error.message).toMatch(/no D-Bus/);
    expect((await rejection(store.set(GEMINI_ACCOUNT, KEY))).code).toBe('SECRET_STORE_UNAVAILABLE');
  });

  it('records the chosen library in <data>/keychain.json', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mobius-keychain-'));
    try {
      const { store } = await createSecretStore({ env: {}, dataDir, keychain: { loaders: { keytar: broken('not built'), keyring: async () => fakeKeytar() } } });
      await store.get(GEMINI_ACCOUNT);
      expect(JSON.parse(readFileSync(path.join(dataDir, KEYCHAIN_RECORD_FILE), 'utf8'))).toMatchObject({ backend: 'keyring' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('honours an explicit preference, from options or MOBIUS_SECRET_STORE', async () => {
    expect((await createSecretStore({ prefer: 'memory' })).store.kind).toBe('memory');
    expect((await createSecretStore({ env: { MOBIUS_SECRET_STORE: 'env' } })).store.kind).toBe('env');
  });
});

function broken(message: string) {
  return async (): Promise<KeychainApi> => {
    throw new Error(message);
  };
}

describe('KeychainSecretStore: one keychain library per computer, recorded', () => {
  it('prefers keytar on first use when it loads and answers, and records it', async () => {
    const record = memoryBackendRecord();
    const keytar = fakeKeytar();
    const store = new KeychainSecretStore({ record, loaders: { keytar: async () => keytar, keyring: async () => fakeKeytar() } });
    await store.set(GEMINI_ACCOUNT, KEY);
    expect(keytar.entries.get(`${SECRET_SERVICE}/${GEMINI_ACCOUNT}`)).toBe(KEY);
    expect(record.current).toMatchObject({ backend: 'keytar' });
    expect(await store.keychainStatus()).toMatchObject({ state: 'ready', backend: 'keytar', label: expect.stringContaining('keytar') });
  });

  it('uses @napi-rs/keyring when keytar cannot load (e.g. it could not be built)', async () => {
    const record = memoryBackendRecord();
    const keyring = fakeKeytar();
    const store = new KeychainSecretStore({ record, loaders: { keytar: broken("Cannot find module 'keytar'"), keyring: async () => keyring } });
    await store.set(GEMINI_ACCOUNT, KEY);
    expect(keyring.entries.get(`${SECRET_SERVICE}/${GEMINI_ACCOUNT}`)).toBe(KEY);
    expect(record.current).toMatchObject({ backend: 'keyring' });
    const status = await geminiKeyStatus(store, {});
    expect(status).toMatchObject({ has_key: true, source: 'keychain', keychain: { state: 'ready', backend: 'keyring' } });
    expect(status.notice).toBeUndefined();
  });

  it('keeps the recorded library even when the other one would load too', async () => {
    const record = memoryBackendRecord({ backend: 'keyring', recorded_at: '' });
    const keytar = fakeKeytar();
    const keyring = fakeKeytar();
    await keyring.setPassword(SECRET_SERVICE, GEMINI_ACCOUNT, KEY);
    const store = new KeychainSecretStore({ record, loaders: { keytar: async () => keytar, keyring: async () => keyring } });
    expect(await store.get(GEMINI_ACCOUNT)).toBe(KEY);
    expect(record.current).toMatchObject({ backend: 'keyring' });
    expect(record.current?.previous).toBeUndefined();
  });

  it('does not switch libraries because the keychain is locked or absent: it reports that', async () => {
    const record = memoryBackendRecord({ backend: 'keytar', recorded_at: '' });
    let keyringUsed = false;
    const store = new KeychainSecretStore({
      record,
      timeoutMs: 20,
      loaders: {
        keytar: async () => ({ ...fakeKeytar(), getPassword: () => new Promise<string | null>(() => {}) }),
        keyring: async () => ((keyringUsed = true), fakeKeytar()),
      },
    });
    const status = await geminiKeyStatus(store, {});
    expect(status).toMatchObject({ has_key: false, source: null, keychain: { state: 'unavailable', backend: 'keytar' } });
    expect(status.problem).toMatch(/did not answer/);
    expect(keyringUsed).toBe(false);
    expect(record.current).toMatchObject({ backend: 'keytar' });
  });

  it('switches when the recorded library no longer loads, records why and tells the user to enter the key again', async () => {
    const record = memoryBackendRecord({ backend: 'keytar', recorded_at: '' });
    const keyring = fakeKeytar();
    const store = new KeychainSecretStore({ record, loaders: { keytar: broken('keytar.node: wrong ELF class'), keyring: async () => keyring } });
    const status = await geminiKeyStatus(store, {});
    expect(status).toMatchObject({ has_key: false, keychain: { state: 'ready', backend: 'keyring', switched_from: 'keytar' } });
    expect(status.notice).toMatch(/enter your Gemini API key again/);
    expect(record.current).toMatchObject({ backend: 'keyring', previous: 'keytar', reason: expect.stringContaining('wrong ELF class') });
    // Entering the key again settles it: no more notice.
    await store.set(GEMINI_ACCOUNT, KEY);
    expect(record.current).toEqual({ backend: 'keyring', recorded_at: expect.any(String) });
    const after = await geminiKeyStatus(store, {});
    expect(after).toMatchObject({ has_key: true, source: 'keychain', keychain: { state: 'ready', backend: 'keyring' } });
    expect(after.notice).toBeUndefined();
    expect(after.keychain?.switched_from).toBeUndefined();
  });

  it('retries after a failed check (the user unlocked the keyring and pressed "Check again")', async () => {
    let unlocked = false;
    const keytar = fakeKeytar();
    const store = new KeychainSecretStore({
      loaders: {
        keytar: async () => ({ ...keytar, getPassword: async (s: string, a: string) => (unlocked ? keytar.getPassword(s, a) : Promise.reject(new Error('The keyring is locked'))) }),
        keyring: broken('no Secret Service'),
      },
    });
    expect((await store.keychainStatus()).state).toBe('unavailable');
    unlocked = true;
    expect(await store.keychainStatus()).toMatchObject({ state: 'ready', backend: 'keytar' });
  });

  it('validates a pasted key before it touches any keychain', async () => {
    let loads = 0;
    const store = new KeychainSecretStore({ loaders: { keytar: async () => (loads++, fakeKeytar()), keyring: async () => (loads++, fakeKeytar()) } });
    expect((await rejection(store.set(GEMINI_ACCOUNT, 'short'))).code).toBe('VALIDATION');
    expect(loads).toBe(0);
  });

  it('reads a corrupt or foreign record file as no record', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mobius-record-'));
    try {
      const file = path.join(dir, 'keychain.json');
      const record = fileBackendRecord(file);
      expect(record.read()).toBeNull();
      writeFileSync(file, '{not json');
      expect(record.read()).toBeNull();
      writeFileSync(file, JSON.stringify({ backend: 'kwallet' }));
      expect(record.read()).toBeNull();
      record.write({ backend: 'keyring', previous: 'keytar', reason: 'x' });
      expect(record.read()).toMatchObject({ backend: 'keyring', previous: 'keytar', reason: 'x' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels where the key lives on each platform', () => {
    expect(keychainLabel('keytar', 'darwin')).toMatch(/macOS Keychain.*keytar/);
    expect(keychainLabel('keyring', 'win32')).toMatch(/Windows Credential Manager.*@napi-rs\/keyring/);
    expect(keychainLabel('keyring', 'linux')).toMatch(/Secret Service/);
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
    expect(await geminiKeyStatus(store, {})).toEqual({ has_key: true, source: 'memory', keychain: null });
    expect(await geminiKeyStatus(store, { GEMINI_API_KEY: KEY })).toEqual({ has_key: true, source: 'env', keychain: null });
    expect(await geminiKeyStatus(new MemorySecretStore(), {})).toEqual({ has_key: false, source: null, keychain: null });
    const broken = new NativeKeychainStore({
      load: async () => {
        throw new Error('no keychain');
      },
    });
    const status = await geminiKeyStatus(broken, {});
    expect(status).toMatchObject({ has_key: false, source: null });
    expect(status.problem).toMatch(/system keychain/);
  });
});
