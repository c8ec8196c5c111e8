import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { webRendererConfig } from '../../scripts/web-renderer';
import { startBridgeHost, type BridgeHost } from '../../electron/core/bridge';
import { MemorySecretStore } from '../../electron/core/secrets';
import { buildGuidelinePdf, type CorpusSpec } from '../fixtures/pdf/corpus/document';

/** Shared setup of the E2E suites: the production renderer build, headless Chromium, drops, screenshots. */
export const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
// Transient notices would land mid-page in full-page captures.
export const HIDE_TOASTS = '.toast-region { display: none !important; }';

/** One production build (no dev server) keeps the suite fast and tests what ships. */
export async function buildRenderer(outDir: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await build(webRendererConfig({ outDir }));
}

/** Headless Chromium with a fresh profile (playwright passes it as --user-data-dir); page errors fail the test. */
export async function launchBrowser(profileDir: string): Promise<{ browser: BrowserContext; page: Page }> {
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1360, height: 900 },
    colorScheme: 'light',
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  return { browser, page };
}

/**
 * Drop a file the way the OS does — a drop event whose DataTransfer holds a File — on the window,
 * or on the element `selector` finds.
 */
export async function dropFile(page: Page, name: string, mime: string, bytes: Uint8Array, selector: string | null = null): Promise<void> {
  // Runs in the page (a string, so the Node typecheck needs no DOM types).
  const script = `(({ selector, name, mime, b64 }) => {
    const bin = atob(b64);
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type: mime }));
    const target = selector ? document.querySelector(selector) : window;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  })(${JSON.stringify({ selector, name, mime, b64: Buffer.from(bytes).toString('base64') })})`;
  await page.evaluate(script);
}

/** On the Brands screen, drop a guideline PDF generated from `spec` (its first page item layout) to ingest it. */
export async function dropGuidelinePdf(page: Page, spec: CorpusSpec): Promise<void> {
  await page.getByRole('heading', { name: 'Brands', exact: true }).waitFor();
  const { bytes } = await buildGuidelinePdf(spec, (items) => items[0]!);
  await dropFile(page, spec.file, 'application/pdf', bytes);
}

/** The bridge host for generation tests: the fake Gemini server, an in-memory keychain, always online, no OCR. */
export function startGenerationHost(dataDir: string, geminiBaseUrl: string, staticDir: string): Promise<BridgeHost> {
  return startBridgeHost({
    dataDir,
    env: { MOBIUS_GEMINI_BASE_URL: geminiBaseUrl },
    secrets: new MemorySecretStore(),
    probe: async () => true,
    staticDir,
    ocr: false,
  });
}

/**
 * An offline app in headless Chromium for one suite: the renderer built, a bridge host on a
 * fresh data folder (in-memory key store, no OCR), the page open on the app. Registers its own
 * set-up and tear-down; read `page` inside tests.
 */
export function useOfflineApp(prefix: string): { readonly page: Page } {
  let dir = '';
  let host: BridgeHost | undefined;
  let browser: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
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
  return {
    get page(): Page {
      if (!page) throw new Error('The app is not open yet (use `page` inside a test).');
      return page;
    },
  };
}
