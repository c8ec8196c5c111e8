import type { BrandGuidelines, LogoRule, Provenance } from './schema/brand';
import { LOGO_VARIANTS, logoVariantOf, type LogoVariant } from './vocab/logos';

/**
 * A brand's logo files (docs/ARCHITECTURE.md, "Logos"): `guidelines.logos` entries whose `url`
 * is a file in the library. For each variant the first such entry is the one in use —
 * generation sends it, the audit looks for it; later entries of the same variant are
 * alternatives a designer can choose instead. Pure functions over the guidelines: every change
 * returns new guidelines, which the caller saves as a new version.
 */

const FILE_URL = /^mobius-asset:\/\/files\/([0-9a-f]{64})\.([a-z0-9]{1,10})$/;

/** Characters of the file's SHA-256 that name a logo (in the CLI, the app and requests). */
export const LOGO_ID_LENGTH = 12;

/** The logo's id (the start of its file's digest), or null when the entry has no library file. */
export function logoId(logo: Pick<LogoRule, 'url'>): string | null {
  const m = FILE_URL.exec(logo.url);
  return m ? m[1]!.slice(0, LOGO_ID_LENGTH) : null;
}

export function logoVariant(logo: Pick<LogoRule, 'variant_name'>): LogoVariant {
  return logoVariantOf(logo.variant_name);
}

/** Entries with a library file, in order. */
export function logoFiles(guidelines: Pick<BrandGuidelines, 'logos'>): LogoRule[] {
  return guidelines.logos.filter((l) => logoId(l) !== null);
}

/** The logo in use for each variant that has one (primary, reversed, mark order). */
export function logosInUse(guidelines: Pick<BrandGuidelines, 'logos'>): { variant: LogoVariant; logo: LogoRule }[] {
  const files = logoFiles(guidelines);
  return LOGO_VARIANTS.flatMap((variant) => {
    const logo = files.find((l) => logoVariant(l) === variant);
    return logo ? [{ variant, logo }] : [];
  });
}

export function isLogoInUse(guidelines: Pick<BrandGuidelines, 'logos'>, logo: LogoRule): boolean {
  return logosInUse(guidelines).some((u) => u.logo === logo);
}

/** The rules every variant shares (the strictest stated value of each), so edits to the files keep them. */
export function logoRuleValues(guidelines: Pick<BrandGuidelines, 'logos'>): Pick<LogoRule, 'min_width_px' | 'clear_space_ratio' | 'forbidden_backgrounds'> {
  return {
    min_width_px: Math.max(0, ...guidelines.logos.map((l) => l.min_width_px)),
    clear_space_ratio: Math.max(0, ...guidelines.logos.map((l) => l.clear_space_ratio)),
    forbidden_backgrounds: [...new Set(guidelines.logos.flatMap((l) => l.forbidden_backgrounds))],
  };
}

/** Find a logo by its id or a unique start of it (at least 4 characters). */
export function findLogo(guidelines: Pick<BrandGuidelines, 'logos'>, id: string): LogoRule | null {
  const wanted = id.trim().toLowerCase();
  if (wanted.length < 4) return null;
  const matches = logoFiles(guidelines).filter((l) => logoId(l)!.startsWith(wanted.slice(0, LOGO_ID_LENGTH)));
  return matches.length === 1 ? matches[0]! : null;
}

export interface NewLogo {
  url: string;
  variant: LogoVariant;
  provenance: Provenance[];
  verified?: boolean;
  confidence?: number;
}

/**
 * The entries after an edit: while any file is left, the files carry the rules and bare rule
 * entries (empty url) go; when the last file goes, one bare entry keeps the rules. Entries with
 * another kind of URL (a Mobius import's web address) are kept as they are.
 */
function settle(before: Pick<BrandGuidelines, 'logos'>, logos: LogoRule[]): LogoRule[] {
  if (logos.some((l) => logoId(l) !== null)) return logos.filter((l) => l.url !== '');
  if (logos.some((l) => l.url === '')) return logos;
  const values = logoRuleValues(before);
  if (values.min_width_px === 0 && values.clear_space_ratio === 0 && values.forbidden_backgrounds.length === 0) return logos;
  const provenance = before.logos.flatMap((l) => l.provenance.filter((p) => p.source === 'text' || p.source === 'model')).slice(0, 5);
  return [...logos, { variant_name: 'primary', url: '', ...values, provenance, verified: true, confidence: 1 }];
}

/**
 * Add a logo file as the variant's logo in use (it goes before the others of its variant).
 * The same file added again moves instead of being duplicated; `replace` removes another logo.
 */
export function withLogoAdded<G extends Pick<BrandGuidelines, 'logos'>>(guidelines: G, logo: NewLogo, options: { replace?: string } = {}): G {
  const id = logoId(logo);
  if (id === null) throw new Error('A logo file needs a mobius-asset://files/ URL.');
  const values = logoRuleValues(guidelines);
  const entry: LogoRule = {
    variant_name: logo.variant,
    url: logo.url,
    ...values,
    provenance: logo.provenance,
    verified: logo.verified ?? true,
    confidence: logo.confidence ?? 1,
  };
  const replaced = options.replace ? findLogo(guidelines, options.replace) : null;
  const rest = guidelines.logos.filter((l) => logoId(l) !== id && l !== replaced);
  const at = rest.findIndex((l) => logoId(l) !== null && logoVariant(l) === logo.variant);
  const logos = at < 0 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
  return { ...guidelines, logos: settle(guidelines, logos) };
}

/** Remove a logo file; the rules stay (on the other files, or on an entry of their own). */
export function withLogoRemoved<G extends Pick<BrandGuidelines, 'logos'>>(guidelines: G, logo: LogoRule): G {
  return { ...guidelines, logos: settle(guidelines, guidelines.logos.filter((l) => l !== logo)) };
}

/** Make a logo the one in use for `variant` (relabelled if it was another variant), confirmed by the designer. */
export function withLogoChosen<G extends Pick<BrandGuidelines, 'logos'>>(guidelines: G, logo: LogoRule, variant: LogoVariant): G {
  return withLogoAdded(withLogoRemoved(guidelines, logo), { url: logo.url, variant, provenance: logo.provenance, verified: true, confidence: 1 });
}
