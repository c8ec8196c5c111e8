import { BlockingCondition } from './schema/audit-evidence';
import type { CategoryScore } from './schema/compliance';

/**
 * The approval decision, in one place: approved means the overall score
 * reaches the threshold, no critical finding is open, and no blocking
 * measured condition holds. A blocking condition is carried by the finding
 * that measured it (`evidence.blocking`), so dismissing that finding — a
 * reviewer's decision — lifts the block, exactly as it does for a critical.
 */

export interface Decision {
  approved: boolean;
  /** Why not, in words a reviewer reads: below threshold, open critical findings, each blocking condition. */
  reasons: string[];
  blocking: BlockingCondition[];
}

/** Blocking conditions of the open findings (one per code and finding). */
export function blockingConditions(categories: readonly Pick<CategoryScore, 'violations'>[]): BlockingCondition[] {
  const out: BlockingCondition[] = [];
  for (const c of categories) {
    for (const v of c.violations) {
      if (v.status !== 'open') continue;
      const parsed = BlockingCondition.omit({ finding_id: true }).safeParse(v.evidence?.['blocking']);
      if (parsed.success) out.push({ ...parsed.data, finding_id: v.id });
    }
  }
  return out;
}

export function decide(overall: number, categories: readonly CategoryScore[], threshold: number): Decision {
  const critical = categories.flatMap((c) => c.violations).filter((v) => v.status === 'open' && v.severity === 'critical');
  const blocking = blockingConditions(categories);
  const reasons: string[] = [];
  if (categories.length === 0) reasons.push('Nothing could be assessed.');
  if (overall < threshold) reasons.push(`The overall score ${overall.toFixed(1)} is below the threshold ${threshold}.`);
  if (critical.length > 0) reasons.push(`${critical.length} critical finding${critical.length === 1 ? ' is' : 's are'} open.`);
  const seen = new Set<string>();
  for (const b of blocking) {
    if (seen.has(b.code)) continue;
    seen.add(b.code);
    reasons.push(b.message);
  }
  return { approved: reasons.length === 0, reasons, blocking };
}
