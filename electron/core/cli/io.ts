import { isMobiusError } from '../../../shared/errors';
import { cliMessage } from './messages';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was typed: exit code 2 and a pointer to help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Output {
  readonly json: boolean;
  /** The command's result: domain JSON with --json, else the human text. */
  result(value: unknown, human: () => string): void;
  /** Text that is the result in every mode (e.g. an export in the format asked for). */
  raw(text: string): void;
  /** Progress and notes for people, on stderr so stdout stays machine-readable. */
  note(message: string): void;
  error(error: unknown): void;
}

export function createOutput(io: CliIO, json: boolean): Output {
  return {
    json,
    result(value, human) {
      io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(human()));
    },
    raw(text) {
      io.stdout.write(text);
    },
    note(message) {
      io.stderr.write(ensureNewline(message));
    },
    error(error) {
      const { code, message, details } = describeError(error);
      io.stderr.write(`mobius: ${message}\n`);
      // Scripts using --json get Mobius' error envelope on stdout.
      if (json) io.stdout.write(`${JSON.stringify({ error: { code, message, details: details ?? {} } }, null, 2)}\n`);
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

export function describeError(error: unknown): { code: string; message: string; details?: Record<string, unknown> } {
  if (isMobiusError(error)) return { code: error.code, message: cliMessage(error), details: error.details };
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message };
  // Unexpected errors: say what happened without dumping internals on a designer.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong inside Mobius: ${message}` };
}
