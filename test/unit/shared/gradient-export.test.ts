import { describe, expect, it } from 'vitest';
import { toCssVariables, toDesignTokens } from '../../../shared/export/design-tokens';
import { Brand, BrandImport } from '../../../shared/schema';

const brand = Brand.parse({
  brand_id: 'b1',
  name: 'Kestrel',
  guidelines: {
    colors: [{ name: 'Harbour Blue', hex: '#1F4E79', usage: 'primary' }],
    gradients: [{ name: 'Sunrise', stops: [{ hex: '#FF5F6D' }, { hex: '#FFC371' }], angle: 90, provenance: [{ page: 3, source: 'vector' }] }],
  },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

describe('gradients in the brand twin exports', () => {
  it('exports gradients as DTCG gradient tokens and CSS variables, apart from the colours', () => {
    const tokens = toDesignTokens(brand) as { color: Record<string, Record<string, unknown>>; gradient: Record<string, { $type: string; $value: unknown }> };
    expect(tokens.gradient['sunrise']).toEqual({
      $type: 'gradient',
      $value: [
        { color: '#FF5F6D', position: 0 },
        { color: '#FFC371', position: 1 },
      ],
      $extensions: { 'app.mobius': { angle: 90 } },
    });
    expect(JSON.stringify(tokens.color)).not.toContain('#FF5F6D');
    expect(toCssVariables(brand)).toContain('--brand-gradient-sunrise: linear-gradient(90deg, #FF5F6D 0%, #FFC371 100%);');
  });

  it('round-trips through a Mobius export, and a Mobius brand without gradients still imports', () => {
    const again = BrandImport.parse(JSON.parse(JSON.stringify(brand)));
    expect(again.guidelines.gradients).toEqual(brand.guidelines.gradients);
    const legacy = BrandImport.parse({ name: 'Legacy', guidelines: { colors: [{ name: 'Ink', hex: '#111111', usage: 'neutral' }] } });
    expect(legacy.guidelines.gradients).toBeUndefined();
  });
});
