import { afterAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MOBIUS_BIN } from '../../support/cli';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('./keychain-script.ts', import.meta.url));
const KEY = 'AIzaSyKEYCHAIN-integration_0123456789ab';
/** CI sets this to say whether keytar must load here ("1": built against libsecret; "0": the no-libsecret install). */
const expectKeytar = process.env['MOBIUS_EXPECT_KEYTAR'];

function onPath(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((command) => !onPath(command));
const home = mkdtempSync(path.join(os.tmpdir(), 'mobius-keyring-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

if (missing.length > 0) {
  console.warn(
    `Skipping the real-keychain test: ${missing.join(' and ')} not found on PATH ` + '(install the dbus and gnome-keyring packages to run it).',
  );
}

/** A clean environment with a throwaway HOME, so the test never touches the developer's own keyring. */
function isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const runtime = path.join(home, 'run');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: os.tmpdir(),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_RUNTIME_DIR: runtime,
    MOBIUS_TEST_KEY: KEY,
    MOBIUS_TEST_SERVICE: 'Mobius-test',
    ...extra,
  };
}

function lastJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const roundTrip = { loads: true, before: null, roundTrip: true, reopenedMatches: true, deleted: true, deletedAgain: false, afterDelete: null };

describe('the system keychain through each library that loads here (real Secret Service keyring)', () => {
  (missing.length > 0 ? it.skip : it)('sets, reads back and deletes the key; records the choice; a switch asks for the key again', async () => {
    const cliDataDir = path.join(home, 'cli-data');
    const inner =
      'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
      `"${process.execPath}" "${MOBIUS_BIN}" key status --json --data-dir "${cliDataDir}"; echo '<<end-of-cli>>'; ` +
      `"${process.execPath}" --import tsx "${script}"`;
    const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', inner], { cwd: repoRoot, env: isolatedEnv({}), timeout: 45_000 });
    expect(stdout).not.toContain(KEY);
    const cli = JSON.parse(stdout.split('<<end-of-cli>>')[0]!) as { has_key: boolean; keychain: { state: string; backend: string; label: string } };
    const result = lastJson(stdout) as {
      ok: boolean;
      backends: Record<'keytar' | 'keyring', Record<string, unknown>>;
      cross: { keytarToKeyring: boolean; keyringToKeytar: boolean } | null;
      chosen: { state: string; backend: string };
      recorded: string;
      switched: Record<string, unknown> | null;
    };
    expect(result.ok, JSON.stringify(result)).toBe(true);
    // @napi-rs/keyring ships prebuilt binaries in the registry: it must always load and work.
    expect(result.backends.keyring).toEqual(roundTrip);
    const keytarLoads = result.backends.keytar['loads'] === true;
    if (expectKeytar !== undefined) expect(keytarLoads).toBe(expectKeytar === '1');
    if (keytarLoads) expect(result.backends.keytar).toEqual(roundTrip);
    else console.info('keytar is not installed here (it could not be built); only @napi-rs/keyring was exercised.');

    // First use on this computer: keytar when it works, else @napi-rs/keyring, and the choice is recorded.
    const expected = keytarLoads ? 'keytar' : 'keyring';
    expect(result.chosen).toMatchObject({ state: 'ready', backend: expected });
    expect(result.recorded).toBe(expected);
    // `mobius key status` says which keychain would hold the key.
    expect(cli).toMatchObject({ has_key: false, source: null, keychain: { state: 'ready', backend: expected, label: expect.stringContaining('Secret Service') } });
    if (keytarLoads) {
      // On Linux neither library sees the other's entry: this is why the choice is recorded.
      expect(result.cross).toEqual({ keytarToKeyring: false, keyringToKeytar: false });
      expect(result.switched).toEqual({ backend: 'keyring', switched_from: 'keytar', notice: true, settledNotice: false, settledHasKey: true });
    }
  });

  it('reports an unreachable Secret Service instead of falling back to a store that forgets the key', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: isolatedEnv({ MOBIUS_TEST_NO_DBUS: '1' }), timeout: 45_000 });
    expect(lastJson(stdout)).toEqual({ ok: true, status: { has_key: false, state: 'unavailable', problem: true }, setError: 'SECRET_STORE_UNAVAILABLE' });
  });
});
