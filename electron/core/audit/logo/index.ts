import type { BrandGuidelines, LogoEvidence } from '../../../../shared/schema';
import { logoRuleValues } from '../../../../shared/logos';
import type { DecodedImage } from '../decode';
import type { PaletteEntry } from '../palette';
import { boxOf, checkLogo } from './checks';
import { locateLogo, pyramid } from './locate';
import { presenceRule } from './rules';
import { templateOf, type LogoTemplateInput } from './template';

export type { LogoTemplateInput } from './template';

/**
 * A match this good is the logo. On the audit corpus (6 brands, 84 placed logos, 24 images
 * without the brand's logo) the logo as placed scores 0.68–0.99 (lowest on busy photographs),
 * while images without it, an invented logo included, reach 0.58 at best: the threshold sits
 * between.
 */
export const FOUND_SCORE = 0.63;

const SKIPPED = (required: boolean): LogoEvidence => ({
  status: 'skipped',
  required,
  match: null,
  best_score: 0,
  checks: { size: null, clear_space: null, background: null, distortion: null, colour: null },
  ms: 0,
});

/**
 * Find the brand's logo in the image and check it (docs/ARCHITECTURE.md, "Logos"); runs in the
 * audit worker. Costs nothing when the brand has no logo file. The likelier variant is tried
 * first: the reversed logo on a dark image, the primary otherwise.
 */
export async function measureLogo(
  image: DecodedImage,
  inputs: readonly LogoTemplateInput[],
  guidelines: Pick<BrandGuidelines, 'logos' | 'rules'>,
  palette: readonly PaletteEntry[],
  familyTolerance: number,
): Promise<LogoEvidence> {
  const required = presenceRule(guidelines.rules) !== null;
  if (inputs.length === 0) return SKIPPED(required);
  const started = performance.now();
  const templates = await Promise.all(inputs.map(templateOf));
  const levels = pyramid(image.data, image.width, image.height);
  const top = levels[levels.length - 1]!;
  const dark = top.lum.reduce((s, v) => s + v, 0) / top.lum.length < 100;
  const order = ['primary', 'reversed', 'mark'];
  if (dark) order.unshift('reversed');
  templates.sort((a, b) => order.indexOf(a.variant) - order.indexOf(b.variant));
  const match = locateLogo(levels, templates);
  const ms = Math.round(performance.now() - started);
  if (!match || match.score < FOUND_SCORE) {
    return { ...SKIPPED(required), status: 'not_found', best_score: Math.round((match?.score ?? 0) * 100) / 100, ms };
  }
  const checks = checkLogo(image, match, logoRuleValues(guidelines), palette, familyTolerance);
  const box = boxOf(match, image.width, image.height);
  return {
    status: 'found',
    required,
    match: { id: match.template.id, variant: match.template.variant, box, score: Math.round(match.score * 100) / 100, width_px: Math.round(box.w * image.source.width) },
    best_score: Math.round(match.score * 100) / 100,
    checks,
    ms: Math.round(performance.now() - started),
  };
}
