import { registerSecret } from '../log/redact';
import type { SecretStore } from './types';
import { validateSecretValue } from './validate';

/** Secrets held in this process only: for tests, and the fallback when no keychain is reachable. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [account, value] of Object.entries(initial)) {
      registerSecret(value);
      this.values.set(account, value);
    }
  }

  async get(account: string): Promise<string | null> {
    return this.values.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    // Register first: even the validation path must not let the value reach a log.
    registerSecret(value);
    this.values.set(account, validateSecretValue(account, value));
  }

  async delete(account: string): Promise<boolean> {
    return this.values.delete(account);
  }
}
