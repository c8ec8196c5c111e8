import type { ComplianceScore } from '../../../../shared/schema';
import { DISMISS_REASONS, type DismissReason } from '../../../../shared/vocab/audit';
import type { ModelAccess } from '../../gemini/access';
import type { CliContext } from '../context';
import { UsageError, type Output } from '../io';
import type { ParsedOptions } from '../options';

function percent(n: number): string {
  return `${Math.round(n * 10) / 10}`;
}

function describeRegion(region: { x: number; y: number; w: number; h: number } | null | undefined): string {
  if (!region) return '';
  return ` at x ${percent(region.x * 100)}%, y ${percent(region.y * 100)}% (${percent(region.w * 100)}% × ${percent(region.h * 100)}% of the image)`;
}

export function formatScore(score: ComplianceScore, assetId?: string): string {
  const lines = [
    `${score.approved ? 'APPROVED' : 'NOT APPROVED'}  overall ${percent(score.overall_score)}/100${score.partial ? ' (partial)' : ''}${assetId ? `  asset ${assetId}` : ''}`,
  ];
  if (score.summary) lines.push(score.summary);
  lines.push('', 'Categories:');
  for (const c of score.categories) lines.push(`  ${c.category.padEnd(11)} ${percent(c.score).padStart(5)}  ${c.passed ? 'passed' : 'failed'}`);
  const findings = score.categories.flatMap((c) => c.violations.map((v) => ({ ...v, category: c.category })));
  lines.push('', findings.length === 0 ? 'No findings.' : 'Findings:');
  for (const v of findings) {
    const status = v.status === 'dismissed' ? ` [dismissed: ${v.dismiss_reason ?? 'no reason'}]` : '';
    lines.push(`  [${v.severity}] ${v.category} (${v.source}) ${v.description}${describeRegion(v.region)}${status}`);
    if (v.fix_suggestion) lines.push(`      fix: ${v.fix_suggestion}`);
    lines.push(`      id: ${v.id}`);
  }
  for (const e of score.errors) lines.push(`note: ${e.message}`);
  const sent = score.model_input;
  if (sent && sent.changes.length > 0) lines.push(`note: Gemini was sent a ${sent.width}×${sent.height} ${sent.mime} copy (${sent.changes.join('; ')}).`);
  return lines.join('\n');
}

/** The model a command may use: none with --offline, else Gemini when a key is set. */
export async function modelAccess(ctx: CliContext, offline: boolean): Promise<ModelAccess> {
  return offline ? { client: null, reason: 'OFFLINE' } : ctx.core().gemini.access();
}

export async function auditCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [file] = args;
  if (!file || !options.brand) throw new UsageError('Usage: mobius audit <image> --brand <id> [--offline]');
  const gemini = await modelAccess(ctx, options.offline);
  out.note(`Auditing ${file}${gemini.client ? ' (pixels + Gemini)' : ' (pixels only, offline)'} …`);
  // Ctrl-C ends the model request too (an aborted call is still billed, but nothing more is spent on it).
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let result;
  try {
    result = await ctx.core().services.assets.importImage({ brandId: options.brand, filePath: file, gemini, signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
  ctx.logger().info('image_audited', { asset_id: result.asset.asset_id, brand_id: options.brand, overall: result.score.overall_score });
  out.result(result.score, () => formatScore(result.score, result.asset.asset_id));
}

export function findingCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): void {
  const [action, assetId, violationId] = args;
  if ((action !== 'dismiss' && action !== 'restore') || !assetId || !violationId) {
    throw new UsageError(`Usage: mobius finding dismiss|restore <asset-id> <finding-id> [--reason ${DISMISS_REASONS.join('|')}]`);
  }
  const reason = (options.reason ?? 'incorrect_assessment') as DismissReason;
  if (action === 'dismiss' && !DISMISS_REASONS.includes(reason)) throw new UsageError(`--reason must be one of: ${DISMISS_REASONS.join(', ')}.`);
  const result = ctx.core().services.assets.changeFinding(assetId, violationId, action === 'dismiss' ? { dismiss: reason } : 'restore');
  out.result(result.score, () => formatScore(result.score, result.asset.asset_id));
}
