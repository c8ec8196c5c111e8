import type { KeychainBackendName } from './backends';

/** Keychain service name: the entry shows up as "Mobius" in Keychain Access / Seahorse / Credential Manager. */
export const SECRET_SERVICE = 'Mobius';
/** Account under which the Gemini API key is stored. */
export const GEMINI_ACCOUNT = 'gemini_api_key';
/** Environment variable honoured for headless use (CLI, CI); it wins over the keychain. */
export const GEMINI_API_KEY_ENV = 'GEMINI_API_KEY';

export type SecretStoreKind = 'keychain' | 'memory' | 'env';

/** The system keychain as Mobius uses it on this computer (see KeychainSecretStore). */
export interface KeychainState {
  state: 'ready' | 'unavailable';
  /** The library in use (or last recorded); null when none could be chosen. */
  backend: KeychainBackendName | null;
  /** Where the key lives, in words (e.g. "macOS Keychain, through keytar"). */
  label: string | null;
  /** Mobius had to switch libraries: a key saved through this one is not visible and must be entered again. */
  switched_from?: KeychainBackendName;
  /** Why the keychain cannot be used, when it cannot. */
  problem?: string;
}

/** Where secrets live. Values never go to the database, logs or error messages. */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** The stored value, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Validates then stores the value (see validateSecretValue). */
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Keychain stores only: which keychain and whether it answers. */
  keychainStatus?(): Promise<KeychainState>;
}
