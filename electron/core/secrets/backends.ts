/**
 * The two keychain libraries Mobius can use. keytar is the product's chosen
 * library but builds from source where no prebuilt binary can be fetched
 * (it needs libsecret's headers on Linux), so it is optional; @napi-rs/keyring
 * ships prebuilt Node-API binaries inside registry packages and always installs.
 * Both store the key under service "Mobius", account "gemini_api_key".
 */
export const KEYCHAIN_BACKENDS = ['keytar', 'keyring'] as const;
export type KeychainBackendName = (typeof KEYCHAIN_BACKENDS)[number];

/** What Mobius needs from a keychain library, whichever it is. */
export interface KeychainApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeychainLoader = () => Promise<KeychainApi>;

/** An optional package that npm left out (e.g. keytar where it could not be built): say so in words. */
function notInstalled(name: string) {
  return (error: unknown): never => {
    for (let e = error as { code?: unknown; cause?: unknown } | null | undefined; e; e = e.cause as typeof e) {
      if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') throw new Error(`${name} is not installed on this computer`);
    }
    throw error;
  };
}

/** Loaded on first use (dynamic import), so a missing native module fails here and never at start-up. */
async function importKeytar(): Promise<KeychainApi> {
  const mod = (await import('keytar').catch(notInstalled('keytar'))) as unknown as { default?: KeychainApi } & Partial<KeychainApi>;
  const api = mod.default ?? (mod as KeychainApi);
  if (typeof api.getPassword !== 'function') throw new Error('the keytar module has no getPassword function');
  return api;
}

interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}
type KeyringModule = {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;
};

async function importKeyring(): Promise<KeychainApi> {
  const mod = (await import('@napi-rs/keyring').catch(notInstalled('@napi-rs/keyring'))) as unknown as KeyringModule & { default?: KeyringModule };
  const { AsyncEntry } = mod.default ?? mod;
  if (typeof AsyncEntry !== 'function') throw new Error('the @napi-rs/keyring module has no AsyncEntry class');
  // Pinned to the Secret Service on Linux: keyring-rs would otherwise fall back to the
  // kernel keyring, which forgets the key at logout. Ignored on macOS and Windows.
  const entry = (service: string, account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return {
    getPassword: (service, account) => entry(service, account).getPassword(),
    setPassword: (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: (service, account) => entry(service, account).deletePassword(),
  };
}

export const DEFAULT_KEYCHAIN_LOADERS: Record<KeychainBackendName, KeychainLoader> = {
  keytar: importKeytar,
  keyring: importKeyring,
};

/** Where the key lives, in words a designer recognises (Settings and `mobius key status`). */
export function keychainLabel(backend: KeychainBackendName, platform: NodeJS.Platform = process.platform): string {
  const store =
    platform === 'darwin'
      ? 'macOS Keychain'
      : platform === 'win32'
        ? 'Windows Credential Manager'
        : 'Secret Service keyring (GNOME Keyring, KWallet)';
  return `${store}, through ${backend === 'keytar' ? 'keytar' : '@napi-rs/keyring'}`;
}
