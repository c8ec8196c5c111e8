import type { Core } from '../../electron/core/core';
import { OFF_GREEN, PALETTE, onBrandBlocks, paintBlocks, png, testGuidelines } from '../fixtures/images/generate';

/**
 * Imported images with known audit outcomes (offline pixel audits against
 * `testGuidelines()`): a small off-palette block (under the 5 % that blocks approval) is a
 * finding with a region but still approved; a large one fails. Every image
 * also carries the 10 % Coral stripe of the on-brand composition, so taking
 * Coral out of the palette makes them all fail a re-audit.
 */
export const SEED_IMAGES = [
  { name: 'summer-banner.png', off: 0.02, approved: true },
  { name: 'summer-poster.png', off: 0.04, approved: true },
  { name: 'autumn-banner.png', off: 0.03, approved: true },
  { name: 'harbour-hero.png', off: 0, approved: true },
  { name: 'neon-teaser.png', off: 0.25, approved: false },
  { name: 'green-flyer.png', off: 0.16, approved: false },
] as const;

export async function seedImage(off: number, seed = 0): Promise<Buffer> {
  const side = Math.sqrt(off);
  const blocks = off > 0 ? [...onBrandBlocks(), { hex: OFF_GREEN, box: { x: 0.55 - (seed % 3) * 0.05, y: 0.28, w: side, h: side } }] : onBrandBlocks();
  return png(paintBlocks(320, 320, PALETTE.paper, blocks));
}

export interface SeededLibrary {
  brandId: string;
  /** Asset ids by file name. */
  ids: Record<string, string>;
  approved: string[];
  failing: string[];
}

export async function seedLibrary(core: Core, brandName = 'Harbour & Co'): Promise<SeededLibrary> {
  const brand = core.store.brands.create({ name: brandName, guidelines: testGuidelines(), compressed_twin: null });
  const ids: Record<string, string> = {};
  const approved: string[] = [];
  const failing: string[] = [];
  for (const [i, image] of SEED_IMAGES.entries()) {
    const { asset, score } = await core.services.assets.importImage({
      brandId: brand.brand_id,
      bytes: await seedImage(image.off, i),
      sourceName: image.name,
      gemini: { client: null, reason: 'OFFLINE' },
    });
    if (score.approved !== image.approved) throw new Error(`Seed ${image.name}: expected approved=${image.approved}, got ${score.overall_score}`);
    ids[image.name] = asset.asset_id;
    (image.approved ? approved : failing).push(asset.asset_id);
  }
  return { brandId: brand.brand_id, ids, approved, failing };
}

/** The guidelines without Coral: the edit that makes every seeded image stale and fail its re-audit. */
export function withoutCoral() {
  const g = testGuidelines();
  return { ...g, colors: g.colors.filter((c) => c.name !== 'Coral') };
}
