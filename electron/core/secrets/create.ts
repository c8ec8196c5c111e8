import { EnvSecretStore } from './env-store';
import { KeytarSecretStore, type KeytarSecretStoreOptions } from './keytar-store';
import { MemorySecretStore } from './memory-store';
import { GEMINI_ACCOUNT, type SecretStore, type SecretStoreKind } from './types';

export interface CreateSecretStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Force a store; default is MOBIUS_SECRET_STORE from env, else the keychain when it answers. */
  prefer?: SecretStoreKind;
  keytar?: KeytarSecretStoreOptions;
}

export interface SecretStoreChoice {
  store: SecretStore;
  /** One sentence for logs and `mobius doctor`: which store and why. */
  reason: string;
}

function preferenceFrom(env: NodeJS.ProcessEnv): SecretStoreKind | undefined {
  const value = env.MOBIUS_SECRET_STORE?.trim().toLowerCase();
  return value === 'keychain' || value === 'memory' || value === 'env' ? value : undefined;
}

/** The keychain when it is reachable, else an in-memory store (keys then last until the process exits). */
export async function createSecretStore(options: CreateSecretStoreOptions = {}): Promise<SecretStoreChoice> {
  const env = options.env ?? process.env;
  const prefer = options.prefer ?? preferenceFrom(env);
  if (prefer === 'memory') {
    return { store: new MemorySecretStore(), reason: 'Using an in-memory secret store as requested; keys are forgotten when Mobius exits.' };
  }
  if (prefer === 'env') {
    return { store: new EnvSecretStore(env), reason: 'Reading the Gemini API key from the GEMINI_API_KEY environment variable as requested.' };
  }
  const keychain = new KeytarSecretStore(options.keytar);
  const probe = await keychain.probe(GEMINI_ACCOUNT);
  if (probe.ok) return { store: keychain, reason: 'Using the system keychain (service "Mobius").' };
  return {
    store: new MemorySecretStore(),
    reason:
      `The system keychain is not available, so keys set now are kept in memory only and forgotten when Mobius exits. ${probe.error.message}`,
  };
}
