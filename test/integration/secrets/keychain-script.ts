// Run by keychain.test.ts inside `dbus-run-session` with an unlocked throwaway
// gnome-keyring: exercises the real keytar path and prints one JSON line.
import { GEMINI_ACCOUNT, KeytarSecretStore, createSecretStore } from '../../../electron/core/secrets';

const key = process.env.MOBIUS_TEST_KEY ?? '';
const service = process.env.MOBIUS_TEST_SERVICE ?? 'Mobius';

async function main(): Promise<Record<string, unknown>> {
  const store = new KeytarSecretStore({ service });
  const before = await store.get(GEMINI_ACCOUNT);
  await store.set(GEMINI_ACCOUNT, `${key}\n`);
  const afterSet = await store.get(GEMINI_ACCOUNT);
  const reopened = await new KeytarSecretStore({ service }).get(GEMINI_ACCOUNT);
  const choice = await createSecretStore({ env: {} });
  const deleted = await store.delete(GEMINI_ACCOUNT);
  const deletedAgain = await store.delete(GEMINI_ACCOUNT);
  const afterDelete = await store.get(GEMINI_ACCOUNT);
  return {
    before,
    roundTrip: afterSet === key,
    reopenedMatches: reopened === key,
    chosenKind: choice.store.kind,
    deleted,
    deletedAgain,
    afterDelete,
  };
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`),
  (error: unknown) => {
    const e = error as { code?: string; message?: string };
    process.stdout.write(`${JSON.stringify({ ok: false, code: e.code ?? null, message: e.message ?? String(error) })}\n`);
    process.exitCode = 1;
  },
);
