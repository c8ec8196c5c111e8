import type { BlockingCode } from '../../../../shared/schema/audit-evidence';
import type { BrandGuidelines, BrandRule, LogoEvidence, Severity, Violation } from '../../../../shared/schema';
import { presenceRule } from './rules';

/**
 * The logo's measurements as findings (category logo_usage), each with its region, the rule it
 * breaks and a blocking condition: a logo used against the brand's own rules — missing where
 * required, too small, crowded, on a busy or wrong background, stretched or recoloured — is not
 * an on-brand asset, whatever the average of the other categories.
 */

type Check = 'size' | 'clear_space' | 'background' | 'distortion' | 'colour';

const TOPIC: Record<Check, RegExp> = {
  size: /\bmin(imum)?\.?\s*(size|width)|smaller than|at least \d|no smaller/i,
  clear_space: /clear ?space|exclusion|breathing room|safe (area|zone|margin)|free space|protection|respeto|schutzraum/i,
  background: /background|busy|photo|pattern|textur|image/i,
  distortion: /stretch|distort|squash|skew|warp|proportion|deform|verzerr|déform/i,
  colour: /recolou?r|colou?rs? of the logo|change (its|the) colou?r|alter|other colou?r|approved colou?r/i,
};

/** The rule of the guidelines that states this about the logo, if one does. */
function ruleFor(check: Check, rules: readonly BrandRule[]): BrandRule | null {
  return rules.find((r) => /\blogo/i.test(r.instruction) && TOPIC[check].test(r.instruction)) ?? null;
}

/** Points a finding costs the logo_usage category (what dismissing it gives back). */
const IMPACT: Record<Severity, number> = { critical: 40, high: 30, medium: 12, low: 5 };

const pct = (v: number) => `${Math.round(v * 100)} %`;

export function logoFindings(evidence: LogoEvidence | undefined, guidelines: BrandGuidelines): Violation[] {
  if (!evidence || evidence.status === 'skipped') return [];
  const out: Violation[] = [];
  const base = { source: 'pixel' as const, status: 'open' as const, dismiss_reason: null, category: 'logo_usage' };
  const stated = (rule: BrandRule | null, fallback: string, page: number | null) => (rule ? { instruction: rule.instruction, page: rule.provenance[0]?.page ?? null } : { instruction: fallback, page });
  const logoPage = guidelines.logos.find((l) => l.provenance.length > 0)?.provenance[0]?.page ?? null;
  const severityOf = (rule: BrandRule | null, otherwise: Severity): Severity => (rule ? (rule.severity === 'critical' ? 'critical' : 'high') : otherwise);
  const push = (id: string, check: Check | null, code: BlockingCode, severity: Severity, description: string, fix: string, region: Violation['region'], evidence: Record<string, unknown>, ref: Violation['guideline_ref'], measured: number, limit: number) =>
    out.push({
      ...base,
      id: `pixel:logo:${id}`,
      severity,
      description,
      fix_suggestion: fix,
      region,
      evidence: { kind: `logo_${check ?? id}`, ...evidence, score_impact: IMPACT[severity], blocking: { code, message: description, measured, limit } },
      guideline_ref: ref,
    });

  if (evidence.status === 'not_found') {
    const rule = presenceRule(guidelines.rules);
    if (rule) {
      push(
        'missing',
        null,
        'logo_missing',
        severityOf(rule, 'high'),
        `The brand's logo is not in the image (best match ${evidence.best_score.toFixed(2)}; a logo that is not the brand's own does not count).`,
        "Place the brand's logo file as it is, at its size and with its clear space.",
        null,
        { best_score: evidence.best_score },
        stated(rule, 'The logo must appear on every design.', null),
        evidence.best_score,
        1,
      );
    }
    return out;
  }
  const m = evidence.match!;
  const { size, clear_space: space, background, distortion, colour } = evidence.checks;
  if (size && !size.ok) {
    const rule = ruleFor('size', guidelines.rules);
    push('size', 'size', 'logo_size', severityOf(rule, 'high'), `The logo is ${size.width_px} px wide; the guidelines ask for at least ${size.min_px} px.`, `Show the logo at least ${size.min_px} px wide.`, m.box, { width_px: size.width_px, min_px: size.min_px }, stated(rule, `Minimum logo width ${size.min_px} px`, logoPage), size.width_px, size.min_px);
  }
  if (space && !space.ok) {
    const rule = ruleFor('clear_space', guidelines.rules);
    const what = space.edge ? 'the edge of the image cuts into it' : `other elements take ${pct(space.intrusion_share)} of it`;
    push(
      'clear-space',
      'clear_space',
      'logo_clear_space',
      severityOf(rule, 'high'),
      `The logo's clear space (${space.required_px} px on every side) is not kept: ${what}.`,
      'Move other elements (and the image edge) away from the logo until its clear space is free.',
      space.box,
      { required_px: space.required_px, intrusion_share: space.intrusion_share, limit: space.limit, edge: space.edge },
      stated(rule, 'Keep the logo’s clear space free', logoPage),
      space.edge ? 1 : space.intrusion_share,
      space.limit,
    );
  }
  if (background && !background.ok) {
    const rule = ruleFor('background', guidelines.rules);
    const busy = !background.busy_ok;
    const description = busy
      ? `The logo sits on a busy background (local variation ${background.busy} where at most ${background.busy_limit} reads as calm).`
      : background.forbidden
        ? `The logo sits on ${background.hex}, a background the guidelines forbid (${background.forbidden}).`
        : `The logo sits on ${background.hex}, which is not a brand colour${background.nearest ? ` (nearest ${background.nearest}, ΔE00 ${background.delta_e})` : ''}.`;
    // A busy or off-palette background only counts as much as the guidelines say; a forbidden one always does.
    const severity = background.forbidden ? severityOf(rule, 'high') : severityOf(rule, 'medium');
    if (severity !== 'medium') {
      push('background', 'background', 'logo_background', severity, description, 'Place the logo on a calm area of a brand colour.', m.box, { hex: background.hex, busy: background.busy, busy_limit: background.busy_limit, forbidden: background.forbidden, nearest: background.nearest, delta_e: background.delta_e }, stated(rule, 'Logo on a calm brand-colour background', logoPage), background.busy, background.busy_limit);
    } else {
      out.push({
        ...base,
        id: 'pixel:logo:background',
        severity,
        description,
        fix_suggestion: 'Place the logo on a calm area of a brand colour.',
        region: m.box,
        evidence: { kind: 'logo_background', hex: background.hex, busy: background.busy, busy_limit: background.busy_limit, nearest: background.nearest, delta_e: background.delta_e, score_impact: IMPACT[severity] },
        guideline_ref: stated(rule, 'Logo on a calm brand-colour background', logoPage),
      });
    }
  }
  if (distortion && !distortion.ok) {
    const rule = ruleFor('distortion', guidelines.rules);
    const by = distortion.aspect > 1 ? `${pct(distortion.aspect - 1)} wider` : `${pct(1 / distortion.aspect - 1)} narrower`;
    push('distorted', 'distortion', 'logo_distorted', severityOf(rule, 'high'), `The logo is stretched: ${by} than its proportions.`, 'Scale the logo proportionally (same factor in width and height).', m.box, { aspect: distortion.aspect, limit: distortion.limit }, stated(rule, 'Never distort the logo', logoPage), Math.abs(Math.log(distortion.aspect)), Math.log(distortion.limit));
  }
  if (colour && !colour.ok) {
    const rule = ruleFor('colour', guidelines.rules);
    const description = colour.inverted ? 'The logo appears with its light and dark swapped, which is not one of its files.' : `The logo is recoloured: its colours are ΔE00 ${colour.delta_e} off the logo file's (at most ${colour.limit}).`;
    push('recoloured', 'colour', 'logo_recoloured', severityOf(rule, 'high'), description, 'Use the logo file in its own colours (or its reversed version on dark backgrounds).', m.box, { delta_e: colour.delta_e, limit: colour.limit, inverted: colour.inverted }, stated(rule, 'Never recolour the logo', logoPage), colour.delta_e, colour.limit);
  }
  return out;
}

/** logo_usage from pixels: 100 less what each finding costs. */
export function logoUsageScore(findings: readonly Violation[]): number {
  return Math.max(0, 100 - findings.reduce((s, f) => s + (typeof f.evidence?.['score_impact'] === 'number' ? (f.evidence['score_impact'] as number) : 0), 0));
}
