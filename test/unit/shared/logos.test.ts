import { describe, expect, it } from 'vitest';
import { findLogo, logoFiles, logoId, logosInUse, logoVariant, withLogoAdded, withLogoChosen, withLogoRemoved } from '../../../shared/logos';
import { BrandGuidelines } from '../../../shared/schema';
import { logoVariantOf } from '../../../shared/vocab/logos';

const url = (n: number) => `mobius-asset://files/${String(n).repeat(64)}.png`;
const page = (n: number) => [{ page: n, source: 'vector' as const }];

const base = BrandGuidelines.parse({
  logos: [{ variant_name: 'primary', url: '', min_width_px: 120, clear_space_ratio: 0.5, forbidden_backgrounds: ['#FF0000'] }],
});

describe('logo files in the guidelines', () => {
  it('names variants from free text in several languages', () => {
    expect(logoVariantOf('Primary logo')).toBe('primary');
    expect(logoVariantOf('Logo on dark backgrounds')).toBe('reversed');
    expect(logoVariantOf('Negativ')).toBe('reversed');
    expect(logoVariantOf('Bildmarke')).toBe('mark');
    expect(logoVariantOf('App icon')).toBe('mark');
  });

  it('adds a file as the variant in use, carrying the stated rules, and keeps ids stable', () => {
    const one = withLogoAdded(base, { url: url(1), variant: 'primary', provenance: page(1) });
    expect(logoFiles(one)).toHaveLength(1);
    // The bare rules entry is gone: the file carries the rules.
    expect(one.logos).toHaveLength(1);
    expect(one.logos[0]).toMatchObject({ min_width_px: 120, clear_space_ratio: 0.5, forbidden_backgrounds: ['#FF0000'], verified: true });
    expect(logoId(one.logos[0]!)).toBe('111111111111');
    const two = withLogoAdded(one, { url: url(2), variant: 'primary', provenance: page(2), verified: false, confidence: 0.6 });
    expect(logosInUse(two).map((u) => logoId(u.logo))).toEqual(['222222222222']);
    // Adding the same file again moves it rather than duplicating it.
    const again = withLogoAdded(two, { url: url(1), variant: 'primary', provenance: page(1) });
    expect(logoFiles(again).map(logoId)).toEqual(['111111111111', '222222222222']);
  });

  it('chooses, relabels and removes by id; the rules survive the last file', () => {
    let g = withLogoAdded(base, { url: url(1), variant: 'primary', provenance: page(1) });
    g = withLogoAdded(g, { url: url(2), variant: 'primary', provenance: page(3), verified: false });
    g = withLogoAdded(g, { url: url(3), variant: 'reversed', provenance: page(3) });
    const second = findLogo(g, '2222')!;
    g = withLogoChosen(g, second, 'primary');
    expect(logosInUse(g).map((u) => [u.variant, logoId(u.logo)])).toEqual([
      ['primary', '222222222222'],
      ['reversed', '333333333333'],
    ]);
    expect(findLogo(g, '2222')!.verified).toBe(true);
    g = withLogoChosen(g, findLogo(g, '3333')!, 'mark');
    expect(logoVariant(findLogo(g, '3333')!)).toBe('mark');
    // Too short or ambiguous ids find nothing.
    expect(findLogo(g, '22')).toBeNull();
    for (const id of ['1111', '2222', '3333']) g = withLogoRemoved(g, findLogo(g, id)!);
    expect(logoFiles(g)).toEqual([]);
    expect(g.logos).toEqual([expect.objectContaining({ url: '', min_width_px: 120, clear_space_ratio: 0.5, forbidden_backgrounds: ['#FF0000'] })]);
  });

  it('keeps a web address from a Mobius import as it is', () => {
    const imported = BrandGuidelines.parse({ logos: [{ variant_name: 'Primary', url: 'https://cdn.example.com/logo.png' }] });
    const g = withLogoAdded(imported, { url: url(4), variant: 'primary', provenance: page(1) });
    expect(g.logos.map((l) => l.url)).toEqual(['https://cdn.example.com/logo.png', url(4)]);
    expect(logosInUse(g)[0]!.logo.url).toBe(url(4));
  });
});
