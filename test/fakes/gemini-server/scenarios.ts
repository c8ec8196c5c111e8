// What the fake answers when a test has not scripted a reply: sensible
// extraction, audit and generation results, so the standalone server and
// end-to-end flows work without any setup.
import type { ColorShare } from './render';
import type { WireContent, WireRequest } from './protocol';

export const DEFAULT_GUIDELINES = {
  colors: [
    { name: 'Midnight Blue', hex: '#0057B8', usage: 'primary', usage_weight: 0.3, context: 'Logo and headlines', confidence: 0.95, provenance: [{ page: 2, source: 'model' }], verified: true },
    { name: 'Coral', hex: '#FF5733', usage: 'secondary', usage_weight: 0.15, context: 'Shapes and icons', confidence: 0.9, provenance: [{ page: 2, source: 'model' }], verified: true },
    { name: 'Heritage Gold', hex: '#FFC300', usage: 'accent', usage_weight: 0.1, context: 'Use for CTAs only', confidence: 0.9, provenance: [{ page: 3, source: 'model' }], verified: true },
    { name: 'Paper White', hex: '#FFFFFF', usage: 'neutral', usage_weight: 0.4, context: 'Backgrounds', confidence: 0.95, provenance: [{ page: 3, source: 'model' }], verified: true },
    { name: 'Dark Charcoal', hex: '#333333', usage: 'neutral', usage_weight: 0.05, context: 'Typography colour for body copy', confidence: 0.9, provenance: [{ page: 4, source: 'model' }], verified: true },
  ],
  typography: [
    { family: 'Helvetica Neue', weights: ['400', '700'], usage: 'Headlines and body', confidence: 0.9, provenance: [{ page: 4, source: 'model' }] },
  ],
  logos: [
    { variant_name: 'Primary logo', url: '', min_width_px: 100, clear_space_ratio: 0.5, forbidden_backgrounds: ['#FF5733'], provenance: [{ page: 5, source: 'model' }] },
  ],
  voice: { adjectives: ['confident', 'warm'], forbidden_words: ['cheap'], example_phrases: ['Built to last.'] },
  rules: [
    { category: 'visual', instruction: 'Place the logo in the top-left corner', severity: 'warning', negative_constraint: false, provenance: [{ page: 5, source: 'model' }] },
    { category: 'visual', instruction: 'Never use accent colours for backgrounds', severity: 'critical', negative_constraint: true, provenance: [{ page: 3, source: 'model' }] },
  ],
  source_filename: null,
  ingested_at: null,
};

export const DEFAULT_AUDIT = {
  categories: [
    { category: 'colors', score: 92, violations: [] },
    { category: 'typography', score: 88, violations: [] },
    { category: 'layout', score: 90, violations: [] },
    { category: 'logo_usage', score: 85, violations: [] },
  ],
  summary: 'The image follows the brand palette and layout rules.',
};

const HEX = /#[0-9a-fA-F]{6}\b/g;

function textOf(content: WireContent | undefined): string {
  return (content?.parts ?? []).map((p) => p.text ?? '').join('\n');
}

function listFor(text: string, field: string): string[] {
  const match = new RegExp(`"${field}"\\s*:\\s*\\[([^\\]]*)\\]`).exec(text);
  return match ? (match[1]!.match(HEX) ?? []).map((h) => h.toUpperCase()) : [];
}

/**
 * Brand colours in the system instruction with 60-30-10 shares: neutrals 60 %,
 * primary + secondary 30 %, accents 10 %. Falls back to every hex it finds.
 */
export function colorsFromSystemInstruction(request: WireRequest): ColorShare[] {
  const text = textOf(request.systemInstruction);
  const groups: Array<[string[], number]> = [
    [listFor(text, 'neutral_colors'), 0.6],
    [[...listFor(text, 'primary_colors'), ...listFor(text, 'secondary_colors')], 0.3],
    [listFor(text, 'accent_colors'), 0.1],
  ];
  const present = groups.filter(([hexes]) => hexes.length > 0);
  if (present.length === 0) {
    const all = [...new Set((text.match(HEX) ?? []).map((h) => h.toUpperCase()))];
    return all.length > 0 ? all.map((hex) => ({ hex, share: 1 / all.length })) : [{ hex: '#FFFFFF', share: 1 }];
  }
  const total = present.reduce((sum, [, share]) => sum + share, 0);
  return present.flatMap(([hexes, share]) => hexes.map((hex) => ({ hex, share: share / total / hexes.length })));
}

export function hasInline(request: WireRequest, mimePrefix: string): boolean {
  const last = request.contents?.at(-1);
  return (last?.parts ?? []).some((p) => p.inlineData?.mimeType?.startsWith(mimePrefix));
}

/** Media of this type in the last turn, inline or as a Files API reference. */
export function hasMedia(request: WireRequest, mimePrefix: string): boolean {
  const last = request.contents?.at(-1);
  return hasInline(request, mimePrefix) || (last?.parts ?? []).some((p) => p.fileData?.mimeType?.startsWith(mimePrefix));
}
