import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeHost } from '../../electron/core/bridge';
import { openStore } from '../../electron/core/store';
import { DEFAULT_VISION_MODEL } from '../../shared/schema';
import { startFakeGemini, type FakeGemini, type FakeReply } from '../fakes/gemini-server';
import { createBrand, OFF_GREEN } from '../integration/workflow/helpers';
import { HIDE_TOASTS, SHOTS, buildRenderer, launchBrowser, startGenerationHost } from './support';

const KEY = 'AIzaSyE2eReviewKey_0123456789abcdefghij';

describe('reviewing and cancelling generations in headless Chromium (fake Gemini)', () => {
  let dir: string;
  let fake: FakeGemini;
  let host: BridgeHost;
  let browser: BrowserContext;
  let page: Page;
  /** Flipped before the second job: its image request then never answers, so it stays cancellable. */
  let hangImages = false;

  // Every image (first generation, corrections, tweaks) keeps an off-palette block, so nothing is ever approved by the audit.
  const offPaletteOrHang: FakeReply = {
    kind: 'custom',
    handle: () => (hangImages ? { kind: 'hang' } : { kind: 'image', composition: { offPalette: { hex: OFF_GREEN, box: { x: 0.5, y: 0, w: 0.5, h: 0.5 } } } }),
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-e2e-review-'));
    const staticDir = path.join(dir, 'renderer');
    const store = openStore({ dataDir: path.join(dir, 'data') });
    createBrand(store);
    store.close();
    [fake] = await Promise.all([startFakeGemini({ apiKey: KEY, imageScale: 1 / 3 }), buildRenderer(staticDir)]);
    fake.enqueue(
      Array.from({ length: 12 }, () => offPaletteOrHang),
      { model: DEFAULT_VISION_MODEL },
    );
    host = await startGenerationHost(path.join(dir, 'data'), fake.baseUrl, staticDir);
    ({ browser, page } = await launchBrowser(path.join(dir, 'chrome')));
    await page.goto(host.bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const generate = async (prompt: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Brands' }).click();
    await page.locator('.brand-card', { hasText: 'Acme' }).click();
    await page.getByRole('textbox', { name: 'Describe the image' }).fill(prompt);
    await page.getByRole('combobox', { name: 'Aspect ratio' }).selectOption('1:1');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByRole('heading', { name: /Generation/ }).waitFor();
  };

  it('a job that never gets on brand asks for review; Tweak adds an attempt, Approve records an override; a running job cancels', async () => {
    // Key and a two-attempt budget, set the way a designer does.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByTestId('key-status').getByText(/A key is set/).waitFor();
    await page.getByRole('spinbutton', { name: /Generation attempts/ }).fill('2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();

    await generate('A summer sale banner');
    const badge = page.getByTestId('job-status');
    await badge.getByText('Needs review').waitFor({ timeout: 20_000 });
    const attempts = page.getByRole('list', { name: 'Attempts' }).getByRole('button');
    expect(await attempts.count()).toBe(2);
    // The better of the two attempts is selected (the fake paints the same block, so either may win; exactly one does).
    const labels = await Promise.all([0, 1].map(async (i) => (await attempts.nth(i).getAttribute('aria-label')) ?? ''));
    expect(labels[0]).toMatch(/^Attempt 1: Generated, score \d+/);
    expect(labels[1]).toMatch(/^Attempt 2: Corrected, score \d+/);
    expect(labels.filter((l) => l.endsWith(', selected'))).toHaveLength(1);
    const scores = labels.map((l) => Number(/score (\d+)/.exec(l)![1]));
    const selectedScore = scores[labels.findIndex((l) => l.endsWith(', selected'))]!;
    expect(selectedScore).toBe(Math.max(...scores));
    await page.getByTestId('verdict').getByText('Not on brand').waitFor();
    const decision = page.getByRole('region', { name: 'Your decision' });
    await decision.waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '8-needs-review.png'), fullPage: true });

    // Tweak: one more edit of the selected image, then back to review with a third attempt.
    await decision.getByRole('textbox', { name: /Tweak with an instruction/ }).fill('Make the top-right block Paper White');
    await decision.getByRole('button', { name: 'Tweak' }).click();
    await page.getByRole('button', { name: /^Attempt 3: Tweaked, score \d+/ }).waitFor({ timeout: 20_000 });
    await badge.getByText('Needs review').waitFor({ timeout: 20_000 });
    expect(await attempts.count()).toBe(3);
    const tweaked = page.getByRole('button', { name: /^Attempt 3: Tweaked/ });
    await tweaked.click();
    await page.getByText('How attempt 3 was asked for').click();
    await page.getByText('Make the top-right block Paper White').waitFor();

    // Approve the selected image although the audit did not: the badge says Approved and the override is shown.
    await page.getByRole('region', { name: 'Your decision' }).getByRole('button', { name: 'Approve' }).click();
    await badge.getByText('Approved').waitFor();
    await page.getByTestId('approval-override').getByText(/Approved by you as an override/).waitFor();
    expect(await page.getByRole('region', { name: 'Your decision' }).count()).toBe(0);
    // The approved image is the selected attempt (the override is recorded against it).
    await page.getByRole('button', { name: /, selected$/ }).click();
    await page.getByTestId('overall-score').getByText(/· selected$/).waitFor();
    await page.screenshot({ style: HIDE_TOASTS, path: path.join(SHOTS, '9-approved-override.png'), fullPage: true });

    // A second job whose first image never arrives: Cancel is available while it runs, and it ends Cancelled.
    hangImages = true;
    await generate('A banner that will be cancelled');
    await page.getByTestId('job-live').getByText('Generating the first image…').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await badge.getByText('Cancelled').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await page.getByTestId('job-live').count()).toBe(0);
  });
});
