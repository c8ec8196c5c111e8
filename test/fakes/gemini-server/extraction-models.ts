// Two reasoning models for guideline extraction, played by the fake server: an oracle that
// replays a document's truth, and a careless one that invents hex values and fonts, swaps roles
// and mislabels names. The document is recognised by the SHA-256 of the PDF in the request.
import { createHash } from 'node:crypto';
import type { FakeReply, RecordedRequest } from './server';

const USAGES = ['primary', 'secondary', 'accent', 'neutral', 'semantic'] as const;
type Usage = (typeof USAGES)[number];

/** The part of a truth file (../shared/eval/truth or the generated corpus) the models read. */
export interface ExtractionTruth {
  colors?: { name?: string | null; hex?: string | null; role?: string | null; role_acceptable?: string[] | null; in_palette?: boolean }[];
  gradients?: { name?: string; stops?: (string | { hex: string })[]; angle?: number | null }[];
  font_families?: ({ family?: string } | string)[];
  dos?: ({ text?: string; page?: number } | string)[];
  donts?: ({ text?: string; page?: number } | string)[];
}

const isUsage = (r: unknown): r is Usage => typeof r === 'string' && (USAGES as readonly string[]).includes(r);

function truthRole(c: NonNullable<ExtractionTruth['colors']>[number]): Usage {
  if (isUsage(c.role)) return c.role;
  return (c.role_acceptable ?? []).find(isUsage) ?? 'secondary';
}

/** A truth name as the document gives it; "(unnamed …)" means the document gives none. */
function truthName(name: string | null | undefined): string {
  return (name ?? '').replace(/\s*\(unnamed[^)]*\)?.*$/i, '').trim();
}

const palette = (truth: ExtractionTruth) => (truth.colors ?? []).filter((c) => c.hex && (c.in_palette ?? true));
const families = (truth: ExtractionTruth) => (truth.font_families ?? []).map((f) => (typeof f === 'string' ? f : f.family ?? '')).filter(Boolean);
const texts = (items: ExtractionTruth['dos']) => (items ?? []).map((d) => (typeof d === 'string' ? d : d.text ?? '')).filter(Boolean);

/** What a model that reads the document perfectly answers. */
export function oracleGuidelines(truth: ExtractionTruth): Record<string, unknown> {
  return {
    colors: palette(truth).map((c) => ({ name: truthName(c.name), hex: c.hex!.toUpperCase(), usage: truthRole(c), pages: [1] })),
    typography: families(truth).map((family) => ({ family, pages: [1] })),
    rules: [
      ...texts(truth.dos).map((instruction) => ({ category: 'visual', instruction, severity: 'warning', negative_constraint: false })),
      ...texts(truth.donts).map((instruction) => ({ category: 'visual', instruction, severity: 'critical', negative_constraint: true })),
    ],
    gradients: (truth.gradients ?? [])
      .map((g) => ({ name: g.name ?? 'Gradient', stops: (g.stops ?? []).map((s) => ({ hex: (typeof s === 'string' ? s : s.hex).toUpperCase() })), angle: g.angle ?? null, pages: [1] }))
      .filter((g) => g.stops.length >= 2),
  };
}

/** Hex values of this (seeded) model's imagination: never the document's. */
function invent(seed: number, avoid: Set<string>): string {
  let n = seed;
  for (;;) {
    n = (Math.imul(n ^ (n >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    const hex = `#${(n & 0xffffff).toString(16).padStart(6, '0').toUpperCase()}`;
    if (!avoid.has(hex)) return hex;
  }
}

export const INVENTED_FONTS = ['Papyrus Neue', 'Brandon Fantasy', 'Helvetica Imaginary'];

/**
 * What a careless model answers: every other hex invented, roles rotated by one, names shifted
 * by one colour, invented typefaces instead of the document's, and made-up rules.
 */
export function carelessGuidelines(truth: ExtractionTruth): Record<string, unknown> {
  const colors = palette(truth);
  const real = new Set(colors.map((c) => c.hex!.toUpperCase()));
  const names = colors.map((c) => truthName(c.name) || 'Colors');
  return {
    colors: [
      ...colors.map((c, i) => ({
        name: names[(i + 1) % names.length]!,
        hex: i % 2 === 1 ? invent(i + 17, real) : c.hex!.toUpperCase(),
        usage: USAGES[(USAGES.indexOf(truthRole(c)) + 1) % USAGES.length]!,
        pages: [1],
      })),
      { name: 'Vibrant Teal', hex: invent(101, real), usage: 'accent', pages: [1] },
    ],
    typography: INVENTED_FONTS.map((family) => ({ family, pages: [1] })),
    rules: [{ category: 'visual', instruction: 'Always use a drop shadow behind the logo on dark photography', severity: 'critical', negative_constraint: false }],
  };
}

export type ExtractionModel = 'oracle' | 'careless';

/** SHA-256 of the first inline PDF of a request (the document the model is asked to read). */
export function requestPdfSha(request: RecordedRequest): string | null {
  for (const content of request.body.contents ?? []) {
    for (const part of content.parts ?? []) {
      if (part.inlineData?.mimeType === 'application/pdf' && part.inlineData.data) {
        return createHash('sha256').update(Buffer.from(part.inlineData.data, 'base64')).digest('hex');
      }
    }
  }
  return null;
}

/** A scripted reply for extraction requests: the chosen model reading whichever known PDF is attached. */
export function extractionReply(model: ExtractionModel, truths: ReadonlyMap<string, ExtractionTruth>): FakeReply {
  return {
    kind: 'custom',
    handle: (request) => {
      const sha = requestPdfSha(request);
      const truth = sha ? truths.get(sha) : undefined;
      if (!truth) return { kind: 'error', status: 'INVALID_ARGUMENT', message: 'The fake extraction model does not know this PDF.' };
      return { kind: 'json', value: model === 'oracle' ? oracleGuidelines(truth) : carelessGuidelines(truth) };
    },
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
