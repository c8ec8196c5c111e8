import { describe, expect, it, vi } from 'vitest';

// npm leaves keytar out where it cannot be built; loading it must then say so in words.
vi.mock('keytar', () => {
  throw Object.assign(new Error("Cannot find package 'keytar' imported from /app/electron/core/secrets/backends.ts"), { code: 'ERR_MODULE_NOT_FOUND' });
});

describe('keytar missing from node_modules', () => {
  it('is reported as not installed, and the keychain store falls back to @napi-rs/keyring', async () => {
    const { DEFAULT_KEYCHAIN_LOADERS, KeychainSecretStore, memoryBackendRecord } = await import('../../../electron/core/secrets');
    await expect(DEFAULT_KEYCHAIN_LOADERS.keytar()).rejects.toThrow('keytar is not installed on this computer');
    const record = memoryBackendRecord();
    const keyring = { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false };
    const store = new KeychainSecretStore({ record, loaders: { keytar: DEFAULT_KEYCHAIN_LOADERS.keytar, keyring: async () => keyring } });
    expect(await store.keychainStatus()).toMatchObject({ state: 'ready', backend: 'keyring' });
    expect(record.current).toMatchObject({ backend: 'keyring' });
  });
});
