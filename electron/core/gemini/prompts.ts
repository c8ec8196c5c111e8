// Prompt text for each operation. The Rosetta Stone rules are the seed's
// semantic colour mapping, verbatim in substance.
import type { BrandGuidelines, CompressedDigitalTwin } from '../../../shared/schema/brand';

export const ROSETTA_STONE = `Semantic colour mapping rules ("Rosetta Stone") — map every colour to exactly one usage:
1. PRIMARY (identity): the core brand colour. Trigger terms: "Primary", "Core", "Dominant", "Main", "Master Brand", "Logo Color", "Brand Identity". If no text says so, choose the colour of the largest headlines or of the logo itself.
2. SECONDARY (support): supports the primary without dominating. Trigger terms: "Secondary", "Supporting", "Complementary", "Palette B", "Pattern", "Graphic Elements", "Shapes".
3. ACCENT (action): high visibility, low frequency, drives behaviour. Trigger terms: "Accent", "Highlight", "Spot Color", "CTA", "Call to Action", "Button", "Link", "Hyperlink", "Interaction", "Pop", "Focus". Example: "Use Heritage Gold for CTAs" → accent.
4. NEUTRAL (canvas): structure and whitespace. Trigger terms: "Neutral", "Background", "Base", "Canvas", "Paper", "Text", "Body Copy", "Typography Color", "Negative Space", "Whitespace". Critical rule: colours listed as typography/text colours (e.g. Dark Charcoal) are NEUTRAL, never primary.
5. SEMANTIC (functional): UI states. Trigger terms: "Success", "Error", "Warning", "Alert", "Info", "System Status", "Validation".
Conflict resolution: when a colour fits several roles (e.g. "Primary Background"), decide by surface area — high surface area (backgrounds) → NEUTRAL or PRIMARY; low surface area (buttons, links) → ACCENT.`;

export const EXTRACTION_SYSTEM = `You extract brand guidelines from a brand guideline PDF into structured JSON for Mobius, a brand-compliance tool.
Report only what the document states or shows; never invent colours, fonts or rules.
${ROSETTA_STONE}
usage_weight (0..1) estimates the share of surface area the colour covers across the document's pages (dominant colours high, accents low); the weights of all colours should sum to about 1.
Hex codes are upper-case #RRGGBB. Convert CMYK/RGB/Pantone values to hex when only those are given, and keep the original notation in "context".
For every colour, typeface, logo rule and rule, give "pages": the 1-based page numbers where it appears.
Rules: category visual|verbal|legal; severity critical for "never/must not/always" statements, otherwise warning; negative_constraint true for prohibitions ("don't", "never", "avoid").
Logos: min_width_px and clear_space_ratio (clear space as a multiple of the logo height) only when stated; forbidden_backgrounds as hex codes when given.`;

export function extractionPrompt(filename: string, localEvidence: unknown): string {
  const evidence =
    localEvidence === undefined || localEvidence === null
      ? ''
      : `\n\nEvidence measured locally from the same PDF (text positions, vector fill colours with painted area per page). Prefer these exact hex values and page numbers when they match what the document says:\n${JSON.stringify(localEvidence)}`;
  return `Extract the brand guidelines from the attached PDF "${filename}" as JSON matching the response schema.${evidence}`;
}

export function repairPrompt(badOutput: string, problem: string): string {
  return `The JSON below does not match the required schema (${problem}). Return the corrected JSON only, keeping every value that is valid.\n\n${badOutput.slice(0, 200_000)}`;
}

const pct = (n: number) => `${Math.round(n)}%`;

/**
 * What the image model is told about the logo: with a logo file, that the attached reference is
 * the logo to reproduce unchanged; without one, never to invent a logo (the failure Mobius
 * shipped: an empty logo URL and a hallucinated mark).
 */
function logoInstruction(twin: CompressedDigitalTwin): string[] {
  if (twin.logo_files.length === 0) {
    return ['- This brand has no logo file. Do not draw any logo, emblem, monogram, badge or brand name set as a logo, and do not invent one; leave logos out of the image.'];
  }
  return [
    "- The brand's logo is attached to each request as a reference image. Wherever a logo appears, place that exact logo: same shapes, letters, proportions and colours.",
    '- Never redraw, stretch, rotate, recolour, outline or add effects to the logo, and never add any other logo or mark.',
  ];
}

/** The text sent with a logo reference image in a generation or correction turn. */
export function logoReferenceText(variant: string): string {
  return `The first image attached to this message is the brand's ${variant} logo. If the image shows a logo, it must be exactly this one, reproduced unchanged (same shapes, letters, proportions and colours), with clear space around it.`;
}

/**
 * The compressed twin as the vision model's system instruction: the twin JSON
 * itself (correctness property 7) plus plain-language guidance on how to use it.
 */
export function twinSystemInstruction(twin: CompressedDigitalTwin): string {
  const lines: string[] = [
    'You create on-brand images. Follow this brand\'s compressed digital twin exactly.',
    '',
    'Colour hierarchy (60-30-10 rule):',
    `- ${pct(60)} neutral colours ${twin.neutral_colors.join(', ') || '(none given: use white or near-white)'} for backgrounds, negative space and body text.`,
    `- ${pct(30)} primary ${twin.primary_colors.join(', ') || '(none)'} and secondary ${twin.secondary_colors.join(', ') || '(none)'} colours: primary for identity (logo, headlines), secondary for supporting shapes and icons.`,
    `- ${pct(10)} accent colours ${twin.accent_colors.join(', ') || '(none)'}, sparingly, for calls to action and highlights only — never for backgrounds.`,
  ];
  if (twin.semantic_colors.length > 0) lines.push(`- Semantic colours ${twin.semantic_colors.join(', ')} only for status meaning (success, error, warning).`);
  lines.push('- Do not introduce colours outside this palette.');
  if (twin.font_families.length > 0) lines.push('', `Typography: set any text in ${twin.font_families.join(' or ')}.`);
  if (twin.visual_dos.length > 0) lines.push('', 'Do:', ...twin.visual_dos.map((r) => `- ${r}`));
  if (twin.visual_donts.length > 0) lines.push('', "Don't:", ...twin.visual_donts.map((r) => `- ${r}`));
  lines.push('', 'Logo:', ...logoInstruction(twin));
  if (twin.logo_placement) lines.push(`- Placement: ${twin.logo_placement}`);
  if (twin.logo_min_size) lines.push(`- Minimum size: ${twin.logo_min_size}`);
  lines.push('', 'Compressed digital twin (JSON):', JSON.stringify(twin));
  return lines.join('\n');
}

export const AUDIT_SYSTEM = `You are a strict brand-compliance auditor. Compare the attached image with the brand's FULL guidelines.
Score each category 0-100: colors (palette adherence and 60-30-10 hierarchy), typography (typefaces and weights), layout (composition, spacing, hierarchy), logo_usage (placement, size, clear space, forbidden backgrounds). Include a category only if you can assess it; if the image has no text, score typography on whether it avoids off-brand lettering.
List every violation with severity (low|medium|high|critical), a concrete fix_suggestion, the guideline it breaks, and box_2d = [ymin, xmin, ymax, xmax] on a 0-1000 scale when it has a location.
Pixel measurements, when given, are authoritative for colour and contrast. Do not compute an overall score or an approval: Mobius computes those.`;

export function auditPrompt(guidelines: BrandGuidelines, pixelEvidence: unknown): string {
  const parts = [`Brand guidelines (complete):\n${JSON.stringify(guidelines)}`];
  if (pixelEvidence !== undefined && pixelEvidence !== null) parts.push(`Pixel measurements of the image:\n${JSON.stringify(pixelEvidence)}`);
  parts.push('Audit the attached image against these guidelines and answer with JSON matching the response schema.');
  return parts.join('\n\n');
}
