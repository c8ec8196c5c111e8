import { readFileSync } from 'node:fs';
import { auditCommand, findingCommand } from './commands/audit';
import { brandCommand, listBrands } from './commands/brands';
import { ingestCommand } from './commands/ingest';
import { generateCommand } from './commands/generate';
import { listJobs, showJob } from './commands/jobs';
import { keyCommand } from './commands/key';
import { assetCommand, assetsCommand, costsCommand, exportCommand, reauditCommand, templateCommand } from './commands/library';
import { resumeCommand } from './commands/resume';
import { reviewCommand } from './commands/review';
import { settingsCommand } from './commands/settings';
import { createCliContext, type CliContext } from './context';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, createOutput, type CliIO, type Output } from './io';
import { parseCommandLine, type ParsedArgs } from './options';
import { USAGE } from './usage';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function dispatch(parsed: ParsedArgs, ctx: CliContext, out: Output, io: CliIO): Promise<void> {
  const { command, args, options } = parsed;
  switch (command) {
    case 'ingest':
      return ingestCommand(ctx, out, io, args, options);
    case 'brands':
      return listBrands(ctx, out);
    case 'audit':
      return auditCommand(ctx, out, args, options);
    case 'finding':
      return findingCommand(ctx, out, args, options);
    case 'brand':
      return brandCommand(ctx, out, args, options);
    case 'key':
      return keyCommand(ctx, out, io, args);
    case 'settings':
      return settingsCommand(ctx, out, args);
    case 'generate':
      return generateCommand(ctx, out, args, options);
    case 'jobs':
      return listJobs(ctx, out);
    case 'job':
      return showJob(ctx, out, args);
    case 'review':
      return reviewCommand(ctx, out, args, options);
    case 'resume':
      return resumeCommand(ctx, out);
    case 'assets':
      return assetsCommand(ctx, out, options);
    case 'asset':
      return assetCommand(ctx, out, args);
    case 'export':
      return exportCommand(ctx, out, io, args, options);
    case 'reaudit':
      return reauditCommand(ctx, out, io, args, options);
    case 'template':
      return templateCommand(ctx, out, args, options);
    case 'costs':
      return costsCommand(ctx, out, options);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** Run one CLI invocation; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr.write(`mobius: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const out = createOutput(io, parsed.options.json);
  if (parsed.options.version) {
    io.stdout.write(`${version()}\n`);
    return EXIT_OK;
  }
  if (parsed.options.help || !parsed.command) {
    (parsed.command || parsed.options.help ? io.stdout : io.stderr).write(USAGE);
    return parsed.options.help ? EXIT_OK : EXIT_USAGE;
  }

  let ctx: CliContext | undefined;
  try {
    ctx = createCliContext({ dataDirFlag: parsed.options.dataDir, env: io.env });
    await dispatch(parsed, ctx, out, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mobius: ${error.message}\nRun \`mobius --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    out.error(error);
    try {
      ctx?.logger().error('cli_failed', { command: parsed.command, error });
    } catch {
      // The failure may be the data dir itself; the message above already told the user.
    }
    return EXIT_FAILURE;
  } finally {
    await ctx?.close();
  }
}
