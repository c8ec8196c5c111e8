import { ingestPdf, type IngestProgress } from '../../ingest';
import type { CliContext } from '../context';
import { formatBrand } from '../format';
import { optionalGeminiClient } from '../gemini';
import { UsageError, type CliIO, type Output } from '../io';
import type { ParsedOptions } from '../options';
import { createProgress } from '../progress';

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
  const gemini = options.offline ? null : await optionalGeminiClient(ctx);
  if (!options.offline && !gemini) out.note('No Gemini API key is set: extracting the brand twin locally (offline).');
  const progress = createProgress(io);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await ingestPdf({
      store: ctx.store(),
      filePath: file,
      name: options.name,
      offline: options.offline || !gemini,
      gemini: gemini ? { extractGuidelines: (pdf, c) => gemini.extractGuidelines(pdf, c) } : null,
      signal: controller.signal,
      onProgress: (p) =>
        progress.update(`${STAGE_LABELS[p.stage]}${p.page && p.page_count ? ` ${p.page}/${p.page_count}` : ''} … ${p.percent}%`),
    });
    progress.done();
    for (const warning of result.warnings) out.note(`warning: ${warning}`);
    ctx.logger().info('brand_ingested', { brand_id: result.brand.brand_id, refined: result.refined, colors: result.brand.guidelines.colors.length });
    out.result(result.brand, () => formatBrand(result.brand));
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
  }
}
