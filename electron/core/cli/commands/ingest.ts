import { randomUUID } from 'node:crypto';
import type { IngestProgress } from '../../ingest';
import type { CliContext } from '../context';
import { formatBrand } from '../format';
import { UsageError, type CliIO, type Output } from '../io';
import type { ParsedOptions } from '../options';
import { createProgress } from '../progress';
import { modelAccess } from './audit';

const STAGE_LABELS: Record<IngestProgress['stage'], string> = {
  validating: 'Checking the PDF',
  reading: 'Reading pages',
  extracting: 'Extracting the brand twin',
  refining: 'Refining with Gemini',
  saving: 'Saving',
  done: 'Done',
};

export async function ingestCommand(ctx: CliContext, out: Output, io: CliIO, args: string[], options: ParsedOptions): Promise<void> {
  const [file] = args;
  if (!file) throw new UsageError('Missing argument. Usage: mobius ingest <guidelines.pdf> [--name <name>] [--offline]');
  const gemini = await modelAccess(ctx, options.offline);
  if (!gemini.client && gemini.reason === 'GEMINI_NOT_CONFIGURED') out.note('No Gemini API key is set: extracting the brand twin locally (offline).');
  const { services, events } = ctx.core();
  const ingestId = randomUUID();
  const progress = createProgress(io);
  const offProgress = events.on('ingest.progress', (p) => {
    if (p.ingest_id === ingestId) progress.update(`${STAGE_LABELS[p.stage]}${p.page && p.page_count ? ` ${p.page}/${p.page_count}` : ''} … ${p.percent}%`);
  });
  const onSigint = () => void services.brands.cancelIngest({ ingest_id: ingestId });
  process.once('SIGINT', onSigint);
  try {
    const result = await services.brands.ingest({ path: file, ingest_id: ingestId, ...(options.name ? { name: options.name } : {}) }, { gemini });
    progress.done();
    for (const warning of result.warnings) out.note(`warning: ${warning}`);
    ctx.logger().info('brand_ingested', { brand_id: result.brand.brand_id, refined: result.refined, colors: result.brand.guidelines.colors.length });
    out.result(result.brand, () => formatBrand(result.brand));
  } finally {
    progress.done();
    offProgress();
    process.off('SIGINT', onSigint);
  }
}
