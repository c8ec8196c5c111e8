import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { drawLogo, logoDesign, logoPng } from '../fixtures/logos/logo';
import type { CorpusSpec } from '../fixtures/pdf/corpus/document';
import { createRng } from '../fixtures/pdf/corpus/rng';
import { HIDE_TOASTS, SHOTS, dropFile, dropGuidelinePdf, useOfflineApp } from './support';

// Guidelines whose logo is drawn on the cover and the logo app.page (vector paths), with the English
// logo rules: the brand view shows the files found, a designer adds one and deletes a wrong one,
// and an audit of a stretched, crowded logo draws its findings.
const colors: CorpusSpec['colors'] = [
  { name: 'Harbour Blue', hex: '#1F4E79', role: 'primary', notation: 'hex' },
  { name: 'Signal Coral', hex: '#FF6B4A', role: 'accent', notation: 'hex' },
  { name: 'Paper', hex: '#F4F1EA', role: 'neutral', notation: 'hex' },
  { name: 'Ink', hex: '#1D2433', role: 'neutral', notation: 'hex' },
];
const design = logoDesign(createRng(3), 'Kestrel', { symbol: '#1F4E79', inner: '#FFFFFF', word: '#1D2433' });
const spec: CorpusSpec = {
  id: 'logos',
  file: 'kestrel-guidelines.pdf',
  language: 'en',
  brand: 'Kestrel',
  title: 'Kestrel Brand Guidelines',
  coverBrand: true,
  colors,
  roleStyle: 'groups',
  arrangement: 'grid',
  namePosition: 'below',
  gradients: [],
  fonts: [{ family: 'Inter', style: 'label' }],
  text: 'live',
  rasterColours: false,
  poster: false,
  misuse: [],
  extraPages: 0,
  logo: { design, kind: 'vector' },
};

describe('logo files in the brand view, and logo findings in an audit (headless Chromium, development bridge)', () => {
  const app = useOfflineApp('mobius-e2e-logos-');

  it('shows the logo files found in the PDF with their pages; a designer adds one and deletes another', async () => {
    await dropGuidelinePdf(app.page, spec);
    await app.page.locator('.brand-card', { hasText: 'Kestrel' }).click();
    await app.page.getByRole('heading', { name: 'Kestrel', exact: true }).waitFor();

    const files = app.page.getByRole('list', { name: 'Logo files' });
    await files.locator('.logo-card').first().waitFor();
    const cards = files.locator('.logo-card');
    expect(await cards.count()).toBe(3);
    const text = await files.textContent();
    expect(await files.locator('strong').allTextContents()).toEqual(['Primary', 'Reversed (on dark)', 'Mark / icon']);
    for (const label of ['In use', 'From the PDF, page', 'Check']) expect(text).toContain(label);
    // Every picture loads from the library through the bridge.
    for (const img of await files.locator('img').all()) expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await app.page.locator('#logos-title').scrollIntoViewIfNeeded();
    await app.page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'brand-logo-section.png'), fullPage: true });

    // A designer's own SVG, dropped on the logo section, becomes the primary in use.
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><script>alert(1)</script><rect width="300" height="100" rx="18" fill="#1F4E79"/><text x="150" y="66" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">KESTREL</text></svg>`);
    await dropFile(app.page, 'kestrel-badge.svg', 'image/svg+xml', svg, '.logo-drop');
    await app.page.getByText(/^Version 2 ·/).waitFor();
    expect(await cards.count()).toBe(4);
    const added = cards.filter({ hasText: 'Added by hand' });
    expect(await added.getAttribute('class')).toContain('in-use');

    // The mark the PDF gave is wrong for this designer: deleted, a new version again.
    app.page.once('dialog', (d) => void d.accept());
    await cards.filter({ has: app.page.locator('strong', { hasText: 'Mark / icon' }) }).getByRole('button', { name: 'Delete' }).click();
    await app.page.getByText(/^Version 3 ·/).waitFor();
    expect(await cards.count()).toBe(3);
    await app.page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'brand-logo-section-edited.png'), fullPage: true });
  });

  it('audits an image whose logo is stretched and crowded: the findings are drawn over the logo', async () => {
    // Back to the logo from the PDF as the primary, so the audit looks for it.
    const cards = app.page.getByRole('list', { name: 'Logo files' }).locator('.logo-card');
    await cards.filter({ hasText: 'From the PDF' }).filter({ has: app.page.locator('strong', { hasText: 'Primary' }) }).first().getByLabel('Use as').selectOption('primary');
    await app.page.getByText(/^Version 4 ·/).waitFor();

    const W = 1024;
    const H = 768;
    const logo = await logoPng(drawLogo(design), 300, { stretch: 1 / 1.5 });
    const meta = await sharp(logo).metadata();
    const image = await sharp({ create: { width: W, height: H, channels: 3, background: '#F4F1EA' } })
      .composite([
        { input: logo, left: 80, top: 80 },
        // A block right against the logo: inside its clear space.
        { input: await sharp({ create: { width: 160, height: meta.height!, channels: 3, background: '#1F4E79' } }).png().toBuffer(), left: 80 + meta.width! + 6, top: 80 },
      ])
      .png()
      .toBuffer();
    await dropFile(app.page, 'stretched-logo.png', 'image/png', image);
    await app.page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    const distorted = app.page.locator('.finding', { hasText: 'The logo is stretched' });
    await distorted.first().waitFor();
    const id = await distorted.first().getAttribute('data-finding-id');
    const overlay = app.page.locator(`.overlay-box[data-finding-id="${id}"]`);
    await overlay.waitFor();
    // The box sits over the logo that was placed.
    const frame = (await app.page.locator('.image-frame img').boundingBox())!;
    const b = (await overlay.boundingBox())!;
    expect((b.x - frame.x) / frame.width).toBeCloseTo(80 / W, 1);
    expect((b.y - frame.y) / frame.height).toBeCloseTo(80 / H, 1);
    expect(b.width / frame.width).toBeCloseTo(meta.width! / W, 1);
    await app.page.locator('.finding', { hasText: 'clear space' }).first().waitFor();
    expect(await app.page.getByText('not approved', { exact: false }).count()).toBeGreaterThan(0);
    await app.page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'audit-logo-findings.png'), fullPage: true });
  });
});
