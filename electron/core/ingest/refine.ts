import { BrandGuidelines, type BrandGuidelinesInput, type Color, type Typography } from '../../../shared/schema';
import { parseColorTokens } from './color-notation';
import type { DocumentEvidence } from './evidence-types';
import type { LocalExtraction } from './extract';

/** Below this, a locally found role is a guess and the model's reading may replace it. */
export const LOW_CONFIDENCE = 0.5;

/** Every colour the PDF itself shows: printed values and painted fills. */
export function evidenceHexes(evidence: DocumentEvidence): Set<string> {
  const hexes = new Set<string>();
  for (const page of evidence.pages) {
    for (const fill of page.fills) hexes.add(fill.hex);
    for (const text of page.texts) for (const t of parseColorTokens(text.str)) if (t.hex) hexes.add(t.hex);
  }
  return hexes;
}

const familyKey = (f: string) => f.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Merge the model's reading into the local extraction. The PDF evidence keeps the model
 * honest: a hex the PDF never shows is kept but `verified: false` and listed for review;
 * the model's role wins only where the local role was a low-confidence guess.
 */
export function refineWithModel(
  local: LocalExtraction,
  modelGuidelines: BrandGuidelinesInput,
  shown: Set<string>,
): LocalExtraction {
  const model = BrandGuidelines.parse(modelGuidelines);
  const review = [...local.needs_review];
  const colors: Color[] = local.guidelines.colors.map((c) => ({ ...c }));
  const byHex = new Map(colors.map((c) => [c.hex, c]));
  for (const mc of model.colors) {
    const existing = byHex.get(mc.hex);
    if (existing) {
      if (existing.confidence < LOW_CONFIDENCE && mc.usage !== existing.usage) {
        existing.usage = mc.usage;
        existing.confidence = LOW_CONFIDENCE;
        existing.provenance = [...existing.provenance, { page: existing.provenance[0]?.page ?? 1, source: 'model' }];
      }
      if (existing.name === existing.hex && mc.name) existing.name = mc.name;
      existing.pantone ??= mc.pantone ?? null;
      existing.cmyk ??= mc.cmyk ?? null;
      continue;
    }
    const verified = shown.has(mc.hex);
    const added: Color = {
      ...mc,
      confidence: verified ? Math.min(mc.confidence, 0.6) : Math.min(mc.confidence, 0.3),
      verified,
      provenance: [...mc.provenance.filter((p) => p.source !== 'model'), { page: mc.provenance[0]?.page ?? 1, source: 'model' }],
    };
    colors.push(added);
    byHex.set(added.hex, added);
    if (!verified) review.push(`Colour ${mc.hex} (${mc.name}) was suggested by the model but never appears in the PDF — please confirm.`);
  }

  const typography: Typography[] = local.guidelines.typography.map((t) => ({ ...t }));
  const families = new Set(typography.map((t) => familyKey(t.family)));
  for (const mt of model.typography) {
    if (families.has(familyKey(mt.family))) continue;
    families.add(familyKey(mt.family));
    typography.push({ ...mt, confidence: Math.min(mt.confidence, 0.4), provenance: [...mt.provenance, { page: 1, source: 'model' }] });
    review.push(`Typeface "${mt.family}" was suggested by the model; the PDF text does not name it — please confirm.`);
  }

  const instructions = new Set(local.guidelines.rules.map((r) => r.instruction.toLowerCase()));
  const rules = [
    ...local.guidelines.rules,
    ...model.rules.filter((r) => !instructions.has(r.instruction.toLowerCase())).map((r) => ({ ...r, provenance: [...r.provenance, { page: 1, source: 'model' as const }] })),
  ];
  const logos = local.guidelines.logos.length > 0 ? local.guidelines.logos : model.logos;
  let voice = local.guidelines.voice;
  if (!voice && model.voice) {
    voice = model.voice;
    review.push('The voice and tone were read by the model; please check them against the PDF.');
  }
  const guidelines = BrandGuidelines.parse({ ...local.guidelines, colors, typography, rules, logos, voice });
  return { ...local, guidelines, needs_review: review };
}
