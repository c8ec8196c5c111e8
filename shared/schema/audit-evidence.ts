import { z } from 'zod';
import { NormalizedBox } from './brand';
import { Hex } from './normalize';

/**
 * Measured audit evidence added for trustworthy decisions: the regime the
 * colours were judged under, text regions with their contrast, palette drift
 * on flat artwork, how each colour rule was applied, and the named conditions
 * that block approval. Kept in this one module so it can join the typed
 * `ComplianceScore.measured` as a block.
 */

/** How colours were judged: exact brand colours on flat artwork, shading allowed on photographic content. */
export const AUDIT_REGIMES = ['flat', 'photographic', 'mixed'] as const;
export const AuditRegime = z.object({
  kind: z.enum(AUDIT_REGIMES),
  /** Share of the image in flat areas (uniform colour surfaces), judged with the exact tolerance. */
  flat_share: z.number().min(0).max(1),
  /** Share in photographic or shaded areas (texture, gradients, grain), judged with the family tolerance. */
  photographic_share: z.number().min(0).max(1),
  /** ΔE00 within which a flat area is exactly its brand colour. */
  exact_tolerance: z.number().positive(),
  /** ΔE00 within which shaded/photographic pixels belong to a brand colour's family. */
  family_tolerance: z.number().positive(),
});
export type AuditRegime = z.infer<typeof AuditRegime>;

/** One text line found from pixel structure, with its WCAG contrast. */
export const TextRegion = z.object({
  /** What recognition read, when it ran and succeeded; never needed for the contrast check. */
  label: z.string().nullable(),
  box: NormalizedBox,
  ratio: z.number().min(1),
  /** WCAG 2.x SC 1.4.3 minimum: 3 for large text, 4.5 otherwise. */
  required: z.number(),
  large_text: z.boolean(),
  /** Estimated font size in source pixels (from the cap height) and weight (from the stroke width). */
  font_px: z.number().nonnegative(),
  bold: z.boolean(),
  foreground: Hex,
  background: Hex,
  glyphs: z.number().int().nonnegative(),
  /**
   * What the text sits on. On photographic content (texture, shading) contrast varies under the text and
   * shapes in the picture can look like letters: the ratio is reported, but it does not block approval alone.
   */
  background_kind: z.enum(['flat', 'photographic']),
  confidence: z.number().nullable(),
  /** WCAG exempts logotypes (text that reads as the brand or a logo name). */
  exempt: z.enum(['logotype']).nullable(),
});
export type TextRegion = z.infer<typeof TextRegion>;

export const TextEvidence = z.object({
  status: z.enum(['measured', 'skipped']),
  method: z.literal('structure'),
  regions: z.array(TextRegion),
  note: z.string().nullable(),
});
export type TextEvidence = z.infer<typeof TextEvidence>;

/** A flat area whose colour is a brand colour's neighbour but outside the exact tolerance. */
export const PaletteDrift = z.object({
  name: z.string(),
  /** The brand colour. */
  hex: Hex,
  /** The colour actually rendered (mean of the area). */
  rendered: Hex,
  delta_e: z.number().nonnegative(),
  share: z.number().min(0).max(1),
  box: NormalizedBox,
});
export type PaletteDrift = z.infer<typeof PaletteDrift>;

/** Conditions measured from pixels that block approval whatever the score; each is named in the report. */
export const BLOCKING_CONDITIONS = [
  'palette_drift',
  'off_palette_area',
  'accent_dominance',
  'accent_background',
  'text_contrast',
  'logo_missing',
  'logo_size',
  'logo_clear_space',
  'logo_background',
  'logo_distorted',
  'logo_recoloured',
] as const;
export type BlockingCode = (typeof BLOCKING_CONDITIONS)[number];
export const BlockingCondition = z.object({
  code: z.enum(BLOCKING_CONDITIONS),
  message: z.string(),
  /** The finding that carries the evidence; dismissing it lifts the block. */
  finding_id: z.string().nullable(),
  measured: z.number(),
  limit: z.number(),
});
export type BlockingCondition = z.infer<typeof BlockingCondition>;

/** How one colour rule was applied by the pixel audit. */
export const RuleApplication = z.object({
  instruction: z.string(),
  scope: z.string(),
  colors: z.array(z.string()),
  /** checked: measured within its scope; model: left to the model audit (scope unclear or not measurable). */
  applied: z.enum(['checked', 'model']),
  note: z.string().nullable(),
});
export type RuleApplication = z.infer<typeof RuleApplication>;

/** One check of the located logo against what the guidelines state; `ok` false is a finding. */
const LogoCheck = <T extends z.ZodRawShape>(shape: T) => z.object({ ok: z.boolean(), ...shape });

/**
 * The brand's logo in the audited image (audit/logo): whether and where it was found (which file,
 * how well it matched) and what was measured about it — size, clear space, what is behind it,
 * distortion and colour. `skipped` when the brand has no logo file to look for.
 */
export const LogoEvidence = z.object({
  status: z.enum(['found', 'not_found', 'skipped']),
  /** The guidelines require the logo on every design. */
  required: z.boolean(),
  match: z
    .object({
      id: z.string(),
      variant: z.string(),
      box: NormalizedBox,
      /** Normalised cross-correlation with the logo file, 0..1. */
      score: z.number(),
      /** Width in the image's own pixels. */
      width_px: z.number(),
    })
    .nullable(),
  /** The best score when nothing counted as found (how close something came). */
  best_score: z.number(),
  checks: z.object({
    size: LogoCheck({ width_px: z.number(), min_px: z.number() }).nullable(),
    clear_space: LogoCheck({ required_px: z.number(), intrusion_share: z.number(), limit: z.number(), edge: z.boolean(), box: NormalizedBox }).nullable(),
    background: LogoCheck({ hex: Hex, busy: z.number(), busy_limit: z.number(), busy_ok: z.boolean(), nearest: z.string().nullable(), delta_e: z.number().nullable(), off_palette: z.boolean(), forbidden: z.string().nullable() }).nullable(),
    distortion: LogoCheck({ aspect: z.number(), limit: z.number() }).nullable(),
    colour: LogoCheck({ delta_e: z.number(), limit: z.number(), inverted: z.boolean() }).nullable(),
  }),
  ms: z.number(),
});
export type LogoEvidence = z.infer<typeof LogoEvidence>;
