import { createInterface } from 'node:readline';
import { MobiusError } from '../../../../shared/errors';
import { GEMINI_ACCOUNT, type GeminiKeyStatus } from '../../secrets';
import type { CliContext } from '../context';
import type { CliIO, Output } from '../io';
import { UsageError } from '../io';

/** Read the key from a pipe, or ask for it on a terminal without echoing it. */
async function readKey(io: CliIO): Promise<string> {
  if (!io.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  io.stderr.write('Paste your Gemini API key (input is hidden): ');
  const rl = createInterface({ input: io.stdin, terminal: true });
  // Swallow the echo: readline writes typed characters through _writeToOutput.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const key = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  io.stderr.write('\n');
  return key.trim();
}

const SOURCE = { env: 'the GEMINI_API_KEY environment variable', memory: 'memory (this process only)' } as const;

/** Which key is in use, which keychain holds (or would hold) it, and what to do next. */
export function describeStatus(status: GeminiKeyStatus): string {
  const lines: string[] = [];
  const keychain = status.keychain;
  if (status.has_key) {
    lines.push(
      status.source === 'keychain'
        ? `A Gemini API key is set, in the ${keychain?.label ?? 'system keychain'}.`
        : `A Gemini API key is set (from ${SOURCE[status.source as keyof typeof SOURCE] ?? status.source}).`,
    );
  } else if (status.problem) {
    lines.push(`No Gemini API key can be read. ${status.problem}`);
  } else {
    lines.push('No Gemini API key is set. Set one with `mobius key set`; offline features work without it.');
  }
  if (keychain?.state === 'ready' && status.source !== 'keychain') lines.push(`Keychain: ${keychain.label ?? keychain.backend}.`);
  if (status.notice) lines.push(status.notice);
  return lines.join('\n');
}

export async function keyCommand(ctx: CliContext, out: Output, io: CliIO, args: string[]): Promise<void> {
  const [action = 'status'] = args;
  switch (action) {
    case 'status': {
      const status = await ctx.core().services.secrets.has();
      out.result(status, () => describeStatus(status));
      return;
    }
    case 'set': {
      const secrets = await ctx.secrets();
      if (secrets.kind !== 'keychain') {
        throw new MobiusError(
          'SECRET_STORE_UNAVAILABLE',
          'The system keychain is not available, so the key could not be saved. For headless use, set the GEMINI_API_KEY environment variable instead.',
        );
      }
      const status = await ctx.core().services.secrets.set({ value: await readKey(io) });
      ctx.logger().info('gemini_key_set', { store: secrets.kind, backend: status.keychain?.backend ?? null });
      out.result(status, () => `Saved the Gemini API key in the ${status.keychain?.label ?? 'system keychain'}.`);
      return;
    }
    case 'clear': {
      const secrets = await ctx.secrets();
      const removed = await secrets.delete(GEMINI_ACCOUNT);
      ctx.logger().info('gemini_key_cleared', { store: secrets.kind, removed });
      out.result({ has_key: false, removed }, () => (removed ? 'Removed the Gemini API key from the keychain.' : 'No Gemini API key was stored.'));
      return;
    }
    default:
      throw new UsageError(`Unknown key action "${action}". Use: mobius key status|set|clear`);
  }
}
