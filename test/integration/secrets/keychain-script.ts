// Run by keychain.test.ts inside `dbus-run-session` with an unlocked throwaway
// gnome-keyring (or, with MOBIUS_TEST_NO_DBUS, with no session bus at all):
// exercises each keychain library that loads here and prints one JSON line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GEMINI_ACCOUNT,
  KEYCHAIN_BACKENDS,
  KEYCHAIN_RECORD_FILE,
  KeychainSecretStore,
  NativeKeychainStore,
  createSecretStore,
  fileBackendRecord,
  geminiKeyStatus,
  type KeychainBackendName,
} from '../../../electron/core/secrets';

const key = process.env.MOBIUS_TEST_KEY ?? '';
const service = process.env.MOBIUS_TEST_SERVICE ?? 'Mobius';

async function roundTrip(backend: KeychainBackendName): Promise<Record<string, unknown>> {
  const store = new NativeKeychainStore({ backend, service, timeoutMs: 10_000 });
  const loaded = await store.loadLibrary().then(
    () => null,
    (error: { message: string }) => error.message,
  );
  if (loaded !== null) return { loads: false };
  const before = await store.get(GEMINI_ACCOUNT);
  await store.set(GEMINI_ACCOUNT, `${key}\n`);
  const afterSet = await store.get(GEMINI_ACCOUNT);
  const reopened = await new NativeKeychainStore({ backend, service }).get(GEMINI_ACCOUNT);
  const deleted = await store.delete(GEMINI_ACCOUNT);
  const deletedAgain = await store.delete(GEMINI_ACCOUNT);
  const afterDelete = await store.get(GEMINI_ACCOUNT);
  return { loads: true, before, roundTrip: afterSet === key, reopenedMatches: reopened === key, deleted, deletedAgain, afterDelete };
}

/** Does one library see an entry the other wrote? (On Linux: no — the reason the choice is recorded.) */
async function crossVisible(writer: KeychainBackendName, reader: KeychainBackendName): Promise<boolean> {
  const write = new NativeKeychainStore({ backend: writer, service });
  await write.set(GEMINI_ACCOUNT, key);
  try {
    return (await new NativeKeychainStore({ backend: reader, service }).get(GEMINI_ACCOUNT)) === key;
  } finally {
    await write.delete(GEMINI_ACCOUNT);
  }
}

async function main(): Promise<Record<string, unknown>> {
  if (process.env.MOBIUS_TEST_NO_DBUS) {
    // No Secret Service reachable: the store must say so (never fall back to the kernel keyring or memory).
    const { store } = await createSecretStore({ env: {}, keychain: { service, timeoutMs: 10_000 } });
    const status = await geminiKeyStatus(store, {});
    const setError = await store.set(GEMINI_ACCOUNT, key).then(
      () => null,
      (error: { code?: string }) => error.code ?? 'unknown',
    );
    return { status: { has_key: status.has_key, state: status.keychain?.state, problem: Boolean(status.problem) }, setError };
  }
  const backends: Record<string, Record<string, unknown>> = {};
  for (const backend of KEYCHAIN_BACKENDS) backends[backend] = await roundTrip(backend);
  const both = backends.keytar!.loads && backends.keyring!.loads;
  const cross = both ? { keytarToKeyring: await crossVisible('keytar', 'keyring'), keyringToKeytar: await crossVisible('keyring', 'keytar') } : null;

  // The choice on a fresh data folder, recorded; then a switch when the recorded library stops loading.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mobius-keychain-data-'));
  try {
    const { store } = await createSecretStore({ env: {}, dataDir, keychain: { service } });
    const first = await geminiKeyStatus(store, {});
    const recorded = JSON.parse(readFileSync(path.join(dataDir, KEYCHAIN_RECORD_FILE), 'utf8')) as { backend: string };
    let switched: Record<string, unknown> | null = null;
    if (recorded.backend === 'keytar') {
      const record = fileBackendRecord(path.join(dataDir, KEYCHAIN_RECORD_FILE));
      const after = new KeychainSecretStore({
        service,
        record,
        loaders: {
          keytar: async () => {
            throw new Error('keytar.node could not be loaded');
          },
        },
      });
      const status = await geminiKeyStatus(after, {});
      await after.set(GEMINI_ACCOUNT, key);
      const settled = await geminiKeyStatus(after, {});
      await after.delete(GEMINI_ACCOUNT);
      switched = { backend: status.keychain?.backend, switched_from: status.keychain?.switched_from, notice: Boolean(status.notice), settledNotice: Boolean(settled.notice), settledHasKey: settled.has_key };
    }
    return { backends, cross, chosen: first.keychain, recorded: recorded.backend, switched };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`),
  (error: unknown) => {
    const e = error as { code?: string; message?: string };
    process.stdout.write(`${JSON.stringify({ ok: false, code: e.code ?? null, message: e.message ?? String(error) })}\n`);
    process.exitCode = 1;
  },
);
