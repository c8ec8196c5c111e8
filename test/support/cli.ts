import { execFile } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../electron/core/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Run the CLI in-process with captured streams (fast; same code path as the bin after argument handling). */
export async function runCli(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const readOut = collect(stdout);
  const readErr = collect(stderr);
  const code = await main(argv, {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: { MOBIUS_SECRET_STORE: 'memory', ...options.env },
  });
  return { code, stdout: readOut(), stderr: readErr() };
}

export const MOBIUS_BIN = fileURLToPath(new URL('../../bin/mobius.js', import.meta.url));

/** Run the real `mobius` executable in a child process. */
export function spawnCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MOBIUS_BIN, ...argv], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
