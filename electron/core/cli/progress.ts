import type { CliIO } from './io';

/** One status line on stderr: redrawn in place on a terminal, a line per stage otherwise. */
export function createProgress(io: CliIO): { update(text: string): void; done(): void } {
  const tty = Boolean(io.stderr.isTTY);
  let last = '';
  return {
    update(text) {
      if (text === last) return;
      last = text;
      io.stderr.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
    },
    done() {
      if (tty && last) io.stderr.write('\n');
      last = '';
    },
  };
}
