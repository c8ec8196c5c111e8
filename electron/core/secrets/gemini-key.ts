import { isMobiusError } from '../../../shared/errors';
import { registerSecret } from '../log/redact';
import { GEMINI_ACCOUNT, GEMINI_API_KEY_ENV, type SecretStore, type SecretStoreKind } from './types';

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
  /** Why the store could not be read, when it could not; never contains the key. */
  problem?: string;
}

/** What the renderer and `mobius key status` may learn: whether a key exists and where from, never the key. */
export async function geminiKeyStatus(secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): Promise<GeminiKeyStatus> {
  if (clean(env[GEMINI_API_KEY_ENV])) return { has_key: true, source: 'env' };
  try {
    const stored = clean(await secrets.get(GEMINI_ACCOUNT));
    return stored ? { has_key: true, source: secrets.kind } : { has_key: false, source: null };
  } catch (error) {
    return { has_key: false, source: null, problem: isMobiusError(error) ? error.message : 'The secret store could not be read.' };
  }
}
