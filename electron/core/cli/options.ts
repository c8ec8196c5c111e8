import { parseArgs } from 'node:util';
import { UsageError } from './io';

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  name: { type: 'string' },
  offline: { type: 'boolean' },
  brand: { type: 'string' },
  reason: { type: 'string' },
  aspect: { type: 'string' },
  size: { type: 'string' },
  'idempotency-key': { type: 'string' },
  status: { type: 'string' },
  search: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  stale: { type: 'boolean' },
  'since-version': { type: 'string' },
  zip: { type: 'boolean' },
  'no-provenance': { type: 'boolean' },
  prompt: { type: 'string' },
  variant: { type: 'string' },
} as const;

export interface ParsedOptions {
  dataDir?: string;
  json: boolean;
  help: boolean;
  version: boolean;
  format?: string;
  out?: string;
  name?: string;
  offline: boolean;
  brand?: string;
  reason?: string;
  aspect?: string;
  size?: string;
  idempotencyKey?: string;
  status?: string;
  search?: string;
  sort?: string;
  limit?: string;
  stale: boolean;
  sinceVersion?: string;
  zip: boolean;
  noProvenance: boolean;
  prompt?: string;
  variant?: string;
}

export interface ParsedArgs {
  command: string | undefined;
  args: string[];
  options: ParsedOptions;
}

/** Options may appear anywhere on the line (`mobius --json brands` and `mobius brands --json` both work). */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  return {
    command,
    args,
    options: {
      dataDir: values['data-dir'],
      json: values.json ?? false,
      help: values.help ?? false,
      version: values.version ?? false,
      format: values.format,
      out: values.out,
      name: values.name,
      offline: values.offline ?? false,
      brand: values.brand,
      reason: values.reason,
      aspect: values.aspect,
      size: values.size,
      idempotencyKey: values['idempotency-key'],
      status: values.status,
      search: values.search,
      sort: values.sort,
      limit: values.limit,
      stale: values.stale ?? false,
      sinceVersion: values['since-version'],
      zip: values.zip ?? false,
      noProvenance: values['no-provenance'] ?? false,
      prompt: values.prompt,
      variant: values.variant,
    },
  };
}
