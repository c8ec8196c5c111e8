import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeHost, type BridgeHost } from '../../electron/core/bridge';
import { MemorySecretStore } from '../../electron/core/secrets';
import { drawLogo, logoDesign, logoPng } from '../fixtures/logos/logo';
import { buildGuidelinePdf, type CorpusSpec } from '../fixtures/pdf/corpus/document';
import { createRng } from '../fixtures/pdf/corpus/rng';
import { HIDE_TOASTS, SHOTS, buildRenderer, dropFile, launchBrowser } from './support';

// Guidelines whose logo is drawn on the cover and the logo page (vector paths), with the English
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

/** Drop a file on one element (the logo drop zone) the way the OS does. */
async function dropOn(page: Page, selector: string, name: string, mime: string, bytes: Uint8Array): Promise<void> {
  const script = `(({ selector, name, mime, b64 }) => {
    const bin = atob(b64);
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type: mime }));
    const target = document.querySelector(selector);
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  })(${JSON.stringify({ selector, name, mime, b64: Buffer.from(bytes).toString('base64') })})`;
  await page.evaluate(script);
}

describe('logo files in the brand view, and logo findings in an audit (headless Chromium, development bridge)', () => {
  let dir: string;
  let host: BridgeHost;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-e2e-logos-'));
    const staticDir = path.join(dir, 'renderer');
    await buildRenderer(staticDir);
    host = await startBridgeHost({ dataDir: path.join(dir, 'data'), env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), staticDir, ocr: false });
    ({ browser, page } = await launchBrowser(path.join(dir, 'chrome')));
    await page.goto(host.bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the logo files found in the PDF with their pages; a designer adds one and deletes another', async () => {
    await page.getByRole('heading', { name: 'Brands', exact: true }).waitFor();
    const { bytes } = await buildGuidelinePdf(spec, (items) => items[0]!);
    await dropFile(page, spec.file, 'application/pdf', bytes);
    await page.locator('.brand-card', { hasText: 'Kestrel' }).click();
    await page.getByRole('heading', { name: 'Kestrel', exact: true }).waitFor();

    const files = page.getByRole('list', { name: 'Logo files' });
    await files.locator('.logo-card').first().waitFor();
    const cards = files.locator('.logo-card');
    expect(await cards.count()).toBe(3);
    const text = await files.textContent();
    expect(await files.locator('strong').allTextContents()).toEqual(['Primary', 'Reversed (on dark)', 'Mark / icon']);
    for (const label of ['In use', 'From the PDF, page', 'Check']) expect(text).toContain(label);
    // Every picture loads from the library through the bridge.
    for (const img of await files.locator('img').all()) expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await page.locator('#logos-title').scrollIntoViewIfNeeded();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'brand-logo-section.png'), fullPage: true });

    // A designer's own SVG, dropped on the logo section, becomes the primary in use.
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><script>alert(1)</script><rect width="300" height="100" rx="18" fill="#1F4E79"/><text x="150" y="66" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">KESTREL</text></svg>`);
    await dropOn(page, '.logo-drop', 'kestrel-badge.svg', 'image/svg+xml', svg);
    await page.getByText(/^Version 2 ·/).waitFor();
    expect(await cards.count()).toBe(4);
    const added = cards.filter({ hasText: 'Added by hand' });
    expect(await added.getAttribute('class')).toContain('in-use');

    // The mark the PDF gave is wrong for this designer: deleted, a new version again.
    page.once('dialog', (d) => void d.accept());
    await cards.filter({ has: page.locator('strong', { hasText: 'Mark / icon' }) }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText(/^Version 3 ·/).waitFor();
    expect(await cards.count()).toBe(3);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'brand-logo-section-edited.png'), fullPage: true });
  });

  it('audits an image whose logo is stretched and crowded: the findings are drawn over the logo', async () => {
    // Back to the logo from the PDF as the primary, so the audit looks for it.
    const cards = page.getByRole('list', { name: 'Logo files' }).locator('.logo-card');
    await cards.filter({ hasText: 'From the PDF' }).filter({ has: page.locator('strong', { hasText: 'Primary' }) }).first().getByLabel('Use as').selectOption('primary');
    await page.getByText(/^Version 4 ·/).waitFor();

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
    await dropFile(page, 'stretched-logo.png', 'image/png', image);
    await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    const distorted = page.locator('.finding', { hasText: 'The logo is stretched' });
    await distorted.first().waitFor();
    const id = await distorted.first().getAttribute('data-finding-id');
    const overlay = page.locator(`.overlay-box[data-finding-id="${id}"]`);
    await overlay.waitFor();
    // The box sits over the logo that was placed.
    const frame = (await page.locator('.image-frame img').boundingBox())!;
    const b = (await overlay.boundingBox())!;
    expect((b.x - frame.x) / frame.width).toBeCloseTo(80 / W, 1);
    expect((b.y - frame.y) / frame.height).toBeCloseTo(80 / H, 1);
    expect(b.width / frame.width).toBeCloseTo(meta.width! / W, 1);
    await page.locator('.finding', { hasText: 'clear space' }).first().waitFor();
    expect(await page.getByText('not approved', { exact: false }).count()).toBeGreaterThan(0);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'audit-logo-findings.png'), fullPage: true });
  });
});
