import { MobiusError, isMobiusError } from '../../../shared/errors';
import { redactString, registerSecret } from '../log/redact';
import { SECRET_SERVICE, type SecretStore } from './types';
import { validateSecretValue } from './validate';

/** The part of keytar we use; injectable so tests can simulate a missing or broken keychain. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  service?: string;
  /** Loads keytar; default is a dynamic import so a missing native module fails here, not at app start. */
  load?: () => Promise<KeytarApi>;
  /** A locked keyring can wait forever on a password prompt; give up after this. Default 15 s. */
  timeoutMs?: number;
}

async function importKeytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as unknown as { default?: KeytarApi } & Partial<KeytarApi>;
  const api = mod.default ?? (mod as KeytarApi);
  if (typeof api.getPassword !== 'function') throw new Error('the keytar module has no getPassword function');
  return api;
}

function reasonOf(error: unknown): string {
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

/** Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, libsecret on Linux) via keytar. */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private readonly service: string;
  private readonly load: () => Promise<KeytarApi>;
  private readonly timeoutMs: number;
  private api: Promise<KeytarApi> | null = null;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE;
    this.load = options.load ?? importKeytar;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private keytar(): Promise<KeytarApi> {
    if (!this.api) {
      this.api = this.load().catch((error: unknown) => {
        this.api = null; // let a later call retry, e.g. after the user unlocks or installs a keyring
        throw keychainUnavailable(`the keychain module could not be loaded: ${reasonOf(error)}`, error);
      });
    }
    return this.api;
  }

  private async run<T>(operation: (api: KeytarApi) => Promise<T>): Promise<T> {
    const api = await this.keytar();
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
