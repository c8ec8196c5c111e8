import { BrandGuidelines, type BrandGuidelinesInput, type BrandRule, type Color, type Provenance, type Typography } from '../../../shared/schema';
import { parseColorTokens } from './color-notation';
import type { DocumentEvidence } from './evidence-types';
import type { LocalExtraction } from './extract';
import { labelKind } from './label-kind';
import { familyFromFontName } from './typography';
import { fold } from './vocabulary';

/** Below this, a locally found role is a guess and the model's reading may replace it. */
export const LOW_CONFIDENCE = 0.5;

/** Every colour the PDF itself shows: printed values and painted fills. */
export function evidenceHexes(evidence: DocumentEvidence): Set<string> {
  const hexes = new Set<string>();
  for (const page of evidence.pages) {
    for (const fill of page.fills) hexes.add(fill.hex);
    for (const shading of page.shadings ?? []) for (const stop of shading.stops) hexes.add(stop);
    for (const text of page.texts) for (const t of parseColorTokens(text.str)) if (t.hex) hexes.add(t.hex);
  }
  return hexes;
}

/** What the PDF shows, to check the model's claims against: colours, page text, embedded font families. */
export interface EvidenceAnchors {
  shown: Set<string>;
  /** Folded text of each page (1-based page = index + 1), OCR'd text included. */
  pages: string[];
  /** Families of the fonts embedded in the PDF (weak: a font can be embedded for body text only). */
  fonts: string[];
}

export function evidenceAnchors(evidence: DocumentEvidence): { pages: string[]; fonts: string[] } {
  const fonts = new Set<string>();
  const pages = evidence.pages.map((p) => {
    for (const t of p.texts) if (t.fontName) fonts.add(familyFromFontName(t.fontName) ?? t.fontName);
    return fold(p.texts.map((t) => t.str).join(' '));
  });
  return { pages, fonts: [...fonts] };
}

const key = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');
const nameKey = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, '');

/** The page where a family is named (or its font embedded), if any. */
function familyAnchor(family: string, anchors: EvidenceAnchors): number | null {
  const k = key(family);
  if (k.length < 2) return null;
  for (let i = 0; i < anchors.pages.length; i++) if (anchors.pages[i]!.replace(/[^a-z0-9]/g, '').includes(k)) return i + 1;
  return anchors.fonts.some((f) => key(f) === k) ? 0 : null;
}

/** The page whose text carries most of a rule's words (a paraphrase still shares most of them). */
function ruleAnchor(instruction: string, anchors: EvidenceAnchors): number | null {
  const words = [...new Set(fold(instruction).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4))];
  if (words.length === 0) return null;
  let best = 0;
  let page: number | null = null;
  anchors.pages.forEach((text, i) => {
    const hits = words.filter((w) => text.includes(w)).length / words.length;
    if (hits > best) {
      best = hits;
      page = i + 1;
    }
  });
  return best >= 0.6 ? page : null;
}

const hasField = (c: Color, field: 'name' | 'usage', source: Provenance['source']) => c.provenance.some((p) => p.field === field && p.source === source);
/** A name printed next to the colour's swatch (not generated, not read from afar). */
const statedName = (c: Color) => c.provenance.some((p) => p.field === 'name' && (p.source === 'text' || p.source === 'raster' || p.source === 'user'));
/** A role the document states for this colour: its own label, its group heading or its section. */
const statedRole = (c: Color) => hasField(c, 'usage', 'text') && c.confidence >= 0.7;

const sameName = (a: string, b: string) => {
  const x = nameKey(a);
  const y = nameKey(b);
  return x === y || (x.length >= 3 && y.length >= 3 && (x.includes(y) || y.includes(x)));
};

/**
 * Merge the model's reading into the local extraction, field by field. The PDF evidence is the
 * witness of values: hex codes, painted areas and usage weights stay local, and a colour the PDF
 * never shows is kept `verified: false` and flagged. The model is the stronger reader of labels:
 * its names and roles replace local ones where its colour is anchored in the PDF, unless the
 * document states them in text next to the swatch (then the local reading stays and a
 * disagreement is listed for review). Its typefaces and rules count only where a page names them.
 */
export function refineWithModel(local: LocalExtraction, modelGuidelines: BrandGuidelinesInput, anchors: EvidenceAnchors): LocalExtraction {
  const model = BrandGuidelines.parse(modelGuidelines);
  const review = [...local.needs_review];
  const colors: Color[] = local.guidelines.colors.map((c) => ({ ...c, provenance: [...c.provenance] }));
  const byHex = new Map(colors.map((c) => [c.hex, c]));
  for (const mc of model.colors) {
    const existing = byHex.get(mc.hex);
    const page = mc.provenance[0]?.page ?? existing?.provenance[0]?.page ?? 1;
    if (existing) {
      // A model "name" that is a heading, a sentence or a value is no better than what we have.
      if (mc.name.trim() && labelKind(mc.name, mc.name) === 'name' && !sameName(mc.name, existing.name)) {
        if (statedName(existing)) {
          review.push(`The model reads the name of ${existing.hex} as "${mc.name}"; the PDF's label says "${existing.name}" (kept).`);
        } else {
          existing.name = mc.name.trim();
          existing.provenance = [...existing.provenance.filter((p) => p.field !== 'name'), { page, source: 'model', field: 'name' }];
        }
      }
      if (mc.usage !== existing.usage) {
        if (statedRole(existing)) {
          review.push(`The model reads ${existing.hex} (${existing.name}) as ${mc.usage}; the PDF states ${existing.usage} (kept).`);
        } else {
          existing.usage = mc.usage;
          existing.confidence = Math.max(existing.confidence, 0.6);
          existing.provenance = [...existing.provenance.filter((p) => p.field !== 'usage'), { page, source: 'model', field: 'usage' }];
        }
      }
      existing.pantone ??= mc.pantone ?? null;
      existing.cmyk ??= mc.cmyk ?? null;
      if (!existing.context && mc.context) existing.context = mc.context;
      continue;
    }
    const verified = anchors.shown.has(mc.hex);
    const added: Color = {
      ...mc,
      usage_weight: 0,
      confidence: verified ? Math.min(mc.confidence, 0.6) : Math.min(mc.confidence, 0.3),
      verified,
      provenance: [{ page, source: 'model' }, { page, source: 'model', field: 'name' }, { page, source: 'model', field: 'usage' }],
    };
    colors.push(added);
    byHex.set(added.hex, added);
    if (!verified) review.push(`Colour ${mc.hex} (${mc.name}) was suggested by the model but never appears in the PDF — please confirm.`);
  }
  // Usage weights stay measured: colours the model adds get the floor share, then all are renormalised.
  const floor = 0.02;
  for (const c of colors) if (c.usage_weight === 0) c.usage_weight = floor;
  const total = colors.reduce((a, c) => a + c.usage_weight, 0);
  if (total > 0) for (const c of colors) c.usage_weight = Math.round((c.usage_weight / total) * 1000) / 1000;

  const typography: Typography[] = local.guidelines.typography.map((t) => ({ ...t }));
  const families = new Set(typography.map((t) => key(t.family)));
  for (const mt of model.typography) {
    if (families.has(key(mt.family))) continue;
    const page = familyAnchor(mt.family, anchors);
    if (page === null) {
      review.push(`The model suggests the typeface "${mt.family}", which the PDF never names or embeds — not added; add it by hand if it is right.`);
      continue;
    }
    families.add(key(mt.family));
    typography.push({ ...mt, confidence: Math.min(mt.confidence, 0.7), provenance: [{ page: Math.max(1, page), source: 'model', field: 'family' }] });
  }

  const instructions = new Set(local.guidelines.rules.map((r) => key(r.instruction)));
  const rules: BrandRule[] = [...local.guidelines.rules];
  let unanchoredRules = 0;
  for (const r of model.rules) {
    if (instructions.has(key(r.instruction))) continue;
    const page = ruleAnchor(r.instruction, anchors);
    if (page === null) {
      unanchoredRules += 1;
      continue;
    }
    instructions.add(key(r.instruction));
    rules.push({ ...r, provenance: [{ page, source: 'model', field: 'instruction' }] });
  }
  if (unanchoredRules > 0) review.push(`${unanchoredRules} rule(s) the model suggested do not appear in the PDF's text and were left out.`);

  const logos = local.guidelines.logos.length > 0 ? local.guidelines.logos : model.logos;
  if (local.guidelines.logos.length === 0 && model.logos.length > 0) review.push('The logo rules were read by the model; please check them against the PDF.');
  let voice = local.guidelines.voice;
  if (!voice && model.voice) {
    voice = model.voice;
    review.push('The voice and tone were read by the model; please check them against the PDF.');
  }
  const localGradients = local.guidelines.gradients ?? [];
  const seen = new Set(localGradients.map((g) => g.stops.map((s) => s.hex).join('>')));
  const gradients = [
    ...localGradients,
    ...(model.gradients ?? []).filter((g) => g.stops.every((s) => anchors.shown.has(s.hex)) && !seen.has(g.stops.map((s) => s.hex).join('>'))),
  ];
  const guidelines = BrandGuidelines.parse({ ...local.guidelines, colors, typography, rules, logos, voice, ...(gradients.length > 0 ? { gradients } : {}) });
  return { ...local, guidelines, needs_review: review };
}
