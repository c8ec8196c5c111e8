import type { ComplianceScore, NormalizedBox, Severity, Violation } from '../../../shared/schema';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
export const MAX_CORRECTION_FINDINGS = 6;

/** "the top-right quarter", "the centre", "most of the image": where a finding is, in words a model follows. */
export function describeRegion(box: NormalizedBox | null | undefined): string | null {
  if (!box) return null;
  const area = Math.max(0, Math.min(1, box.w * box.h));
  if (area >= 0.6) return 'most of the image';
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const third = (v: number, names: [string, string, string]) => (v < 1 / 3 ? names[0] : v > 2 / 3 ? names[2] : names[1]);
  const vertical = third(cy, ['top', 'middle', 'bottom']);
  const horizontal = third(cx, ['left', 'centre', 'right']);
  const where =
    vertical === 'middle' && horizontal === 'centre'
      ? 'the centre'
      : vertical === 'middle'
        ? `the ${horizontal} edge, halfway down`
        : horizontal === 'centre'
          ? `the ${vertical} centre`
          : `the ${vertical}-${horizontal} quarter`;
  const size = area < 0.03 ? 'small ' : area > 0.2 ? 'large ' : '';
  return `the ${size}block in ${where} (about ${Math.max(1, Math.round(area * 100))} % of the image)`;
}

/** Open findings worth an edit, most severe first (stable within a severity). */
export function openFindings(score: Pick<ComplianceScore, 'categories'>): Violation[] {
  const all = score.categories.flatMap((c) => c.violations.filter((v) => v.status === 'open'));
  return all
    .map((v, i) => ({ v, i }))
    .sort((a, b) => SEVERITY_ORDER[a.v.severity] - SEVERITY_ORDER[b.v.severity] || a.i - b.i)
    .map(({ v }) => v);
}

/**
 * The edit instruction for one correction turn, built only from the latest
 * audit's open findings (critical and high first, each with its fix and
 * where it is). Earlier corrections are already in the chat history, so they
 * are never repeated here and the prompt does not grow from turn to turn.
 */
export function buildCorrectionInstruction(score: Pick<ComplianceScore, 'categories' | 'overall_score'>, threshold: number): string {
  const findings = openFindings(score).slice(0, MAX_CORRECTION_FINDINGS);
  const lines = findings.map((v, n) => {
    const where = describeRegion(v.region);
    const fix = v.fix_suggestion.trim();
    return [
      `${n + 1}. [${v.severity.toUpperCase()}] ${v.description.trim()}`,
      where ? `   Where: ${where}.` : null,
      fix ? `   Fix: ${fix}` : null,
    ]
      .filter(Boolean)
      .join('\n');
  });
  const header =
    `Edit the previous image so it follows the brand guidelines. It scored ${Math.round(score.overall_score)}/100; it must reach ${Math.round(threshold)} ` +
    'with no critical problem. Keep the subject, composition and everything not listed unchanged.';
  if (lines.length === 0) {
    return `${header}\nNo single finding is blocking; raise the overall brand fit (palette proportions, typography, layout) without changing the subject.`;
  }
  return `${header}\nFix these problems, most important first:\n${lines.join('\n')}`;
}
