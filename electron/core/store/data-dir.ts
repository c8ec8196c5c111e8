import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MobiusError } from '../../../shared/errors';

/** Electron's productName: `app.getPath('userData')` ends in this folder name. */
export const APP_DIR_NAME = 'Mobius';

export interface DataDirOptions {
  /** `--data-dir` from the command line. */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
}

/**
 * The same folder Electron's `app.getPath('userData')` gives for productName
 * "Mobius", so the CLI and the app share one library by default.
 */
export function platformUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  homedir: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', APP_DIR_NAME);
  }
  const config = nonEmpty(env.XDG_CONFIG_HOME) ?? path.posix.join(homedir, '.config');
  return path.posix.join(config, APP_DIR_NAME);
}

/** `--data-dir`, else `MOBIUS_DATA_DIR`, else the platform's user data folder; always absolute. */
export function resolveDataDir(options: DataDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const chosen = nonEmpty(options.flag) ?? nonEmpty(env.MOBIUS_DATA_DIR);
  if (chosen !== undefined) return paths.resolve(chosen);
  return platformUserDataDir(platform, env, options.homedir ?? os.homedir());
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'a file is in the way of that folder',
  EEXIST: 'a file with that name is in the way',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
};

export function unwritableDataDir(dir: string, cause: unknown): MobiusError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && REASONS[code]) ?? (cause instanceof Error ? cause.message : 'unknown error');
  return new MobiusError(
    'DATA_DIR_UNWRITABLE',
    `Mobius cannot write to its data folder "${dir}" (${reason}). ` +
      'Fix the folder’s permissions or free some space, or choose another folder with --data-dir or the MOBIUS_DATA_DIR environment variable.',
    { dir, ...(code ? { errno: code } : {}) },
    { cause },
  );
}

/** Create the folder if needed and prove we can write there, before anything else touches it. */
export function ensureDataDir(dir: string): string {
  const absolute = path.resolve(dir);
  const probe = path.join(absolute, `.write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(absolute, { recursive: true });
    writeFileSync(probe, 'ok');
  } catch (error) {
    throw unwritableDataDir(absolute, error);
  }
  try {
    rmSync(probe, { force: true });
  } catch (error) {
    throw unwritableDataDir(absolute, error);
  }
  return absolute;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim().length > 0 ? value : undefined;
}
