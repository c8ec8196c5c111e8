import { describe, expect, it } from 'vitest';
import { readPdfEvidence } from '../../../electron/core/ingest/pdf-evidence';
import { extractLocal } from '../../../electron/core/ingest/extract';
import { refineWithModel, evidenceAnchors, evidenceHexes } from '../../../electron/core/ingest/refine';
import { generateBrandPdf, type FixtureSpec } from '../../fixtures/pdf/brand-pdf';

const base: FixtureSpec = {
  colors: [
    { name: 'Ocean Blue', hex: '#0057B8', role: 'primary', notation: 'hex' },
    { name: 'Signal Coral', hex: '#FF5733', role: 'secondary', notation: 'hex-bare' },
    { name: 'Sun', hex: '#FFC300', role: 'accent', notation: 'rgb-only' },
    { name: 'Charcoal', hex: '#333333', role: 'neutral', notation: 'rgb-fn' },
    { name: 'Success Green', hex: '#10B981', role: 'semantic', notation: 'cmyk-pantone', cmyk: [80, 0, 60, 0], pantone: '340 C' },
  ],
  fonts: [
    { family: 'Montserrat', label: 'Primary font' },
    { family: 'Georgia', label: 'Fallback font' },
  ],
  dos: ['place the logo top-left on light backgrounds'],
  donts: ['stretch or rotate the logo', 'use the accent colour for backgrounds'],
  misuseColors: ['#7F00FF'],
  layout: 'table',
  specimen: true,
  minLogoPx: 120,
  clearSpacePercent: 50,
};

async function extract(spec: FixtureSpec) {
  const { bytes, truth } = await generateBrandPdf(spec);
  const evidence = await readPdfEvidence(bytes);
  return { truth, evidence, result: extractLocal(evidence, 'fixture.pdf') };
}

const palette = (colors: { hex: string; usage: string }[]) => colors.map((c) => `${c.hex}:${c.usage}`).sort();

describe('local extraction on generated guidelines', () => {
  for (const layout of ['table', 'grid'] as const) {
    it(`recovers the exact palette and roles (${layout} layout)`, async () => {
      const { truth, result } = await extract({ ...base, layout });
      expect(palette(result.guidelines.colors)).toEqual(truth.palette.map((c) => `${c.hex}:${c.role}`).sort());
      const green = result.guidelines.colors.find((c) => c.hex === '#10B981');
      expect(green?.cmyk).toEqual([80, 0, 60, 0]);
      expect(green?.pantone).toBe('PANTONE 340 C');
      for (const c of result.guidelines.colors) {
        expect(c.provenance[0]).toMatchObject({ source: 'text' });
        expect(c.provenance[0]!.page).toBeGreaterThanOrEqual(2);
        expect(c.provenance.some((p) => p.source === 'vector')).toBe(true);
      }
      const weights = result.guidelines.colors.reduce((a, c) => a + c.usage_weight, 0);
      expect(weights).toBeCloseTo(1, 2);
    });
  }

  it('names the stated typefaces, rules and logo rules, and invents no voice', async () => {
    const { truth, result } = await extract(base);
    expect(result.guidelines.typography.map((t) => t.family).sort()).toEqual([...truth.fonts].sort());
    expect(result.guidelines.logos[0]).toMatchObject({ min_width_px: 120, clear_space_ratio: 0.5 });
    const donts = result.guidelines.rules.filter((r) => r.negative_constraint).map((r) => r.instruction);
    expect(donts).toEqual(expect.arrayContaining(['Never stretch or rotate the logo.', 'Never use the accent colour for backgrounds.']));
    expect(result.guidelines.rules.some((r) => !r.negative_constraint && /place the logo top-left/.test(r.instruction))).toBe(true);
    expect(result.guidelines.voice).toBeNull();
  });

  it('leaves out misuse-only colours and specimen lines, and says so', async () => {
    const { result } = await extract(base);
    const hexes = result.guidelines.colors.map((c) => c.hex);
    expect(hexes).not.toContain('#7F00FF');
    expect(hexes).not.toContain('#ABCDEF');
    expect(hexes).not.toContain('#FACADE');
    expect(result.needs_review.some((n) => n.includes('#7F00FF'))).toBe(true);
  });

  it('reads painted swatches when the text is outlined, and warns', async () => {
    const { result } = await extract({ ...base, outlined: true, layout: 'grid' });
    expect(result.textless).toBe(false); // headings are still text; the colour values are not
    const { result: blank } = await extract({ ...base, outlined: true, fonts: [], dos: [], donts: [], misuseColors: [], specimen: false, minLogoPx: undefined, clearSpacePercent: undefined });
    // The values come from the painted shapes alone; their names are generated and say so.
    expect(blank.guidelines.colors.length).toBeGreaterThan(0);
    expect(blank.guidelines.colors.every((c) => c.provenance.filter((p) => !p.field).every((p) => p.source === 'vector'))).toBe(true);
    expect(blank.guidelines.colors.every((c) => c.provenance.some((p) => p.field === 'name' && p.source === 'generated'))).toBe(true);
  });

  it('keeps model-only values unverified and lets the model fix low-confidence roles only', async () => {
    const spec: FixtureSpec = { ...base, colors: [{ name: 'Teal', hex: '#008080', role: 'primary', notation: 'hex' }], layout: 'table' };
    const { evidence, result } = await extract(spec);
    // Make the local role a guess so the model may override it.
    result.guidelines.colors[0]!.confidence = 0.3;
    const merged = refineWithModel(
      result,
      {
        colors: [
          { name: 'Teal', hex: '#008080', usage: 'accent' },
          { name: 'Invented', hex: '#123456', usage: 'primary' },
        ],
        typography: [{ family: 'Comic Sans' }],
      },
      { shown: evidenceHexes(evidence), ...evidenceAnchors(evidence) },
    );
    const teal = merged.guidelines.colors.find((c) => c.hex === '#008080');
    expect(teal?.usage).toBe('accent');
    const invented = merged.guidelines.colors.find((c) => c.hex === '#123456');
    expect(invented?.verified).toBe(false);
    expect(merged.needs_review.some((n) => n.includes('#123456'))).toBe(true);
    expect(merged.needs_review.some((n) => n.includes('Comic Sans'))).toBe(true);

    const confident = refineWithModel(
      { ...result, guidelines: { ...result.guidelines, colors: result.guidelines.colors.map((c) => ({ ...c, confidence: 0.9 })) } },
      { colors: [{ name: 'Teal', hex: '#008080', usage: 'accent' }] },
      { shown: evidenceHexes(evidence), ...evidenceAnchors(evidence) },
    );
    expect(confident.guidelines.colors.find((c) => c.hex === '#008080')?.usage).toBe('primary');
  });
});
