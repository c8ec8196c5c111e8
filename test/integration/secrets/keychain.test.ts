import { afterAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('./keychain-script.ts', import.meta.url));
const KEY = 'AIzaSyKEYCHAIN-integration_0123456789ab';

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
    `Skipping the real-keychain test: ${missing.join(' and ')} not found on PATH ` +
      '(install the dbus, gnome-keyring and libsecret-1-dev packages to run it).',
  );
}

describe('KeytarSecretStore against a real Secret Service keyring', () => {
  (missing.length > 0 ? it.skip : it)('sets, reads back, and deletes the Gemini key through keytar', async () => {
    // A throwaway HOME keeps the test away from the developer's own keyring.
    const runtime = path.join(home, 'run');
    mkdirSync(runtime, { recursive: true, mode: 0o700 });
    const inner =
      'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
      `"${process.execPath}" --import tsx "${script}"`;
    const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', inner], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_RUNTIME_DIR: runtime,
        MOBIUS_TEST_KEY: KEY,
        MOBIUS_TEST_SERVICE: 'Mobius-test',
      },
      timeout: 45_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result).toEqual({
      ok: true,
      before: null,
      roundTrip: true,
      reopenedMatches: true,
      chosenKind: 'keychain',
      deleted: true,
      deletedAgain: false,
      afterDelete: null,
    });
    expect(stdout).not.toContain(KEY);
  });
});
