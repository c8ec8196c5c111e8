import { DEFAULT_THRESHOLD, finalizeScore } from '../../../shared/scoring';
import type { CategoryScore, ComplianceScore, NormalizedBox, Severity, Violation } from '../../../shared/schema';
import type { DismissReason } from '../../../shared/schema';
import type { z } from 'zod';
import type { AuditMeasurements } from './types';

const COLOUR_CLAIM = /colou?r|palette|hue|hex|#[0-9a-f]{6}|off-brand|saturat|tint|shade/i;
const CONTRAST_CLAIM = /contrast|legib|readab|low.?visib/i;

function overlaps(a: NormalizedBox | null | undefined, b: NormalizedBox): boolean {
  if (!a) return true;
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Is a model finding contradicted by what was measured? Colour claims stand only
 * where pixels are actually off-palette (somewhere in their region, or anywhere
 * when the model gave none); contrast claims only where measured text fails.
 */
function contradiction(v: Violation, m: AuditMeasurements): Record<string, unknown> | null {
  if (CONTRAST_CLAIM.test(v.description) && m.text.status === 'measured' && m.text.regions.length > 0) {
    const failing = m.text.regions.filter((t) => !t.exempt && t.ratio < t.required && overlaps(v.region, t.box));
    if (failing.length === 0) {
      return { kind: 'contrast', measured: m.text.regions.filter((t) => overlaps(v.region, t.box)).map((t) => ({ text: t.label, ratio: t.ratio, required: t.required })) };
    }
    return null;
  }
  if (v.category === 'colors' && COLOUR_CLAIM.test(v.description)) {
    const offHere = m.off_palette_regions.some((r) => overlaps(v.region, r.box));
    const scatteredOff = !v.region && m.coverage.off >= 0.02;
    const roleClaim = /proportion|balance|too much|overuse|dominat|60.?30.?10|accent/i.test(v.description) && m.role_shares.deviation >= 0.1;
    if (!offHere && !scatteredOff && !roleClaim) {
      return { kind: 'colour', off_palette_share: m.coverage.off, exact_share: m.coverage.exact, role_deviation: m.role_shares.deviation };
    }
  }
  return null;
}

/**
 * Merge the pixel audit with the model's. Colour is measured, so the pixel
 * `colors` score wins and model colour claims the pixels contradict are kept
 * but dismissed as incorrect assessments (with the measurement as evidence);
 * contrast is measured too and can only lower the model's layout score.
 * Typography, logo usage and the rest of layout are the model's.
 */
export function mergeAudit(pixel: ComplianceScore, model: ComplianceScore | null, threshold = DEFAULT_THRESHOLD): ComplianceScore {
  if (!model) return finalizeScore(pixel, threshold);
  const measured = pixel.measured as unknown as AuditMeasurements | null;
  const modelFindings = (c: CategoryScore): Violation[] =>
    c.violations.map((v) => {
      const base = { ...v, source: v.source === 'pixel' ? 'model' : v.source } as Violation;
      const contra = measured && base.status === 'open' ? contradiction(base, measured) : null;
      if (!contra) return base;
      return {
        ...base,
        status: 'dismissed',
        dismiss_reason: 'incorrect_assessment',
        evidence: { ...(base.evidence ?? {}), contradicted_by_measurement: contra, score_impact: 0 },
      };
    });
  const byCategory = new Map<string, CategoryScore>();
  for (const c of model.categories) byCategory.set(c.category, { ...c, violations: modelFindings(c) });
  for (const p of pixel.categories) {
    const m = byCategory.get(p.category);
    if (!m) {
      byCategory.set(p.category, p);
      continue;
    }
    const score = p.category === 'colors' ? p.score : Math.min(m.score, p.score);
    byCategory.set(p.category, { ...m, score, violations: [...p.violations, ...m.violations] });
  }
  const merged: ComplianceScore = {
    ...model,
    categories: [...byCategory.values()],
    partial: model.partial,
    errors: [...pixel.errors.filter((e) => e.code !== 'OFFLINE'), ...model.errors],
    brand_version: pixel.brand_version ?? model.brand_version,
    measured: pixel.measured,
    summary: [model.summary, pixel.summary].filter(Boolean).join(' '),
  };
  return finalizeScore(merged, threshold);
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;
const box3 = (b: NormalizedBox) => ({ x: r3(b.x), y: r3(b.y), w: r3(b.w), h: r3(b.h) });

/**
 * The compact, measured facts to put in the model's audit prompt
 * (GeminiClient.auditCompliance(image, guidelines, { pixelEvidence })): shares,
 * regions and contrast ratios, rounded, without the per-bin detail.
 */
export function pixelEvidenceForPrompt(measured: AuditMeasurements) {
  return {
    method: `CIEDE2000 to the brand palette; exact ≤ ${measured.tolerances.exact}, family ≤ ${measured.tolerances.family}`,
    coverage: { exact: r3(measured.coverage.exact), family: r3(measured.coverage.family), off_palette: r3(measured.coverage.off) },
    palette_shares: measured.colors.filter((c) => c.share_family > 0).map((c) => ({ name: c.name, hex: c.hex, share: r3(c.share_family) })),
    role_shares: {
      measured: mapR3(measured.role_shares.measured),
      target: mapR3(measured.role_shares.target),
      target_source: measured.role_shares.target_source,
    },
    dominant_colors: measured.clusters.slice(0, 6).map((c) => ({ hex: c.hex, share: r3(c.share), nearest: c.nearest, delta_e: c.delta_e })),
    off_palette_regions: measured.off_palette_regions.slice(0, 8).map((r) => ({ box: box3(r.box), hex: r.hex, share: r3(r.share), nearest: r.nearest, delta_e: r.delta_e })),
    accent_background: measured.accent_background.detected ? measured.accent_background.color : null,
    forbidden_pairs: measured.forbidden_pairs.map((p) => ({ colors: p.colors, box: box3(p.box) })),
    text_contrast:
      measured.text.status === 'measured'
        ? measured.text.regions.slice(0, 12).map((t) => ({ text: t.label?.slice(0, 40) ?? null, box: box3(t.box), ratio: Math.round(t.ratio * 100) / 100, required: t.required, exempt: t.exempt }))
        : null,
    checkerboard_background: measured.checkerboard.detected,
    regime: measured.regime?.kind ?? null,
    palette_drift: (measured.drift ?? []).slice(0, 8).map((d) => ({ color: d.name, hex: d.hex, rendered: d.rendered, delta_e: d.delta_e, share: r3(d.share) })),
    // Colour rules the pixels could not check within a clear scope: the model judges them.
    rules_for_model: (measured.rules ?? []).filter((r) => r.applied === 'model').map((r) => r.instruction),
    // Where the brand's logo is (or that it was looked for and not found), so the model judges the right mark.
    logo: logoEvidenceForPrompt(measured.logo),
  };
}

function logoEvidenceForPrompt(logo: AuditMeasurements['logo'] | undefined) {
  if (!logo || logo.status === 'skipped') return null;
  if (logo.status === 'not_found') return { found: false, best_match: logo.best_score, required: logo.required, note: "The brand's logo file was not found in the image; any logo shown is not the brand's." };
  const c = logo.checks;
  return {
    found: true,
    variant: logo.match!.variant,
    box: box3(logo.match!.box),
    match: logo.match!.score,
    width_px: logo.match!.width_px,
    measured: {
      ...(c.size ? { min_width_ok: c.size.ok } : {}),
      ...(c.clear_space ? { clear_space_ok: c.clear_space.ok } : {}),
      ...(c.background ? { background: c.background.hex, background_busy: !c.background.busy_ok } : {}),
      ...(c.distortion ? { aspect_vs_file: c.distortion.aspect } : {}),
      ...(c.colour ? { colour_delta_e: c.colour.delta_e } : {}),
    },
  };
}
export type PixelEvidence = ReturnType<typeof pixelEvidenceForPrompt>;

function mapR3<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r3(v)])) as T;
}

/** Points a finding costs its category when open (what dismissing gives back). */
const SEVERITY_IMPACT: Record<Severity, number> = { low: 2, medium: 5, high: 10, critical: 20 };

export function findingImpact(v: Violation): number {
  const impact = v.evidence?.['score_impact'];
  return typeof impact === 'number' && Number.isFinite(impact) ? impact : SEVERITY_IMPACT[v.severity];
}

function setStatus(
  score: ComplianceScore,
  violationId: string,
  status: 'open' | 'dismissed',
  reason: z.infer<typeof DismissReason> | null,
  threshold: number,
): ComplianceScore {
  let found = false;
  const categories = score.categories.map((c) => {
    const i = c.violations.findIndex((v) => v.id === violationId);
    if (i < 0) return c;
    found = true;
    const v = c.violations[i]!;
    if (v.status === status) return c;
    const delta = (status === 'dismissed' ? 1 : -1) * findingImpact(v);
    const violations = c.violations.slice();
    violations[i] = { ...v, status, dismiss_reason: reason };
    return { ...c, score: Math.max(0, Math.min(100, Math.round((c.score + delta) * 100) / 100)), violations };
  });
  if (!found) return score;
  return finalizeScore({ ...score, categories }, threshold);
}

/**
 * Dismiss one finding (incorrect_assessment / not_applicable) and re-score:
 * its category gets back the points the finding cost (evidence.score_impact,
 * else a severity default), and approval is recomputed — a dismissed critical
 * finding no longer blocks it. Unknown ids leave the score unchanged.
 */
export function dismissFinding(
  score: ComplianceScore,
  violationId: string,
  reason: z.infer<typeof DismissReason>,
  threshold = DEFAULT_THRESHOLD,
): ComplianceScore {
  return setStatus(score, violationId, 'dismissed', reason, threshold);
}

/** Undo a dismissal: the finding is open again and its points are deducted again. */
export function restoreFinding(score: ComplianceScore, violationId: string, threshold = DEFAULT_THRESHOLD): ComplianceScore {
  return setStatus(score, violationId, 'open', null, threshold);
}
