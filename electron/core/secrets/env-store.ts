import { MobiusError } from '../../../shared/errors';
import { registerSecret } from '../log/redact';
import { GEMINI_ACCOUNT, GEMINI_API_KEY_ENV, type SecretStore } from './types';

/** Read-only store backed by GEMINI_API_KEY, for headless machines without a keychain. */
export class EnvSecretStore implements SecretStore {
  readonly kind = 'env' as const;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async get(account: string): Promise<string | null> {
    if (account !== GEMINI_ACCOUNT) return null;
    const value = this.env[GEMINI_API_KEY_ENV]?.trim();
    if (!value) return null;
    registerSecret(value);
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    registerSecret(value);
    throw readOnly(account);
  }

  async delete(account: string): Promise<boolean> {
    throw readOnly(account);
  }
}

function readOnly(account: string): MobiusError {
  return new MobiusError(
    'SECRET_STORE_UNAVAILABLE',
    `Mobius is reading secrets from environment variables here and cannot change them. ` +
      `Set or unset the ${GEMINI_API_KEY_ENV} environment variable instead, or run Mobius where the system keychain is available.`,
    { account, store: 'env' },
  );
}
