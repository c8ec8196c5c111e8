import { z } from 'zod';
import type { NormalizedBox } from '../../../shared/schema/brand';
import {
  COMPLIANCE_CATEGORIES,
  ComplianceCategory,
  ComplianceScore,
  SEVERITIES,
  Severity,
  Violation,
  type AuditErrorNote,
  type CategoryScore,
} from '../../../shared/schema/compliance';
import { finalizeScore } from '../../../shared/scoring';

/**
 * What the reasoning model is asked to return for an audit: category scores
 * and violations with Gemini's native box_2d. No overall score, no approval —
 * those are computed in code (finalizeScore).
 */
const ModelViolation = z.object({
  description: z.string(),
  severity: z.enum(SEVERITIES),
  fix_suggestion: z.string(),
  guideline: z.string().nullable().optional(),
  box_2d: z.array(z.number().min(0).max(1000)).min(4).max(4).nullable().optional(),
});
const ModelCategory = z.object({
  category: z.enum(COMPLIANCE_CATEGORIES),
  score: z.number().min(0).max(100),
  violations: z.array(ModelViolation),
});
export const ModelAuditOutput = z.object({ categories: z.array(ModelCategory), summary: z.string() });

/** Parsing is more forgiving than the schema we send: synonyms ("color", "major") are mapped, not rejected. */
const LenientViolation = ModelViolation.extend({ severity: Severity, fix_suggestion: z.string().default('') });
const LenientCategory = z.object({
  category: ComplianceCategory,
  score: z.coerce.number().min(0).max(100),
  violations: z.array(LenientViolation).default([]),
});

/** Gemini's [ymin, xmin, ymax, xmax] on 0..1000 → a normalised {x, y, w, h}; null when degenerate. */
export function box2dToRegion(box: readonly number[] | null | undefined): NormalizedBox | null {
  if (!box || box.length !== 4 || box.some((v) => !Number.isFinite(v))) return null;
  const clamp = (v: number) => Math.min(1, Math.max(0, v / 1000));
  const [y0, x0, y1, x1] = box.map(clamp) as [number, number, number, number];
  // Rounded to the 0..1000 grid's resolution so 0.6 - 0.2 is 0.4, not 0.39999999999999997.
  const grid = (v: number) => Math.round(v * 1e6) / 1e6;
  const x = grid(Math.min(x0, x1));
  const y = grid(Math.min(y0, y1));
  const w = grid(Math.abs(x1 - x0));
  const h = grid(Math.abs(y1 - y0));
  if (w === 0 || h === 0) return null;
  return { x, y, w, h };
}

export interface AuditConversion {
  categories: CategoryScore[];
  summary: string;
  errors: AuditErrorNote[];
}

/**
 * Turn the model's JSON into category scores, keeping every valid category and
 * annotating each one that is missing or malformed instead of dropping the audit.
 */
export function convertModelAudit(raw: unknown): AuditConversion {
  const errors: AuditErrorNote[] = [];
  const categories: CategoryScore[] = [];
  const object = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const items = Array.isArray(object['categories']) ? object['categories'] : [];
  if (!Array.isArray(object['categories'])) errors.push({ code: 'GEMINI_BAD_RESPONSE', message: 'The model returned no category scores.' });
  for (const item of items) {
    const parsed = LenientCategory.safeParse(item);
    if (!parsed.success) {
      const name = ComplianceCategory.safeParse((item as { category?: unknown } | null)?.category);
      errors.push({
        code: 'GEMINI_BAD_RESPONSE',
        message: `The model's ${name.success ? name.data : 'unnamed'} category could not be read: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
        category: name.success ? name.data : null,
      });
      continue;
    }
    if (categories.some((c) => c.category === parsed.data.category)) continue;
    categories.push({
      category: parsed.data.category,
      score: parsed.data.score,
      passed: false, // finalizeScore decides.
      violations: parsed.data.violations.map((v) =>
        Violation.parse({
          category: parsed.data.category,
          description: v.description,
          severity: v.severity,
          fix_suggestion: v.fix_suggestion,
          source: 'model',
          region: box2dToRegion(v.box_2d),
          guideline_ref: v.guideline ? { instruction: v.guideline } : null,
        }),
      ),
    });
  }
  for (const category of COMPLIANCE_CATEGORIES) {
    if (!categories.some((c) => c.category === category) && !errors.some((e) => e.category === category)) {
      errors.push({ code: 'GEMINI_BAD_RESPONSE', message: `The model did not score ${category.replace('_', ' ')}.`, category });
    }
  }
  const summary = typeof object['summary'] === 'string' ? object['summary'] : '';
  return { categories, summary, errors };
}

/** A score from whatever was assessed; partial whenever anything is annotated (seed property 20). */
export function buildScore(
  conversion: AuditConversion,
  options: { threshold: number; brandVersion?: number | null; measured?: Record<string, unknown> | null },
): ComplianceScore {
  const partial = conversion.errors.length > 0;
  const summary =
    conversion.summary ||
    (conversion.categories.length === 0 ? 'The model audit failed; no category could be scored. See errors.' : 'Partial audit: see errors for what could not be assessed.');
  const score = ComplianceScore.parse({
    overall_score: 0,
    categories: conversion.categories,
    approved: false,
    summary,
    partial,
    errors: conversion.errors,
    brand_version: options.brandVersion ?? null,
    measured: options.measured ?? null,
  });
  return finalizeScore(score, options.threshold);
}

/** The audit failed before any category was scored: a partial score that says why, never a silent zero. */
export function failedAudit(code: string, message: string, options: { threshold: number; brandVersion?: number | null }): ComplianceScore {
  return buildScore({ categories: [], summary: `The model audit failed: ${message}`, errors: [{ code, message }] }, options);
}
