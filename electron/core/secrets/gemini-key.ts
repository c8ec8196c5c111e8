import { isMobiusError } from '../../../shared/errors';
import { registerSecret } from '../log/redact';
import { GEMINI_ACCOUNT, GEMINI_API_KEY_ENV, type KeychainState, type SecretStore, type SecretStoreKind } from './types';

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * GEMINI_API_KEY (trimmed, non-empty) wins for headless use; otherwise the
 * store's value. Null when neither has a key. Keychain failures propagate
 * (SECRET_STORE_UNAVAILABLE) only when the environment has no key.
 */
export async function resolveGeminiApiKey(secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const fromEnv = clean(env[GEMINI_API_KEY_ENV]);
  if (fromEnv) {
    registerSecret(fromEnv);
    return fromEnv;
  }
  const stored = clean(await secrets.get(GEMINI_ACCOUNT));
  if (stored) registerSecret(stored);
  return stored;
}

export interface GeminiKeyStatus {
  has_key: boolean;
  source: 'env' | SecretStoreKind | null;
  /** The system keychain and the library holding the key; null for the memory and environment stores. */
  keychain: KeychainState | null;
  /** Why the store could not be read, when it could not; never contains the key. */
  problem?: string;
  /** Something the user must act on that is not an error (the keychain library changed). */
  notice?: string;
}

const LIBRARY = { keytar: 'keytar', keyring: '@napi-rs/keyring' } as const;

function switchNotice(keychain: KeychainState): string | undefined {
  if (!keychain.switched_from || !keychain.backend) return undefined;
  return (
    `Mobius now keeps the key through ${LIBRARY[keychain.backend]} because ${LIBRARY[keychain.switched_from]} ` +
    'no longer works on this computer. A key saved before the change is not visible to it: enter your Gemini API key again.'
  );
}

/** What the renderer and `mobius key status` may learn: whether a key exists, where from and which keychain — never the key. */
export async function geminiKeyStatus(secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): Promise<GeminiKeyStatus> {
  const keychain = secrets.keychainStatus ? await secrets.keychainStatus() : null;
  if (clean(env[GEMINI_API_KEY_ENV])) return { has_key: true, source: 'env', keychain };
  if (keychain?.state === 'unavailable') {
    return { has_key: false, source: null, keychain, ...(keychain.problem ? { problem: keychain.problem } : {}) };
  }
  try {
    if (clean(await secrets.get(GEMINI_ACCOUNT))) return { has_key: true, source: secrets.kind, keychain };
    const notice = keychain ? switchNotice(keychain) : undefined;
    return { has_key: false, source: null, keychain, ...(notice ? { notice } : {}) };
  } catch (error) {
    const problem = isMobiusError(error) ? error.message : 'The secret store could not be read.';
    return { has_key: false, source: null, keychain: keychain ? { ...keychain, state: 'unavailable', problem } : null, problem };
  }
}
