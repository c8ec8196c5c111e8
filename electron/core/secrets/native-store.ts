import { MobiusError, isMobiusError } from '../../../shared/errors';
import { redactString, registerSecret } from '../log/redact';
import { DEFAULT_KEYCHAIN_LOADERS, type KeychainApi, type KeychainBackendName, type KeychainLoader } from './backends';
import { SECRET_SERVICE, type SecretStore } from './types';
import { validateSecretValue } from './validate';

export interface NativeKeychainStoreOptions {
  backend?: KeychainBackendName;
  service?: string;
  /** Loads the library; default is a dynamic import of the backend's package. Injectable for tests. */
  load?: KeychainLoader;
  /** A locked keyring can wait forever on a password prompt; give up after this. Default 15 s. */
  timeoutMs?: number;
}

export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactString(message).split('\n')[0]!.slice(0, 300);
}

export function keychainUnavailable(reason: string, cause?: unknown): MobiusError {
  return new MobiusError(
    'SECRET_STORE_UNAVAILABLE',
    `Mobius could not use the system keychain (${reason}). ` +
      'On Linux, install and unlock a Secret Service keyring such as GNOME Keyring or KWallet; on macOS and Windows, unlock your login keychain. ' +
      'For the command line you can set the GEMINI_API_KEY environment variable instead.',
    { store: 'keychain', reason },
    cause === undefined ? undefined : { cause: new Error(reasonOf(cause)) },
  );
}

/** Secrets in the OS keychain through one keychain library (keytar or @napi-rs/keyring). */
export class NativeKeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly backend: KeychainBackendName;
  private readonly service: string;
  private readonly load: KeychainLoader;
  private readonly timeoutMs: number;
  private api: Promise<KeychainApi> | null = null;

  constructor(options: NativeKeychainStoreOptions = {}) {
    this.backend = options.backend ?? 'keytar';
    this.service = options.service ?? SECRET_SERVICE;
    this.load = options.load ?? DEFAULT_KEYCHAIN_LOADERS[this.backend];
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Resolves when the library's native module loads; rejects with SECRET_STORE_UNAVAILABLE otherwise. */
  loadLibrary(): Promise<KeychainApi> {
    if (!this.api) {
      this.api = this.load().catch((error: unknown) => {
        this.api = null; // let a later call retry, e.g. after the user installs a keyring
        throw keychainUnavailable(`the keychain module could not be loaded: ${reasonOf(error)}`, error);
      });
    }
    return this.api;
  }

  private async run<T>(operation: (api: KeychainApi) => Promise<T>): Promise<T> {
    const api = await this.loadLibrary();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(keychainUnavailable(`it did not answer within ${Math.round(this.timeoutMs / 1000)} s; it may be locked`)),
        this.timeoutMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([operation(api), timeout]);
    } catch (error) {
      if (isMobiusError(error)) throw error;
      throw keychainUnavailable(reasonOf(error), error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when the keychain answers a harmless read; otherwise the SECRET_STORE_UNAVAILABLE error. */
  async probe(account: string): Promise<{ ok: true } | { ok: false; error: MobiusError }> {
    try {
      await this.get(account);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: isMobiusError(error) ? error : keychainUnavailable(reasonOf(error), error) };
    }
  }

  async get(account: string): Promise<string | null> {
    const value = await this.run((api) => api.getPassword(this.service, account));
    if (value) registerSecret(value);
    return value ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    registerSecret(value);
    const clean = validateSecretValue(account, value);
    await this.run((api) => api.setPassword(this.service, account, clean));
  }

  async delete(account: string): Promise<boolean> {
    return this.run((api) => api.deletePassword(this.service, account));
  }
}
