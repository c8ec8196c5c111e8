import { isMobiusError, type MobiusError } from '../../../shared/errors';
import { registerSecret } from '../log/redact';
import { KEYCHAIN_BACKENDS, keychainLabel, type KeychainBackendName, type KeychainLoader } from './backends';
import { memoryBackendRecord, type BackendRecord } from './backend-record';
import { NativeKeychainStore, keychainUnavailable, reasonOf } from './native-store';
import { GEMINI_ACCOUNT, type KeychainState, type SecretStore } from './types';
import { validateSecretValue } from './validate';

export interface KeychainSecretStoreOptions {
  service?: string;
  /** Per-library loaders; default: dynamic imports of keytar and @napi-rs/keyring. */
  loaders?: Partial<Record<KeychainBackendName, KeychainLoader>>;
  /** Where the choice of library is remembered; default: this process only. */
  record?: BackendRecord;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

function reasonFrom(error: MobiusError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : reasonOf(error);
}

/**
 * The system keychain through whichever library works on this computer,
 * chosen lazily (the first call, never at start-up) and recorded:
 * - first use: keytar when it loads and the keychain answers, else @napi-rs/keyring;
 * - later: the recorded library. If the keychain does not answer (locked, no
 *   Secret Service) that is reported, never papered over with another store;
 * - only when the recorded library cannot load any more (e.g. keytar failed to
 *   build) does Mobius switch, record the switch and report it, because the key
 *   saved through the old library is not visible to the new one.
 * A failed choice is not cached: the next call (e.g. "Check again") retries.
 */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private readonly stores: Record<KeychainBackendName, NativeKeychainStore>;
  private readonly record: BackendRecord;
  private readonly platform: NodeJS.Platform;
  private chosen: Promise<NativeKeychainStore> | null = null;

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.record = options.record ?? memoryBackendRecord();
    this.platform = options.platform ?? process.platform;
    const make = (backend: KeychainBackendName) =>
      new NativeKeychainStore({
        backend,
        ...(options.service ? { service: options.service } : {}),
        ...(options.loaders?.[backend] ? { load: options.loaders[backend] } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
    this.stores = { keytar: make('keytar'), keyring: make('keyring') };
  }

  private select(): Promise<NativeKeychainStore> {
    this.chosen ??= this.choose().catch((error: unknown) => {
      this.chosen = null;
      throw error;
    });
    return this.chosen;
  }

  private async choose(): Promise<NativeKeychainStore> {
    const recorded = this.record.read();
    if (recorded) {
      const mine = this.stores[recorded.backend];
      const loadError = await mine.loadLibrary().then(
        () => null,
        (error: MobiusError) => error,
      );
      if (!loadError) {
        const probe = await mine.probe(GEMINI_ACCOUNT);
        if (!probe.ok) throw probe.error;
        return mine;
      }
      const other = this.stores[recorded.backend === 'keytar' ? 'keyring' : 'keytar'];
      const probe = await other.probe(GEMINI_ACCOUNT);
      if (!probe.ok) {
        throw keychainUnavailable(`${recorded.backend}: ${reasonFrom(loadError)}; ${other.backend}: ${reasonFrom(probe.error)}`);
      }
      this.record.write({ backend: other.backend, previous: recorded.backend, reason: reasonFrom(loadError) });
      return other;
    }
    const problems: string[] = [];
    for (const backend of KEYCHAIN_BACKENDS) {
      const probe = await this.stores[backend].probe(GEMINI_ACCOUNT);
      if (probe.ok) {
        this.record.write({ backend });
        return this.stores[backend];
      }
      problems.push(`${backend}: ${reasonFrom(probe.error)}`);
    }
    throw keychainUnavailable(problems.join('; '));
  }

  /** Which keychain holds the key and whether it answers; checks it (bounded by the timeout) when not yet done. */
  async keychainStatus(): Promise<KeychainState> {
    try {
      const store = await this.select();
      const recorded = this.record.read();
      return {
        state: 'ready',
        backend: store.backend,
        label: keychainLabel(store.backend, this.platform),
        ...(recorded?.previous ? { switched_from: recorded.previous } : {}),
      };
    } catch (error) {
      const backend = this.record.read()?.backend ?? null;
      return {
        state: 'unavailable',
        backend,
        label: backend ? keychainLabel(backend, this.platform) : null,
        problem: isMobiusError(error) ? error.message : keychainUnavailable(reasonOf(error)).message,
      };
    }
  }

  async get(account: string): Promise<string | null> {
    return (await this.select()).get(account);
  }

  async set(account: string, value: string): Promise<void> {
    // Register and validate first: a pasted mistake is reported before any keychain is touched.
    registerSecret(value);
    const clean = validateSecretValue(account, value);
    const store = await this.select();
    await store.set(account, clean);
    // The key is in the new keychain now: the "enter it again" notice has done its job.
    const recorded = this.record.read();
    if (recorded?.previous) this.record.write({ backend: recorded.backend });
  }

  async delete(account: string): Promise<boolean> {
    return (await this.select()).delete(account);
  }
}
