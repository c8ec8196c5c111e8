import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeHost, type BridgeHost } from '../../electron/core/bridge';
import { MemorySecretStore } from '../../electron/core/secrets';
import sharp from 'sharp';
import { rng } from '../fixtures/audit-corpus/render';
import { driftedHex } from '../fixtures/audit-corpus/scenes';
import { OFF_GREEN, PALETTE, png, withOffPaletteBlock } from '../fixtures/images/generate';
import { fixtureBrandPdf } from '../support/brand-fixture';
import { HIDE_TOASTS, SHOTS, buildRenderer, dropFile, launchBrowser } from './support';

const KEY = 'AIzaSyE2eSentinelKey_0123456789abcdefghi';

describe('Mobius in headless Chromium through the development bridge', () => {
  let dir: string;
  let host: BridgeHost;
  let browser: BrowserContext;
  let page: Page;
  const framesToRenderer: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-e2e-'));
    const staticDir = path.join(dir, 'renderer');
    await buildRenderer(staticDir);
    host = await startBridgeHost({ dataDir: path.join(dir, 'data'), env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), staticDir, ocr: false });
    ({ browser, page } = await launchBrowser(path.join(dir, 'chrome')));
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => framesToRenderer.push(String(frame.payload))));
    await page.goto(host.bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('drops a brand PDF → progress → the palette shown by role', async () => {
    await page.getByRole('heading', { name: 'Brands', exact: true }).waitFor();
    expect(page.url()).not.toContain('token=');
    await page.getByText('No brands yet').waitFor();
    // A file that is not a PDF: the error is shown in place, nothing is created.
    await dropFile(page, 'notes.pdf', 'application/pdf', new TextEncoder().encode('meeting notes, not a PDF'));
    const failed = page.locator('.ingest-row', { hasText: 'notes.pdf' });
    await failed.getByRole('alert').getByText(/not a PDF/).waitFor();

    const { bytes } = await fixtureBrandPdf();
    await dropFile(page, 'Harbour guidelines.pdf', 'application/pdf', bytes);
    // Per-stage progress while it runs (best effort: a fast machine may finish before the capture).
    await page
      .locator('.ingest-row', { hasText: 'Harbour guidelines.pdf' })
      .getByRole('progressbar')
      .waitFor({ timeout: 2000 })
      .then(() => page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '0-ingesting.png') }))
      .catch(() => undefined);
    const card = page.locator('.brand-card', { hasText: 'Harbour guidelines' });
    await card.waitFor();
    await failed.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator('.brand-card').count()).toBe(1);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '1-brands.png') });

    await card.click();
    await page.getByRole('heading', { name: 'Harbour guidelines', exact: true }).waitFor();
    const primary = page.getByRole('list', { name: 'Primary colours' });
    await primary.getByText('#0B5FA5').waitFor();
    expect(await primary.textContent()).toContain('#0B5FA5');
    expect(await page.getByRole('list', { name: 'Accent colours' }).textContent()).toContain('#FF6B4A');
    expect(await page.getByRole('list', { name: 'Neutral colours' }).textContent()).toMatch(/#F4F1EA[\s\S]*#1D2433|#1D2433[\s\S]*#F4F1EA/);
    expect(await page.getByText(/twin \d+ tokens/).count()).toBe(1);
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '2-brand.png'), fullPage: true });
  });

  it('edits a colour name → saved as a new version', async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const name = page.getByRole('list', { name: 'Accent colours' }).getByLabel('Name').first();
    await name.fill('Coral Reef');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText(/^Version 2 ·/).waitFor();
    expect(await page.getByRole('list', { name: 'Accent colours' }).textContent()).toContain('Coral Reef');
  });

  it('drops an off-brand image → overlay over the off-palette block + its finding; dismiss changes the score', async () => {
    const { raw, box } = withOffPaletteBlock(480, 480);
    await dropFile(page, 'campaign.png', 'image/png', await png(raw));
    await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    const finding = page.locator('.finding', { hasText: OFF_GREEN });
    await finding.first().waitFor();
    const id = await finding.first().getAttribute('data-finding-id');
    const overlay = page.locator(`.overlay-box[data-finding-id="${id}"]`);
    await overlay.waitFor();

    // The box sits over the block that was painted off-palette.
    const img = (await page.locator('.image-frame img').boundingBox())!;
    const b = (await overlay.boundingBox())!;
    expect((b.x - img.x) / img.width).toBeCloseTo(box.x, 1);
    expect((b.y - img.y) / img.height).toBeCloseTo(box.y, 1);
    expect(b.width / img.width).toBeCloseTo(box.w, 1);
    expect(b.height / img.height).toBeCloseTo(box.h, 1);

    // Hovering the box highlights its finding.
    await overlay.hover();
    expect(await finding.first().getAttribute('class')).toContain('active');
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '3-audit.png'), fullPage: true });

    const before = await page.getByTestId('overall-score').textContent();
    await finding.first().getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('overall-score').filter({ hasNotText: before ?? '' }).waitFor();
    const after = await page.getByTestId('overall-score').textContent();
    const value = (s: string | null) => Number(/Overall ([\d.]+)/.exec(s ?? '')?.[1]);
    expect(value(after)).toBeGreaterThan(value(before));
    expect(await page.locator(`.finding[data-finding-id="${id}"]`).getAttribute('class')).toContain('dismissed');
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '4-audit-dismissed.png'), fullPage: true });
  });

  it('shows why an image is not approved: the regime, each blocking condition, text lines with their contrast, drift beside the brand colour', async () => {
    const drifted = driftedHex(PALETTE.ocean, 6, rng(3)).hex;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="640"><rect width="640" height="640" fill="${PALETTE.paper}"/>` +
      `<rect y="440" width="640" height="200" fill="${drifted}"/>` +
      `<text x="40" y="120" font-family="DejaVu Sans" font-weight="bold" font-size="48" fill="${PALETTE.ink}">Spring launch</text>` +
      `<text x="40" y="200" font-family="DejaVu Sans" font-size="18" fill="#D8D3C8">Light grey body text nobody can read</text></svg>`;
    await page.goto(`${host.bridge.appUrl}#/brands`);
    await page.locator('.brand-card').first().click();
    await dropFile(page, 'flat-graphic.png', 'image/png', await sharp(Buffer.from(svg)).png().toBuffer());
    await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    await page.getByTestId('regime').waitFor();
    expect(await page.getByTestId('regime').textContent()).toContain('Flat artwork');
    const blocking = await page.getByTestId('blocking').textContent();
    expect(blocking).toContain('Palette drift');
    expect(blocking).toContain('Unreadable text');
    expect(await page.getByTestId('verdict').textContent()).toBe('Not approved');
    const drift = await page.getByTestId('drift').textContent();
    expect(drift).toContain(`Ocean ${PALETTE.ocean}`);
    expect(drift).toContain(`rendered ${drifted}`);
    const texts = page.getByTestId('text-regions');
    expect(await texts.textContent()).toMatch(/1\.\d\d:1 < 4\.5:1/);
    await texts.getByRole('button', { name: 'Where' }).first().click();
    await page.locator('.region-highlight').waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '4b-audit-decision.png'), fullPage: true });
  });

  it('sets and clears the Gemini key; the renderer never receives it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await page.getByTestId('key-status').getByText(/No key set/).waitFor();
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByTestId('key-status').getByText(/A key is set/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Replace key', exact: true }).inputValue()).toBe('');
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '5-settings.png'), fullPage: true });
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('key-status').getByText(/No key set/).waitFor();

    expect(framesToRenderer.length).toBeGreaterThan(5);
    expect(framesToRenderer.some((f) => f.includes(KEY) || f.includes(KEY.slice(8, 24)))).toBe(false);
    expect(await page.evaluate('document.documentElement.outerHTML + JSON.stringify(sessionStorage)')).not.toContain(KEY);
    expect(await page.getByTestId('network-status').textContent()).toContain('Offline');
  });

  it('changing the Gemini endpoint asks for confirmation naming the host it sends the key to', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const endpoint = page.getByRole('textbox', { name: 'Endpoint URL' });
    await endpoint.fill('http://example.com');
    await page.getByRole('button', { name: 'Change endpoint…' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(/Send your Gemini API key to example\.com\?/).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(host.engine.core.settings.get().gemini_base_url).toBeNull();
    // Confirmed, plain http to another computer is still refused by core, in words.
    await page.getByRole('button', { name: 'Change endpoint…' }).click();
    await page.getByRole('button', { name: 'Send my key to example.com' }).click();
    await page.getByRole('alert').getByText(/must use https:\/\//).waitFor();
    expect(host.engine.core.settings.get().gemini_base_url).toBeNull();
    await endpoint.fill('https://gateway.example.com/gemini');
    await page.getByRole('button', { name: 'Change endpoint…' }).click();
    await page.getByRole('button', { name: 'Send my key to gateway.example.com' }).click();
    await expect.poll(() => host.engine.core.settings.get().gemini_base_url).toBe('https://gateway.example.com/gemini');
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '5b-settings-endpoint.png'), fullPage: true });
    await endpoint.fill('');
    await page.getByRole('button', { name: 'Change endpoint…' }).click();
    await page.getByRole('button', { name: 'Send my key to generativelanguage.googleapis.com' }).click();
    await expect.poll(() => host.engine.core.settings.get().gemini_base_url).toBeNull();
  });

  it('renders in dark mode too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('link', { name: 'Brands' }).click();
    await page.locator('.brand-card').first().click();
    await page.getByRole('heading', { name: 'Harbour guidelines', exact: true }).waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '6-brand-dark.png'), fullPage: true });
  });
});
