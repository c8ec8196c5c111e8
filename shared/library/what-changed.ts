import type { BrandGuidelines } from '../schema/brand';
import type { ComplianceScore, Violation } from '../schema/compliance';
import type { ChangeSummary, FindingBrief } from '../schema/library';

/** The parts of a brand version a change summary compares. */
export type GuidelinesForDiff = Pick<BrandGuidelines, 'colors' | 'rules' | 'typography'>;

const round = (n: number) => Math.round(n * 10) / 10;

/** What a designer would say changed between two versions of the guidelines, most consequential first. */
export function diffGuidelines(before: GuidelinesForDiff, after: GuidelinesForDiff): string[] {
  const changes: string[] = [];
  const beforeByHex = new Map(before.colors.map((c) => [c.hex, c]));
  const afterByHex = new Map(after.colors.map((c) => [c.hex, c]));
  const afterByName = new Map(after.colors.filter((c) => c.name).map((c) => [c.name.toLowerCase(), c]));
  const recoloured = new Set<string>();
  for (const c of before.colors) {
    if (afterByHex.has(c.hex)) continue;
    const renamedTo = c.name ? afterByName.get(c.name.toLowerCase()) : undefined;
    if (renamedTo && !beforeByHex.has(renamedTo.hex)) {
      changes.push(`${c.name} changed from ${c.hex} to ${renamedTo.hex}`);
      recoloured.add(renamedTo.hex);
    } else {
      changes.push(`${c.name || c.hex} (${c.hex}) is no longer in the palette`);
    }
  }
  for (const c of after.colors) {
    const old = beforeByHex.get(c.hex);
    if (!old) {
      if (!recoloured.has(c.hex)) changes.push(`${c.name || c.hex} (${c.hex}) was added to the palette as ${c.usage}`);
    } else if (old.usage !== c.usage) {
      changes.push(`${c.name || c.hex} (${c.hex}) is now ${c.usage} (was ${old.usage})`);
    } else if (Math.abs(old.usage_weight - c.usage_weight) >= 0.05) {
      changes.push(`${c.name || c.hex} (${c.hex}) usage weight ${Math.round(old.usage_weight * 100)}% → ${Math.round(c.usage_weight * 100)}%`);
    }
  }
  const beforeRules = new Map(before.rules.map((r) => [r.instruction.trim(), r]));
  const afterRules = new Map(after.rules.map((r) => [r.instruction.trim(), r]));
  for (const [text, rule] of afterRules) {
    const old = beforeRules.get(text);
    if (!old) changes.push(`New ${rule.severity} rule: “${text}”`);
    else if (old.severity !== rule.severity) changes.push(`Rule “${text}” is now ${rule.severity} (was ${old.severity})`);
  }
  for (const text of beforeRules.keys()) if (!afterRules.has(text)) changes.push(`Rule removed: “${text}”`);
  const beforeFonts = new Set(before.typography.map((t) => t.family));
  const afterFonts = new Set(after.typography.map((t) => t.family));
  for (const f of afterFonts) if (!beforeFonts.has(f)) changes.push(`Typeface ${f} was added`);
  for (const f of beforeFonts) if (!afterFonts.has(f)) changes.push(`Typeface ${f} was removed`);
  return changes;
}

function openFindings(score: ComplianceScore): (Violation & { scoreCategory: string })[] {
  return score.categories.flatMap((c) => c.violations.filter((v) => v.status === 'open').map((v) => ({ ...v, scoreCategory: c.category })));
}

/** Findings are the same finding when they say the same thing about the same category (measured numbers aside). */
function findingKey(v: Violation & { scoreCategory: string }): string {
  const said = (v.guideline_ref?.instruction ?? '') + '|' + v.description.replace(/[\d.,%]+/g, '#').toLowerCase();
  return `${v.scoreCategory}|${v.source}|${said}`;
}

function brief(v: Violation & { scoreCategory: string }): FindingBrief {
  return { category: v.scoreCategory, severity: v.severity, description: v.description };
}

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

function versionLabel(version: number | null): string {
  return version === null ? 'before' : `v${version}`;
}

/**
 * What changed between two audits of the same image: the decision, the score,
 * findings that appeared or went away, and — when the brand version differs —
 * what changed in the guidelines, which is usually why.
 */
export function summariseChange(
  before: { score: ComplianceScore; version: number | null; guidelines?: GuidelinesForDiff | null },
  after: { score: ComplianceScore; version: number | null; guidelines?: GuidelinesForDiff | null },
): ChangeSummary {
  const beforeOpen = openFindings(before.score);
  const afterOpen = openFindings(after.score);
  const beforeKeys = new Set(beforeOpen.map(findingKey));
  const afterKeys = new Set(afterOpen.map(findingKey));
  const bySeverity = (a: FindingBrief, b: FindingBrief) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  const newFindings = afterOpen.filter((v) => !beforeKeys.has(findingKey(v))).map(brief).sort(bySeverity);
  const resolved = beforeOpen.filter((v) => !afterKeys.has(findingKey(v))).map(brief).sort(bySeverity);
  const guidelineChanges =
    before.guidelines && after.guidelines && before.version !== after.version ? diffGuidelines(before.guidelines, after.guidelines) : [];
  const from = { brand_version: before.version, approved: before.score.approved, score: round(before.score.overall_score) };
  const to = { brand_version: after.version, approved: after.score.approved, score: round(after.score.overall_score) };
  const decisionChanged = from.approved !== to.approved;
  const verdict = (approved: boolean) => (approved ? 'approved' : 'fails');
  let headline: string;
  if (decisionChanged) {
    headline =
      before.version === after.version
        ? `${from.approved ? 'Was approved' : 'Was not approved'}, now ${to.approved ? 'approved' : 'fails'} under ${versionLabel(to.brand_version)}`
        : `${from.approved ? 'Approved' : 'Failed'} under ${versionLabel(from.brand_version)}, ${verdict(to.approved)} under ${versionLabel(to.brand_version)}`;
  } else {
    headline = `Still ${to.approved ? 'approved' : 'not approved'} under ${versionLabel(to.brand_version)} (score ${from.score} → ${to.score})`;
  }
  const why = guidelineChanges[0] ?? (to.approved ? resolved[0]?.description : newFindings[0]?.description);
  if (decisionChanged && why) headline += `: ${why}`;
  return {
    from,
    to,
    decision_changed: decisionChanged,
    headline,
    guideline_changes: guidelineChanges,
    new_findings: newFindings,
    resolved_findings: resolved,
  };
}
