import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeHost } from '../../electron/core/bridge';
import { openStore } from '../../electron/core/store';
import { startFakeGemini, type FakeGemini } from '../fakes/gemini-server';
import { createBrand } from '../integration/workflow/helpers';
import { HIDE_TOASTS, SHOTS, buildRenderer, launchBrowser, startGenerationHost } from './support';

const KEY = 'AIzaSyE2eGenerateKey_0123456789abcdefgh';

describe('generation with correction in headless Chromium (fake Gemini, demo correction)', () => {
  let dir: string;
  let fake: FakeGemini;
  let host: BridgeHost;
  let browser: BrowserContext;
  let page: Page;
  const statusesSeen = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-e2e-gen-'));
    const staticDir = path.join(dir, 'renderer');
    // A brand whose palette the fake paints (ingestion is covered by app.test.ts).
    const store = openStore({ dataDir: path.join(dir, 'data') });
    createBrand(store);
    store.close();
    [fake] = await Promise.all([startFakeGemini({ apiKey: KEY, demoCorrection: true, imageScale: 1 / 3 }), buildRenderer(staticDir)]);
    host = await startGenerationHost(path.join(dir, 'data'), fake.baseUrl, staticDir);
    ({ browser, page } = await launchBrowser(path.join(dir, 'chrome')));
    // The job's live statuses as the renderer receives them (jobs.updated over the bridge socket).
    page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) => {
        for (const m of String(frame.payload).matchAll(/"status":"([a-z_]+)"/g)) statusesSeen.add(m[1]!);
      }),
    );
    await page.goto(host.bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('without a key the Generate panel points to Settings; with one, a job corrects itself to approved', async () => {
    await page.locator('.brand-card', { hasText: 'Acme' }).click();
    await page.getByRole('heading', { name: 'Generate' }).waitFor();
    await page.getByTestId('generate-needs-key').getByRole('link', { name: /Settings/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled()).toBe(true);

    await page.getByTestId('generate-needs-key').getByRole('link', { name: /Settings/ }).click();
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByTestId('key-status').getByText(/A key is set/).waitFor();

    await page.getByRole('link', { name: 'Brands' }).click();
    await page.locator('.brand-card', { hasText: 'Acme' }).click();
    await page.getByRole('textbox', { name: 'Describe the image' }).fill('A launch poster for the spring collection');
    await page.getByRole('combobox', { name: 'Aspect ratio' }).selectOption('1:1');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();

    await page.getByRole('heading', { name: /Generation/ }).waitFor();
    await page.getByTestId('job-status').getByText('Approved').waitFor({ timeout: 30_000 });
    expect([...statusesSeen]).toEqual(expect.arrayContaining(['pending', 'generating', 'auditing', 'correcting', 'approved']));

    // Two attempts: the off-palette first image and its corrected edit, which is selected and on brand.
    const attempts = page.getByRole('list', { name: 'Attempts' }).getByRole('button');
    expect(await attempts.count()).toBe(2);
    expect(await attempts.nth(1).getAttribute('aria-label')).toMatch(/Attempt 2: Corrected, score \d+, selected/);
    await page.getByTestId('verdict').getByText('On brand').waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '7-job.png'), fullPage: true });

    // The first attempt shows why it was corrected: an overlay over the off-palette block.
    await attempts.nth(0).click();
    await page.getByTestId('verdict').getByText('Not on brand').waitFor();
    await page.locator('.overlay-box').first().waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '7b-job-first-attempt.png'), fullPage: true });

    // The brand screen lists the job.
    await page.getByRole('link', { name: 'Acme' }).click();
    const row = page.getByRole('list', { name: 'Recent generations' }).getByRole('link').first();
    await row.getByText('Approved').waitFor();
    expect(await row.textContent()).toContain('A launch poster for the spring collection');
  });
});
