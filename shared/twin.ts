import { logosInUse } from './logos';
import type { BrandGuidelines, BrandRule, Color, ColorUsage, CompressedDigitalTwin } from './schema/brand';

/** The seed's budget for the compressed twin in the vision model's context. */
export const TWIN_TOKEN_LIMIT = 60_000;
/** Mobius kept at most this many dos and donts each: the image model follows a short list better. */
export const MAX_VISUAL_RULES = 20;

const ROLE_FIELDS: Record<ColorUsage, keyof CompressedDigitalTwin & `${string}_colors`> = {
  primary: 'primary_colors',
  secondary: 'secondary_colors',
  accent: 'accent_colors',
  neutral: 'neutral_colors',
  semantic: 'semantic_colors',
};
const COLOR_FIELDS = Object.values(ROLE_FIELDS);
const RULE_FIELDS = ['visual_dos', 'visual_donts'] as const;

/** ~4 characters per token on the JSON the model receives (Gemini's rule of thumb). */
export function estimateTokens(twin: CompressedDigitalTwin): number {
  return Math.ceil(JSON.stringify(twin).length / 4);
}

export function validateSize(twin: CompressedDigitalTwin, limit = TWIN_TOKEN_LIMIT): boolean {
  return estimateTokens(twin) < limit;
}

export interface CompiledTwin {
  twin: CompressedDigitalTwin;
  tokens: number;
  /** Human-readable notes for the brand's `needs_review` list; empty when nothing was left out. */
  notes: string[];
}

const stableByWeight = (colors: readonly Color[]) =>
  colors
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.usage_weight - a.c.usage_weight || a.i - b.i)
    .map(({ c }) => c);

const stableBySeverity = (rules: readonly BrandRule[]) =>
  rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(b.r.severity === 'critical') - Number(a.r.severity === 'critical') || a.i - b.i)
    .map(({ r }) => r);

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

const PLACEMENT_WORDS = /\b(place|placed|placement|position|corner|top|bottom|left|right|cent(er|re)|align)/i;

function logoPlacement(guidelines: BrandGuidelines): string | null {
  const rule = guidelines.rules.find(
    (r) => r.category === 'visual' && !r.negative_constraint && /\blogo/i.test(r.instruction) && PLACEMENT_WORDS.test(r.instruction),
  );
  const clearSpace = Math.max(0, ...guidelines.logos.map((l) => l.clear_space_ratio));
  const parts = [rule?.instruction, clearSpace > 0 ? `clear space of at least ${clearSpace}× the logo height on every side` : undefined];
  const text = parts.filter(Boolean).join('; ');
  return text.length > 0 ? text : null;
}

function logoMinSize(guidelines: BrandGuidelines): string | null {
  const px = Math.max(0, ...guidelines.logos.map((l) => l.min_width_px));
  return px > 0 ? `${px}px width` : null;
}

/**
 * Derive the twin the vision model sees: hex codes per role (heaviest first),
 * font family names, visual dos/don'ts (critical first), the logo's
 * placement and minimum size, and the logo files in use (one per variant).
 * Pure and deterministic; no prose fields.
 */
export function deriveRawTwin(guidelines: BrandGuidelines): CompressedDigitalTwin {
  const twin: CompressedDigitalTwin = {
    primary_colors: [],
    secondary_colors: [],
    accent_colors: [],
    neutral_colors: [],
    semantic_colors: [],
    font_families: unique(guidelines.typography.map((t) => t.family.trim()).filter((f) => f.length > 0)),
    visual_dos: [],
    visual_donts: [],
    logo_placement: logoPlacement(guidelines),
    logo_min_size: logoMinSize(guidelines),
    logo_files: logosInUse(guidelines).map(({ variant, logo }) => ({ variant, url: logo.url })),
  };
  for (const color of stableByWeight(guidelines.colors)) {
    const list = twin[ROLE_FIELDS[color.usage]];
    if (!list.includes(color.hex)) list.push(color.hex);
  }
  const visual = stableBySeverity(guidelines.rules.filter((r) => r.category === 'visual'));
  twin.visual_dos = unique(visual.filter((r) => !r.negative_constraint).map((r) => r.instruction.trim()));
  twin.visual_donts = unique(visual.filter((r) => r.negative_constraint).map((r) => r.instruction.trim()));
  return twin;
}

interface DropCounts {
  colors: number;
  rules: number;
}

/**
 * One pass of dropping: the longest rules (≥ 200 chars) first, then the
 * lowest-weight colours (each role keeps its top colour), then any rule.
 * Works on a character budget so thousands of entries cost O(n log n); the
 * budget over-estimates what a removal saves by at most one comma, so the
 * caller re-measures and repeats.
 */
function dropPass(twin: CompressedDigitalTwin, maxChars: number, dropped: DropCounts): void {
  let chars = JSON.stringify(twin).length;
  const entryChars = (s: string) => JSON.stringify(s).length + 1;

  const rules = RULE_FIELDS.flatMap((field) => twin[field].map((text, index) => ({ field, text, index })));
  rules.sort((a, b) => b.text.length - a.text.length || a.index - b.index);
  const droppedRules = new Set<string>();
  const dropRule = (rule: (typeof rules)[number]) => {
    droppedRules.add(`${rule.field}\u0000${rule.index}`);
    chars -= entryChars(rule.text);
  };
  for (const rule of rules) {
    if (chars <= maxChars || rule.text.length < 200) break;
    dropRule(rule);
  }

  const lengths = new Map(COLOR_FIELDS.map((f) => [f, twin[f].length]));
  while (chars > maxChars) {
    const [field, length] = [...lengths.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (length <= 1) break;
    chars -= entryChars(twin[field][length - 1]!);
    lengths.set(field, length - 1);
    dropped.colors += 1;
  }
  for (const [field, length] of lengths) twin[field] = twin[field].slice(0, length);

  for (const rule of rules) {
    if (chars <= maxChars) break;
    if (!droppedRules.has(`${rule.field}\u0000${rule.index}`)) dropRule(rule);
  }
  for (const field of RULE_FIELDS) {
    twin[field] = twin[field].filter((_, index) => !droppedRules.has(`${field}\u0000${index}`));
  }
  dropped.rules += droppedRules.size;

  // Fonts and logo text are never large in real brands; they shrink only for adversarial input.
  while (chars > maxChars && twin.font_families.length > 1) chars -= entryChars(twin.font_families.pop()!);
}

/** Last resort for input no real brand has: cap the length of the remaining strings. */
function truncateStrings(twin: CompressedDigitalTwin): void {
  twin.font_families = twin.font_families.map((f) => f.slice(0, 200));
  twin.logo_placement = twin.logo_placement?.slice(0, 500) ?? null;
  twin.logo_min_size = twin.logo_min_size?.slice(0, 100) ?? null;
}

/** Shrink the twin until its estimate is under `limit` tokens, recording what was left out in `notes`. */
function shrinkToLimit(twin: CompressedDigitalTwin, limit: number, notes: string[]): void {
  const maxChars = limit * 4 - 4;
  const dropped: DropCounts = { colors: 0, rules: 0 };
  for (let pass = 0; JSON.stringify(twin).length > maxChars; pass += 1) {
    if (pass < 4) dropPass(twin, maxChars, dropped);
    else if (pass === 4) truncateStrings(twin);
    else break;
  }
  if (dropped.colors > 0) {
    notes.push(`The compressed twin was too large for the image model: ${dropped.colors} lowest-weight colours were left out.`);
  }
  if (dropped.rules > 0) {
    notes.push(`The compressed twin was too large for the image model: ${dropped.rules} of the longest visual rules were left out.`);
  }
}

/** Derive the twin and make sure it fits the limit; every omission is reported in `notes`. */
export function compileTwin(guidelines: BrandGuidelines, limit = TWIN_TOKEN_LIMIT): CompiledTwin {
  const twin = deriveRawTwin(guidelines);
  const notes: string[] = [];
  for (const field of RULE_FIELDS) {
    if (twin[field].length > MAX_VISUAL_RULES) {
      const dropped = twin[field].length - MAX_VISUAL_RULES;
      twin[field] = twin[field].slice(0, MAX_VISUAL_RULES);
      notes.push(
        `${dropped} visual ${field === 'visual_dos' ? "do's" : "don'ts"} beyond the ${MAX_VISUAL_RULES} most important were left out of the compressed twin.`,
      );
    }
  }
  shrinkToLimit(twin, limit, notes);
  return { twin, tokens: estimateTokens(twin), notes };
}

export function deriveCompressedTwin(guidelines: BrandGuidelines): CompressedDigitalTwin {
  return compileTwin(guidelines).twin;
}
