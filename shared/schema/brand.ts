import { z } from 'zod';
import { COLOR_USAGES } from '../vocab/colors';
import { Hex, IsoTimestamp, UnitInterval, caseInsensitiveEnum, normalizeHex, HEX_PATTERN } from './normalize';

/** A box normalised to the page or image: origin top-left, all values 0..1. */
export const NormalizedBox = z.object({
  x: UnitInterval,
  y: UnitInterval,
  w: UnitInterval,
  h: UnitInterval,
});
export type NormalizedBox = z.infer<typeof NormalizedBox>;

/** `generated`: made by Mobius where the document gives nothing (e.g. a descriptive colour name). */
export const ProvenanceSource = z.enum(['text', 'vector', 'raster', 'model', 'user', 'generated']);

/** Which field of a value an entry speaks for; absent = the value as a whole (its hex, its family). */
export const ProvenanceField = z.enum(['name', 'usage', 'family', 'instruction']);

/** Where a value came from: page number (1-based) and, when known, its box on that page. */
export const Provenance = z.object({
  page: z.number().int().min(1),
  bbox: NormalizedBox.nullable().optional(),
  source: ProvenanceSource,
  field: ProvenanceField.optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export { COLOR_USAGES };
export const ColorUsage = caseInsensitiveEnum(COLOR_USAGES, { background: 'neutral' });
export type ColorUsage = (typeof COLOR_USAGES)[number];

export const Cmyk = z.tuple([z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100)]);

export const Color = z.object({
  name: z.string(),
  hex: Hex,
  usage: ColorUsage,
  usage_weight: UnitInterval.default(0),
  context: z.string().nullable().default(null),
  // Mobius Desktop extensions: how sure we are and where the value came from.
  confidence: UnitInterval.default(1),
  provenance: z.array(Provenance).default([]),
  verified: z.boolean().default(true),
  pantone: z.string().nullable().optional(),
  cmyk: Cmyk.nullable().optional(),
});
export type Color = z.infer<typeof Color>;

export const Typography = z.object({
  family: z.string().min(1),
  weights: z.array(z.coerce.string()).default([]),
  usage: z.string().default(''),
  confidence: UnitInterval.default(1),
  provenance: z.array(Provenance).default([]),
});
export type Typography = z.infer<typeof Typography>;

/** Forbidden backgrounds are meant to be hex codes; Mobius data sometimes holds words, which we keep. */
const ForbiddenBackground = z.preprocess(normalizeHex, z.string().min(1));

/**
 * A logo variant and the rules for it. `url` points at the logo file in the library
 * (`mobius-asset://files/<sha256>.png`, see shared/logos.ts) or is empty when only the rules
 * are known. Mobius Desktop extensions: `verified` is false for a file Mobius picked from the
 * PDF until a designer confirms it; `confidence` is how sure that pick was.
 */
export const LogoRule = z.object({
  variant_name: z.string(),
  url: z.string().default(''),
  min_width_px: z.number().int().min(0).default(0),
  clear_space_ratio: z.number().min(0).default(0),
  forbidden_backgrounds: z.array(ForbiddenBackground).default([]),
  provenance: z.array(Provenance).default([]),
  verified: z.boolean().default(true),
  confidence: UnitInterval.default(1),
});
export type LogoRule = z.infer<typeof LogoRule>;

export function isHexCode(value: string): boolean {
  return HEX_PATTERN.test(value);
}

export const VoiceTone = z.object({
  adjectives: z.array(z.string()).default([]),
  forbidden_words: z.array(z.string()).default([]),
  example_phrases: z.array(z.string()).default([]),
});
export type VoiceTone = z.infer<typeof VoiceTone>;

export const RULE_CATEGORIES = ['visual', 'verbal', 'legal'] as const;
export const RULE_SEVERITIES = ['warning', 'critical'] as const;

/**
 * What a colour rule constrains, so pixel checks apply it only there: text in
 * one colour on another, two colours touching, a colour's share of the
 * layout, a colour as the background — or `general` (no colour constraint
 * the pixels can check; an unclear colour rule is left to the model audit).
 */
export const RULE_SCOPES = ['text_on_background', 'adjacency', 'usage_share', 'background', 'general'] as const;
export const RuleScope = z.enum(RULE_SCOPES);
export type RuleScope = z.infer<typeof RuleScope>;

export const BrandRule = z.object({
  category: caseInsensitiveEnum(RULE_CATEGORIES),
  instruction: z.string().min(1),
  severity: caseInsensitiveEnum(RULE_SEVERITIES, { error: 'critical', high: 'critical', medium: 'warning', low: 'warning' }),
  negative_constraint: z.boolean().default(false),
  provenance: z.array(Provenance).default([]),
  /** Recorded when the rule is extracted or imported; absent on older brands (inferred at audit time). */
  scope: RuleScope.optional(),
  /** The palette colours the rule names, as hex; for text_on_background [text, background]. */
  colors: z.array(Hex).optional(),
});
export type BrandRule = z.infer<typeof BrandRule>;

/** Later Mobius versions added these; accepted on import and kept as they are. */
const IdentityCore = z.object({
  archetype: z.string().nullable().optional(),
  voice_vectors: z.record(z.string(), z.number()).optional(),
  negative_constraints: z.array(z.string()).optional(),
});
const ContextualRule = z.object({
  context: z.string(),
  rule: z.string(),
  priority: z.number().int().min(1).max(10).optional(),
  applies_to: z.array(z.string()).optional(),
});

/**
 * Gradients (a Mobius Desktop extension of the guidelines): blends the brand defines, kept apart
 * from the solid palette so their stops are not mistaken for palette colours. A Mobius import
 * ignores the field; the audit may treat the blends as allowed.
 */
export const GradientStop = z.object({ hex: Hex, position: UnitInterval.nullable().optional() });
export const Gradient = z.object({
  name: z.string(),
  stops: z.array(GradientStop).min(2),
  /** Direction in CSS degrees (0 = to top, 90 = to right), when stated or drawn. */
  angle: z.number().nullable().optional(),
  provenance: z.array(Provenance).default([]),
});
export type Gradient = z.infer<typeof Gradient>;

export const BrandGuidelines = z.object({
  colors: z.array(Color).default([]),
  typography: z.array(Typography).default([]),
  logos: z.array(LogoRule).default([]),
  voice: VoiceTone.nullable().default(null),
  rules: z.array(BrandRule).default([]),
  gradients: z.array(Gradient).optional(),
  source_filename: z.string().nullable().default(null),
  ingested_at: IsoTimestamp.nullable().default(null),
  identity_core: IdentityCore.nullable().optional(),
  contextual_rules: z.array(ContextualRule).optional(),
  version: z.string().optional(),
});
export type BrandGuidelines = z.infer<typeof BrandGuidelines>;
export type BrandGuidelinesInput = z.input<typeof BrandGuidelines>;

/** The seed's fields — hex codes, font names, logo rules and visual constraints — and nothing else; logo rules include the logo files. */
export const CompressedDigitalTwin = z.object({
  primary_colors: z.array(Hex).default([]),
  secondary_colors: z.array(Hex).default([]),
  accent_colors: z.array(Hex).default([]),
  neutral_colors: z.array(Hex).default([]),
  semantic_colors: z.array(Hex).default([]),
  font_families: z.array(z.string()).default([]),
  visual_dos: z.array(z.string()).default([]),
  visual_donts: z.array(z.string()).default([]),
  logo_placement: z.string().nullable().default(null),
  logo_min_size: z.string().nullable().default(null),
  /** The logo files in use, one per variant (primary first): what generation sends as reference images. */
  logo_files: z.array(z.object({ variant: z.string(), url: z.string() })).default([]),
});
export type CompressedDigitalTwin = z.infer<typeof CompressedDigitalTwin>;

export const LOCAL_ORGANIZATION_ID = 'local';

export const Brand = z.object({
  brand_id: z.string().min(1),
  organization_id: z.string().default(LOCAL_ORGANIZATION_ID),
  name: z.string().min(1),
  guidelines: BrandGuidelines,
  compressed_twin: CompressedDigitalTwin.nullable().default(null),
  pdf_url: z.string().nullable().default(null),
  logo_thumbnail_url: z.string().nullable().default(null),
  needs_review: z.array(z.string()).default([]),
  learning_active: z.boolean().default(false),
  feedback_count: z.number().int().min(0).default(0),
  version: z.number().int().min(1).default(1),
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
  deleted_at: IsoTimestamp.nullable().default(null),
});
export type Brand = z.infer<typeof Brand>;

/**
 * A brand as Mobius exports it (or as a user hand-writes it): ids and timestamps
 * are optional because the importing store assigns its own.
 */
export const BrandImport = Brand.extend({
  brand_id: z.string().optional(),
  created_at: IsoTimestamp.optional(),
  updated_at: IsoTimestamp.optional(),
  version: z.number().int().min(1).optional(),
});
export type BrandImport = z.infer<typeof BrandImport>;
