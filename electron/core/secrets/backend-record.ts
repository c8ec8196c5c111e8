import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KEYCHAIN_BACKENDS, type KeychainBackendName } from './backends';

/**
 * Which keychain library this computer uses, chosen once and remembered: on
 * Linux (and Windows) keytar and @napi-rs/keyring file the same service and
 * account differently, so neither finds the other's entry. Switching silently
 * would make a saved key look lost; the record makes a switch explicit.
 */
export interface RecordedBackend {
  backend: KeychainBackendName;
  /** Set when Mobius had to switch libraries: the key saved through this one must be entered again. */
  previous?: KeychainBackendName;
  /** Why the previous library was given up (its load error). */
  reason?: string;
  recorded_at: string;
}

export interface BackendRecord {
  read(): RecordedBackend | null;
  write(record: Omit<RecordedBackend, 'recorded_at'>): void;
}

const isBackend = (value: unknown): value is KeychainBackendName => (KEYCHAIN_BACKENDS as readonly unknown[]).includes(value);

function parse(text: string): RecordedBackend | null {
  const value = JSON.parse(text) as Partial<RecordedBackend> | null;
  if (!value || !isBackend(value.backend)) return null;
  return {
    backend: value.backend,
    ...(isBackend(value.previous) ? { previous: value.previous } : {}),
    ...(typeof value.reason === 'string' ? { reason: value.reason.slice(0, 300) } : {}),
    recorded_at: typeof value.recorded_at === 'string' ? value.recorded_at : '',
  };
}

/** `<data>/keychain.json`, written atomically. An unreadable file counts as no record (chosen again). */
export function fileBackendRecord(file: string): BackendRecord {
  return {
    read() {
      try {
        return parse(readFileSync(file, 'utf8'));
      } catch {
        return null;
      }
    },
    write(record) {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ ...record, recorded_at: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}

/** For stores without a data folder (tests, one-off processes): the choice lasts for this process. */
export function memoryBackendRecord(initial: RecordedBackend | null = null): BackendRecord & { current: RecordedBackend | null } {
  return {
    current: initial,
    read() {
      return this.current;
    },
    write(record) {
      this.current = { ...record, recorded_at: new Date().toISOString() };
    },
  };
}
