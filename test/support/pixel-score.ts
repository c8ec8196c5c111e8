import type { BrandGuidelines, ComplianceScore } from '../../shared/schema';
import type { AnalyseOptions } from '../../electron/core/audit/analyse';
import type { PixelAuditor } from '../../electron/core/audit/pixel-audit';
import { buildPixelScore } from '../../electron/core/audit/score';

/** The pixel half of an audit (measure in the real worker, then score), for tests of the measurements themselves. */
export async function pixelScore(
  auditor: PixelAuditor,
  bytes: Uint8Array,
  guidelines: BrandGuidelines,
  options: AnalyseOptions & { brandVersion?: number } = {},
): Promise<ComplianceScore> {
  const { brandVersion, ...analyse } = options;
  return buildPixelScore(await auditor.measure(bytes, guidelines, analyse), guidelines, { brandVersion: brandVersion ?? null });
}
