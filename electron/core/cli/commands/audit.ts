import { thresholdToScore } from '../../../../shared/scoring';
import type { ComplianceScore } from '../../../../shared/schema';
import { auditImageFile, dismissAssetFinding, restoreAssetFinding } from '../../audit';
import type { CliContext } from '../context';
import { optionalGeminiClient } from '../gemini';
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
  return lines.join('\n');
}

export async function auditCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [file] = args;
  if (!file || !options.brand) throw new UsageError('Usage: mobius audit <image> --brand <id> [--offline]');
  const gemini = options.offline ? null : await optionalGeminiClient(ctx);
  out.note(`Auditing ${file}${gemini ? ' (pixels + Gemini)' : ' (pixels only, offline)'} …`);
  const result = await auditImageFile({
    store: ctx.store(),
    brandId: options.brand,
    filePath: file,
    offline: options.offline,
    gemini,
    threshold: thresholdToScore(ctx.settings().get().compliance_threshold),
  });
  ctx.logger().info('image_audited', { asset_id: result.asset.asset_id, brand_id: options.brand, overall: result.score.overall_score });
  out.result(result.score, () => formatScore(result.score, result.asset.asset_id));
}

const REASONS = ['incorrect_assessment', 'not_applicable'] as const;

export function findingCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): void {
  const [action, assetId, violationId] = args;
  if ((action !== 'dismiss' && action !== 'restore') || !assetId || !violationId) {
    throw new UsageError('Usage: mobius finding dismiss|restore <asset-id> <finding-id> [--reason incorrect_assessment|not_applicable]');
  }
  const threshold = thresholdToScore(ctx.settings().get().compliance_threshold);
  const store = ctx.store();
  let result;
  if (action === 'dismiss') {
    const reason = (options.reason ?? 'incorrect_assessment') as (typeof REASONS)[number];
    if (!REASONS.includes(reason)) throw new UsageError(`--reason must be one of: ${REASONS.join(', ')}.`);
    result = dismissAssetFinding({ store, assetId, violationId, reason, threshold });
  } else {
    result = restoreAssetFinding({ store, assetId, violationId, threshold });
  }
  out.result(result.score, () => formatScore(result.score, result.asset.asset_id));
}
