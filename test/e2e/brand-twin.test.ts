import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CorpusSpec } from '../fixtures/pdf/corpus/document';
import { HIDE_TOASTS, SHOTS, dropGuidelinePdf, useOfflineApp } from './support';

// A guideline PDF that names its brand on the cover, leaves one colour unnamed and defines a gradient.
const spec: CorpusSpec = {
  id: 'twin',
  file: 'brand-book-final.pdf',
  language: 'en',
  brand: 'Kestrel',
  title: 'Kestrel Brand Guidelines',
  coverBrand: true,
  colors: [
    { name: 'Harbour Blue', hex: '#1F4E79', role: 'primary', notation: 'hex' },
    { name: null, hex: '#6B8F47', role: 'secondary', notation: 'hex' },
    { name: 'Signal Coral', hex: '#FF6B4A', role: 'accent', notation: 'hex' },
    { name: 'Paper', hex: '#F4F1EA', role: 'neutral', notation: 'hex' },
  ],
  roleStyle: 'groups',
  arrangement: 'grid',
  namePosition: 'below',
  gradients: [{ name: 'Sunrise', stops: ['#FF5F6D', '#FFC371'], angle: 90, stopText: 'dash' }],
  fonts: [{ family: 'Inter', style: 'label' }],
  text: 'live',
  rasterColours: false,
  poster: false,
  misuse: [],
  extraPages: 0,
};

describe('the brand view of an ingested twin (headless Chromium, development bridge)', () => {
  const app = useOfflineApp('mobius-e2e-twin-');

  it("shows the brand's own name, its gradients apart from the palette, and generated names marked", async () => {
    await dropGuidelinePdf(app.page, spec);
    // Named as the document names the brand, not after the file.
    const card = app.page.locator('.brand-card', { hasText: 'Kestrel' });
    await card.waitFor();
    expect(await app.page.locator('.brand-card', { hasText: 'brand-book-final' }).count()).toBe(0);
    await card.click();
    await app.page.getByRole('heading', { name: 'Kestrel', exact: true }).waitFor();

    const gradients = app.page.getByRole('list', { name: 'Gradients' });
    await gradients.getByText('Sunrise').waitFor();
    expect(await gradients.textContent()).toContain('#FF5F6D → #FFC371');
    // Gradient stops are not palette colours.
    const palette = app.page.locator('.palette-groups');
    expect(await palette.textContent()).not.toContain('#FF5F6D');

    const unnamed = app.page.getByRole('list', { name: 'Secondary colours' }).locator('.swatch', { hasText: '#6B8F47' });
    await unnamed.getByText('generated name').waitFor();
    expect(await app.page.getByRole('list', { name: 'Primary colours' }).textContent()).toContain('Harbour Blue');
    expect(await app.page.getByRole('list', { name: 'Primary colours' }).getByText('generated name').count()).toBe(0);
    await app.page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'brand-twin-gradients-generated-names.png'), fullPage: true });

    // Renaming a generated name makes it the designer's: the marker goes.
    await app.page.getByRole('button', { name: 'Edit', exact: true }).click();
    await app.page.getByRole('list', { name: 'Secondary colours' }).getByLabel('Name').first().fill('Moss');
    await app.page.getByRole('button', { name: 'Save as new version' }).click();
    await app.page.getByText(/^Version 2 ·/).waitFor();
    const renamed = app.page.getByRole('list', { name: 'Secondary colours' });
    expect(await renamed.textContent()).toContain('Moss');
    expect(await renamed.getByText('generated name').count()).toBe(0);
    await app.page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'brand-twin-renamed.png'), fullPage: true });
  });
});
