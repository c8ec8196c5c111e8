// What the reasoning model is asked to return, per operation: slim views of
// the domain schemas (picked from them, so a renamed field breaks the build
// here), with only what the model can know. Bookkeeping — provenance
// objects, confidence, verification, boxes, file names, timestamps — is
// filled in by code. Every schema the client can send is in MODEL_SCHEMAS,
// which a unit test walks against the documented keyword subset and a size
// budget (test/unit/gemini/model-schemas.test.ts).
import { z } from 'zod';
import { BrandRule, Color, Gradient, LogoRule, Typography, VoiceTone, type BrandGuidelinesInput, type Provenance } from '../../../shared/schema/brand';
import { toModelJsonSchema } from '../../../shared/schema/json-schema';
import { COMPLIANCE_CATEGORIES, SEVERITIES } from '../../../shared/vocab/audit';

/** Pages as the model reports them; code turns them into provenance entries (source "model"). */
const pages = z.array(z.number().int()).optional().describe('1-based page numbers where it appears');

const ModelColor = Color.pick({ name: true, hex: true, usage: true, usage_weight: true }).extend({
  context: z.string().optional().describe('The words next to the colour in the document, with any CMYK/RGB/Pantone notation'),
  pantone: z.string().optional(),
  pages,
});
const ModelTypography = Typography.pick({ family: true, weights: true, usage: true }).extend({ pages });
const ModelLogo = LogoRule.pick({ variant_name: true, forbidden_backgrounds: true }).extend({
  // Only when the document states them: a required number would invite a guess.
  min_width_px: LogoRule.shape.min_width_px.unwrap().optional(),
  clear_space_ratio: LogoRule.shape.clear_space_ratio.unwrap().optional(),
  pages,
});
const ModelGradient = Gradient.pick({ name: true, stops: true, angle: true }).extend({ pages });
const ModelRule = BrandRule.pick({ category: true, instruction: true, severity: true, negative_constraint: true }).extend({ pages });

/** The guideline extraction's answer. */
export const ModelGuidelines = z.object({
  colors: z.array(ModelColor).default([]),
  typography: z.array(ModelTypography).default([]),
  logos: z.array(ModelLogo).default([]),
  voice: VoiceTone.optional(),
  rules: z.array(ModelRule).default([]),
  gradients: z.array(ModelGradient).default([]).describe('Blends the brand defines (stops in order), never listed as solid colours'),
});
export type ModelGuidelines = z.infer<typeof ModelGuidelines>;

/**
 * The audit's answer: category scores and violations with Gemini's native
 * box_2d. No overall score, no approval — those are computed in code, once,
 * by the audit pipeline.
 */
export const ModelViolation = z.object({
  description: z.string(),
  severity: z.enum(SEVERITIES),
  fix_suggestion: z.string(),
  guideline: z.string().optional(),
  box_2d: z.array(z.number().min(0).max(1000)).min(4).max(4).optional().describe('[ymin, xmin, ymax, xmax] on a 0-1000 scale'),
});
export const ModelCategory = z.object({
  category: z.enum(COMPLIANCE_CATEGORIES),
  score: z.number().min(0).max(100),
  violations: z.array(ModelViolation),
});
export const ModelAuditOutput = z.object({ categories: z.array(ModelCategory), summary: z.string() });

/** Every structured-output schema the client sends, by operation. */
export const MODEL_SCHEMAS = {
  pdf_parsing: ModelGuidelines,
  compliance_audit: ModelAuditOutput,
} as const;
export type StructuredOperation = keyof typeof MODEL_SCHEMAS;

const generated = new Map<StructuredOperation, Record<string, unknown>>();

/** The `responseJsonSchema` sent for an operation (generated once). */
export function modelJsonSchema(operation: StructuredOperation): Record<string, unknown> {
  let schema = generated.get(operation);
  if (!schema) {
    schema = toModelJsonSchema(MODEL_SCHEMAS[operation]);
    generated.set(operation, schema);
  }
  return schema;
}

const provenanceOf = (reported: number[] | undefined): Provenance[] =>
  [...new Set((reported ?? []).filter((p) => Number.isInteger(p) && p >= 1))].map((page) => ({ page, source: 'model' as const }));

/**
 * The model's answer as domain guidelines: provenance from the reported
 * pages, everything else (confidence, verification, file name, time) left to
 * the schema defaults and the caller.
 */
export function guidelinesFromModel(answer: ModelGuidelines): BrandGuidelinesInput {
  return {
    colors: answer.colors.map(({ pages: p, context, pantone, ...c }) => ({ ...c, context: context ?? null, pantone: pantone ?? null, provenance: provenanceOf(p) })),
    typography: answer.typography.map(({ pages: p, ...t }) => ({ ...t, provenance: provenanceOf(p) })),
    logos: answer.logos.map(({ pages: p, ...l }) => ({ ...l, provenance: provenanceOf(p) })),
    voice: answer.voice ?? null,
    rules: answer.rules.map(({ pages: p, ...r }) => ({ ...r, provenance: provenanceOf(p) })),
    ...(answer.gradients.length > 0 ? { gradients: answer.gradients.map(({ pages: p, ...g }) => ({ ...g, provenance: provenanceOf(p) })) } : {}),
  };
}
