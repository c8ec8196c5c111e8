import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeHost, type BridgeHost } from '../../electron/core/bridge';
import { MemorySecretStore } from '../../electron/core/secrets';
import { ExportManifest } from '../../shared/schema';
import { seedLibrary, type SeededLibrary } from '../support/library-seed';
import { HIDE_TOASTS, SHOTS, buildRenderer, launchBrowser } from './support';

describe('the library in headless Chromium through the development bridge', () => {
  let dir: string;
  let host: BridgeHost;
  let browser: BrowserContext;
  let page: Page;
  let printer: Browser;
  let seeded: SeededLibrary;
  let exportedFolder = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-e2e-library-'));
    const staticDir = path.join(dir, 'renderer');
    await buildRenderer(staticDir);
    // The app prints reports with Electron's printToPDF; here the same Chromium prints them.
    printer = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const renderPdf = async (file: string) => {
      const pdfPage = await printer.newPage();
      try {
        await pdfPage.goto(pathToFileURL(file).toString());
        return new Uint8Array(await pdfPage.pdf({ format: 'A4', printBackground: true }));
      } finally {
        await pdfPage.close();
      }
    };
    host = await startBridgeHost({ dataDir: path.join(dir, 'data'), env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), staticDir, ocr: false, renderPdf, exportsDir: path.join(dir, 'exports') });
    seeded = await seedLibrary(host.engine.core);
    ({ browser, page } = await launchBrowser(path.join(dir, 'chrome')));
    await page.goto(host.bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await printer?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tiles = () => page.locator('.vtile .tile:not(.placeholder)');
  const tile = (name: string) => page.locator('.tile', { hasText: name });

  it('filters by status and searches file names', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('heading', { name: 'Library', exact: true }).waitFor();
    await page.getByTestId('library-summary').getByText(/^6 images/).waitFor();
    await expect.poll(() => tiles().count()).toBe(6);
    // Thumbnails are made on demand in the image worker (started on first use) and arrive as stored files.
    await expect.poll(() => page.locator('.tile-image img').count(), { timeout: 45_000 }).toBe(6);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'library-1-all.png') });

    await page.getByRole('button', { name: /^Approved \d+$/ }).click();
    await expect.poll(() => tiles().count()).toBe(4);
    await page.getByPlaceholder('Search prompts and file names').fill('banner');
    await expect.poll(() => tiles().count()).toBe(2);
    expect((await tiles().allTextContents()).join(' ')).toMatch(/summer-banner\.png[\s\S]*|autumn-banner\.png/);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'library-2-filtered.png') });
    await page.getByPlaceholder('Search prompts and file names').fill('');
    await expect.poll(() => tiles().count()).toBe(4);
  });

  it('selects three approved images and exports them', async () => {
    for (const name of ['summer-banner.png', 'summer-poster.png', 'autumn-banner.png']) await tile(name).getByRole('checkbox').click();
    await page.getByTestId('selection-count').getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByTestId('export-result');
    await result.getByText(/Exported 3 images to/).waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'library-3-exported.png') });
    exportedFolder = (await result.locator('.mono').textContent())!.trim();
    expect(path.dirname(exportedFolder)).toBe(path.join(dir, 'exports'));
    const manifest = ExportManifest.parse(JSON.parse(readFileSync(path.join(exportedFolder, 'manifest.json'), 'utf8')));
    expect(manifest.assets.map((a) => a.asset_id).sort()).toEqual([seeded.ids['summer-banner.png'], seeded.ids['summer-poster.png'], seeded.ids['autumn-banner.png']].sort());
    for (const row of manifest.assets) expect(createHash('sha256').update(readFileSync(path.join(exportedFolder, row.file))).digest('hex')).toBe(row.sha256);
  });

  it('opens an exported report offline: no request leaves the file, overlays and findings are shown', async () => {
    const report = readdirSync(exportedFolder).find((f) => f.startsWith('summer-poster') && f.endsWith('.report.html'))!;
    const context = await printer.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
    const reportPage = await context.newPage();
    const requests: string[] = [];
    reportPage.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const url = pathToFileURL(path.join(exportedFolder, report)).toString();
    await reportPage.goto(url);
    await reportPage.getByRole('heading', { name: 'Compliance report' }).waitFor();
    expect(await reportPage.locator('.pin').count()).toBeGreaterThan(0);
    await reportPage.locator('.finding').first().getByText(/Off-palette colour #2EBD4E/).waitFor();
    expect(await reportPage.evaluate('document.querySelector(".frame img").naturalWidth')).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith('data:'))).toEqual([url]);
    await reportPage.screenshot({ path: path.join(SHOTS, 'library-4-report.png'), fullPage: true });
    await context.close();
  });

  it('prints the report to PDF through the exporter’s renderer hook', async () => {
    const result = await host.engine.handlers['exports.assets']({
      export_id: 'pdf-1',
      asset_ids: [seeded.ids['summer-banner.png']!],
      zip: false,
      pdf: true,
      embed_provenance: true,
      name: 'with-pdf',
    });
    expect(result.warnings).toEqual([]);
    const pdf = readFileSync(path.join(result.path, result.files[0]!.pdf!));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
  });

  it('marks audits stale after a guideline edit and a background re-audit changes the decision', async () => {
    await page.goto(`${host.bridge.origin}/#/brands/${seeded.brandId}`);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('button', { name: 'Remove Coral' }).click();
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText(/^Version 2 ·/).waitFor();

    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    const banner = page.getByRole('status').filter({ hasText: 'audited against an older version' });
    await banner.getByText('6').waitFor();
    await expect.poll(() => page.locator('.tile-stale').count()).toBe(6);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'library-5-stale.png') });

    await banner.getByRole('button', { name: 'Re-audit stale' }).click();
    await page.getByRole('heading', { name: 'Re-audit finished' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('reaudit-count').getByText('6 of 6 · 4 decisions changed').waitFor();
    const changes = page.getByRole('list', { name: 'What changed' });
    await changes.getByRole('listitem').filter({ hasText: 'summer-banner.png' }).getByText('Approved under v1, fails under v2: Coral (#FF6B4A) is no longer in the palette').waitFor();
    await expect.poll(() => page.locator('.tile-stale').count()).toBe(0);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'library-6-reaudited.png') });

    await tile('summer-banner.png').getByRole('link').click();
    await page.getByTestId('history-status').getByText('Needs review').waitFor();
    const timeline = page.getByRole('list', { name: 'History' });
    await timeline.getByText('Re-audited against v2: not approved').waitFor();
    await timeline.getByText('Approved under v1, fails under v2: Coral (#FF6B4A) is no longer in the palette').waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, 'library-7-history.png'), fullPage: true });
  });
});
