import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import { findLogo, logoId, logosInUse, withLogoAdded, withLogoChosen, withLogoRemoved } from '../../../shared/logos';
import type { Brand, BrandGuidelines } from '../../../shared/schema';
import { compileTwin } from '../../../shared/twin';
import { LOGO_VARIANT_LABELS, type LogoVariant } from '../../../shared/vocab/logos';
import { settleLogoNotes } from '../ingest/logo-files';
import type { LogoTemplateInput } from '../audit/logo/template';
import { fileUri, parseFileUri, type Store } from '../store';
import { readLogoFile } from './logo-file';

/**
 * A designer's changes to a brand's logo files (docs/ARCHITECTURE.md, "Logos"): add a file,
 * choose which one is in use, remove a wrong one. Each is a new brand version with its twin
 * recompiled, so generation and audits pick the change up, and history keeps the old files.
 */

/** The brand, refusing an edit made on an older version rather than overwriting a newer one. */
export function currentBrand(store: Store, brandId: string, baseVersion: number | undefined): Brand {
  const current = store.brands.require(brandId);
  if (baseVersion !== undefined && baseVersion !== current.version) {
    throw new MobiusError('VALIDATION', `This brand changed since this edit started (it is now version ${current.version}).`, {
      reason: 'stale_version',
      current_version: current.version,
      base_version: baseVersion,
    });
  }
  return current;
}

function logoNotFound(brand: Brand, id: string): MobiusError {
  return new MobiusError('VALIDATION', `${brand.name} has no logo "${id}". List its logos to see their ids.`, { reason: 'logo_not_found', brand_id: brand.brand_id, logo_id: id });
}

function saveLogos(store: Store, brand: Brand, guidelines: BrandGuidelines, note: string): Brand {
  const compiled = compileTwin(guidelines);
  return store.brands.updateGuidelines(brand.brand_id, {
    guidelines,
    compressed_twin: compiled.twin,
    needs_review: [...new Set([...settleLogoNotes(brand.needs_review, guidelines), ...compiled.notes])],
    note,
  });
}

export interface AddLogo {
  brand_id: string;
  path: string;
  variant: LogoVariant;
  replace?: string | undefined;
  base_version?: number | undefined;
}

/** Add a logo file (SVG, PNG, JPEG, WebP or PDF) as the variant in use, optionally replacing another logo. */
export async function addBrandLogo(store: Store, input: AddLogo): Promise<Brand> {
  const before = currentBrand(store, input.brand_id, input.base_version);
  if (input.replace && !findLogo(before.guidelines, input.replace)) throw logoNotFound(before, input.replace);
  const image = await readLogoFile(input.path);
  return store.putFileThen(image.png, 'png', 'image/png', (file) => {
    // Checked again inside the transaction: the file took a moment to read.
    const brand = currentBrand(store, input.brand_id, input.base_version);
    const guidelines = withLogoAdded(brand.guidelines, { url: fileUri(file.sha256, file.ext), variant: input.variant, provenance: [{ page: 1, source: 'user' }] }, input.replace ? { replace: input.replace } : {});
    return saveLogos(store, brand, guidelines, `Logo ${path.basename(input.path)} added as ${LOGO_VARIANT_LABELS[input.variant].toLowerCase()}${input.replace ? ` (replacing ${input.replace})` : ''}`);
  });
}

/** Make a logo the one in use for a variant (relabelled when needed), confirmed by the designer. */
export function chooseBrandLogo(store: Store, input: { brand_id: string; logo_id: string; variant: LogoVariant; base_version?: number | undefined }): Brand {
  return store.transaction(() => {
    const brand = currentBrand(store, input.brand_id, input.base_version);
    const logo = findLogo(brand.guidelines, input.logo_id);
    if (!logo) throw logoNotFound(brand, input.logo_id);
    return saveLogos(store, brand, withLogoChosen(brand.guidelines, logo, input.variant), `Logo ${input.logo_id} chosen as ${LOGO_VARIANT_LABELS[input.variant].toLowerCase()}`);
  });
}

/** Remove a logo file; its rules stay with the others (or on their own). */
export function removeBrandLogo(store: Store, input: { brand_id: string; logo_id: string; base_version?: number | undefined }): Brand {
  return store.transaction(() => {
    const brand = currentBrand(store, input.brand_id, input.base_version);
    const logo = findLogo(brand.guidelines, input.logo_id);
    if (!logo) throw logoNotFound(brand, input.logo_id);
    return saveLogos(store, brand, withLogoRemoved(brand.guidelines, logo), `Logo ${input.logo_id} removed`);
  });
}

/** The brand's logo files in use (one per variant), as the audit looks for them; a missing file is left out. */
export function logoFilesForAudit(store: Store): (brand: Brand) => Promise<LogoTemplateInput[]> {
  return async (brand) => {
    const out: LogoTemplateInput[] = [];
    for (const { variant, logo } of logosInUse(brand.guidelines)) {
      const file = parseFileUri(logo.url);
      if (!file || !store.files.has(file.sha256, file.ext)) continue;
      out.push({ id: logoId(logo)!, variant, png: new Uint8Array(await store.files.read(file.sha256, file.ext)) });
    }
    return out;
  };
}
