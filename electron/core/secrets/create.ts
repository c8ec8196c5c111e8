import path from 'node:path';
import { fileBackendRecord, memoryBackendRecord } from './backend-record';
import { EnvSecretStore } from './env-store';
import { KeychainSecretStore, type KeychainSecretStoreOptions } from './keychain-store';
import { MemorySecretStore } from './memory-store';
import type { SecretStore, SecretStoreKind } from './types';

export interface CreateSecretStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Force a store; default is MOBIUS_SECRET_STORE from env, else the system keychain. */
  prefer?: SecretStoreKind;
  /** The data folder: the keychain library chosen on this computer is recorded there (keychain.json). */
  dataDir?: string;
  keychain?: KeychainSecretStoreOptions;
}

export interface SecretStoreChoice {
  store: SecretStore;
  /** One sentence for logs: which store and why. */
  reason: string;
}

/** Name of the record of the chosen keychain library, in the data folder. */
export const KEYCHAIN_RECORD_FILE = 'keychain.json';

function preferenceFrom(env: NodeJS.ProcessEnv): SecretStoreKind | undefined {
  const value = env.MOBIUS_SECRET_STORE?.trim().toLowerCase();
  return value === 'keychain' || value === 'memory' || value === 'env' ? value : undefined;
}

/**
 * The system keychain, unless a store is requested explicitly. Nothing is
 * probed here: the keychain is checked on first use, so a slow or locked
 * keyring never delays start-up, and an unreachable one is reported as such
 * (SECRET_STORE_UNAVAILABLE), never replaced by a store that forgets the key.
 */
export async function createSecretStore(options: CreateSecretStoreOptions = {}): Promise<SecretStoreChoice> {
  const env = options.env ?? process.env;
  const prefer = options.prefer ?? preferenceFrom(env);
  if (prefer === 'memory') {
    return { store: new MemorySecretStore(), reason: 'Using an in-memory secret store as requested; keys are forgotten when Mobius exits.' };
  }
  if (prefer === 'env') {
    return { store: new EnvSecretStore(env), reason: 'Reading the Gemini API key from the GEMINI_API_KEY environment variable as requested.' };
  }
  const record = options.dataDir ? fileBackendRecord(path.join(options.dataDir, KEYCHAIN_RECORD_FILE)) : memoryBackendRecord();
  return {
    store: new KeychainSecretStore({ record, ...options.keychain }),
    reason: 'Using the system keychain (service "Mobius"); the keychain library is checked on first use.',
  };
}
