import type { Content } from '@google/genai';
import { z } from 'zod';
import type { BrandGuidelines, NormalizedBox } from '../../../../shared/schema/brand';
import { ComplianceCategory, Severity, Violation, type AuditErrorNote, type CategoryScore, type ModelImageInput } from '../../../../shared/schema/compliance';
import { COMPLIANCE_CATEGORIES } from '../../../../shared/vocab/audit';
import type { GeminiContext } from '../context';
import { inlineModelImage } from '../image-input';
import { ModelViolation } from '../model-schemas';
import { AUDIT_SYSTEM, auditPrompt } from '../prompts';
import { structuredCall, structuredConfig } from '../structured';
import type { CallCost, CallOptions, ReferenceImage } from '../types';

export { ModelAuditOutput } from '../model-schemas';

/** Parsing is more forgiving than the schema we send: synonyms ("color", "major") are mapped, nulls accepted, not rejected. */
const LenientViolation = ModelViolation.extend({
  severity: Severity,
  fix_suggestion: z.string().default(''),
  guideline: z.string().nullable().optional(),
  box_2d: z.array(z.number()).nullable().optional(),
});
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

/** The model's audit as read: the categories it scored (unscored: `passed` is decided later), its summary, and what could not be read. */
export interface ModelAudit {
  categories: CategoryScore[];
  summary: string;
  errors: AuditErrorNote[];
  /** The image the model was shown (auditImage sets it). */
  input?: ModelImageInput;
}

/**
 * Turn the model's JSON into category scores, keeping every valid category and
 * annotating each one that is missing or malformed instead of dropping the audit.
 */
export function convertModelAudit(raw: unknown): ModelAudit {
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
      passed: false,
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

export interface AuditImageOptions extends CallOptions {
  /** Measured facts that ground the model (the audit pipeline chooses them). */
  pixelEvidence?: unknown;
}

/**
 * The reasoning model's audit of an image (inline) against the FULL guidelines
 * (correctness properties 10–13). Returns what the model said, unscored;
 * throws when nothing usable came back (the pipeline turns that into a
 * partial score).
 */
export async function auditImage(
  ctx: GeminiContext,
  image: ReferenceImage,
  guidelines: BrandGuidelines,
  options: AuditImageOptions = {},
): Promise<{ audit: ModelAudit; cost: CallCost }> {
  const { part, input } = await inlineModelImage(image);
  const contents: Content[] = [{ role: 'user', parts: [part, { text: auditPrompt(guidelines, options.pixelEvidence) }] }];
  const config = structuredConfig(AUDIT_SYSTEM, 'compliance_audit');
  const { value, cost } = await structuredCall(ctx, 'compliance_audit', contents, config, options, (raw) => {
    const audit = convertModelAudit(raw);
    // Some categories readable → keep them (partial); none → worth one repair request.
    return audit.categories.length > 0 ? { ok: true, value: audit } : { ok: false, problem: audit.errors.map((e) => e.message).join(' ') };
  });
  return { audit: { ...value, input }, cost };
}
