import { describe, expect, it } from 'vitest';
import { readPdfEvidence, DEFAULT_BUDGET } from '../../../electron/core/ingest/pdf-evidence';
import { extractLocal } from '../../../electron/core/ingest/extract';
import { refineWithModel, evidenceAnchors, evidenceHexes } from '../../../electron/core/ingest/refine';
import { DEFAULT_SEED, generateCorpusDocument } from '../../fixtures/pdf/corpus';
import { carelessGuidelines, oracleGuidelines, INVENTED_FONTS } from '../../fakes/gemini-server/extraction-models';
import { brandNameMatches, scoreDocument, totals, type DocumentScore } from '../../support/extraction-score';

// A fixed slice of the generated corpus (text PDFs in eight languages and five layouts, with
// gradients, prose beside swatches, unnamed colours and a one-page poster) as a regression
// guard; `npm run eval:ingest` measures the whole corpus.
const SLICE = [0, 1, 2, 3, 4, 10, 16, 33];

async function extracted(index: number) {
  const doc = await generateCorpusDocument(DEFAULT_SEED, index);
  const evidence = await readPdfEvidence(doc.bytes, { ...DEFAULT_BUDGET, ocrPages: 0 });
  return { doc, evidence, local: extractLocal(evidence, doc.spec.file) };
}

const prediction = (g: { colors: { hex: string; usage: string; name: string }[]; typography: { family: string }[] }) => ({
  colors: g.colors.map((c) => ({ hex: c.hex, role: c.usage, name: c.name })),
  fonts: g.typography.map((t) => t.family),
});

describe('generated corpus slice (offline extraction)', () => {
  it('recovers palette, roles, typefaces, names, gradients and the brand name', async () => {
    const scores: DocumentScore[] = [];
    let brands = 0;
    for (const index of SLICE) {
      const { doc, local } = await extracted(index);
      scores.push(scoreDocument(doc.truth, prediction(local.guidelines)));
      if (local.brand_name && brandNameMatches(doc.truth.brand, local.brand_name)) brands += 1;
      // Gradient stops are kept as gradients, never as solid palette colours.
      for (const g of doc.truth.gradients) {
        const found = (local.guidelines.gradients ?? []).find((x) => x.stops.map((s) => s.hex).join() === g.stops.join());
        expect(found, `${doc.spec.id} gradient ${g.name}`).toBeDefined();
      }
      const generated = local.guidelines.colors.filter((c) => c.provenance.some((p) => p.field === 'name' && p.source === 'generated'));
      for (const c of generated) expect(local.needs_review.some((n) => n.includes(c.hex) && n.includes(c.name))).toBe(true);
    }
    const t = totals(scores);
    expect(t.colorF1).toBeGreaterThanOrEqual(0.97);
    expect(t.roleStrict).toBeGreaterThanOrEqual(0.9);
    expect(t.fontF1).toBeGreaterThanOrEqual(0.9);
    expect(t.names).toBeGreaterThanOrEqual(0.9);
    expect(brands).toBeGreaterThanOrEqual(SLICE.length - 2);
  }, 60_000);

  it('takes names and roles from an oracle model where the PDF shows the colour', async () => {
    const { doc, evidence, local } = await extracted(1);
    const merged = refineWithModel(local, oracleGuidelines(doc.truth), { shown: evidenceHexes(evidence), ...evidenceAnchors(evidence) });
    const t = totals([scoreDocument(doc.truth, prediction(merged.guidelines))]);
    expect(t.colorF1).toBe(1);
    expect(t.fontF1).toBe(1);
    expect(t.names).toBe(1);
  });

  it('never lets a careless model verify what it invented or override a stated label', async () => {
    const { doc, evidence, local } = await extracted(0);
    const merged = refineWithModel(local, carelessGuidelines(doc.truth), { shown: evidenceHexes(evidence), ...evidenceAnchors(evidence) });
    const truthHexes = new Set(doc.truth.colors.map((c) => c.hex));
    for (const c of merged.guidelines.colors) if (!truthHexes.has(c.hex)) expect(c.verified, c.hex).toBe(false);
    expect(merged.guidelines.typography.map((t) => t.family)).not.toEqual(expect.arrayContaining([INVENTED_FONTS[0]]));
    for (const before of local.guidelines.colors) {
      const after = merged.guidelines.colors.find((c) => c.hex === before.hex)!;
      if (before.provenance.some((p) => p.field === 'name' && p.source === 'text')) expect(after.name).toBe(before.name);
      if (before.confidence >= 0.7) expect(after.usage).toBe(before.usage);
    }
    expect(merged.needs_review.some((n) => /PDF's label says|the PDF states/.test(n))).toBe(true);
  });
});
