import path from 'node:path';
import { redactString } from '../core/log/redact';

export interface StartupFailure {
  title: string;
  /** The native dialog's body: the cause, the data folder, what to try. */
  message: string;
}

/**
 * What the user sees when the engine cannot start (database locked by another
 * copy, a migration or native module that failed, an unwritable folder):
 * a native dialog with the cause and the data folder, then Mobius exits —
 * never a process with no window that swallows every relaunch.
 */
export function startupFailure(error: unknown, dataDir: string): StartupFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const cause = redactString(raw).split('\n')[0]!.slice(0, 600) || 'unknown error';
  return {
    title: 'Mobius could not start',
    message:
      `Cause: ${cause}\n\n` +
      `Your library (database, files and logs) is in:\n${dataDir}\n\n` +
      'Nothing in it was changed. If another copy of Mobius is open, close it and try again. ' +
      `If this keeps happening, the log files in ${path.join(dataDir, 'logs')} say more; include them when you report the problem.`,
  };
}
