import { z } from 'zod';
import { MobiusError } from '../../../shared/errors';
import { toAse } from '../../../shared/export/ase';
import { toCssVariables, toDesignTokens } from '../../../shared/export/design-tokens';
import { BrandGuidelines, BrandImport, type Brand } from '../../../shared/schema';
import { unclearRuleNotes, withRuleScopes } from '../../../shared/rule-scope';
import { compileTwin } from '../../../shared/twin';
import type { Store } from '../store';

export const BRAND_EXPORT_FORMATS = ['mobius', 'tokens', 'css', 'ase'] as const;
export type BrandExportFormat = (typeof BRAND_EXPORT_FORMATS)[number];
type TextFormat = Exclude<BrandExportFormat, 'ase'>;

const EXPORT_MIME: Record<BrandExportFormat, string> = { mobius: 'application/json', tokens: 'application/json', css: 'text/css', ase: 'application/x-adobe-swatch-exchange' };
const EXPORT_SUFFIX: Record<BrandExportFormat, string> = { mobius: '.mobius.json', tokens: '.tokens.json', css: '.css', ase: '.ase' };

export interface BrandExportFile {
  filename: string;
  mime: string;
  /** Text for text formats, bytes for ASE. */
  content: string | Uint8Array;
}

/** A Mobius brand export (name optional), or bare guidelines as Mobius' ingestion produced them. */
const BrandDocument = BrandImport.extend({ name: z.string().min(1).optional() });
const GuidelinesDocument = BrandGuidelines.extend({ name: z.string().min(1).optional() });

function parseImportDocument(document: unknown) {
  // Decide by shape, not by trial: a brand whose guidelines are invalid must fail, not import as empty guidelines.
  const isBrand = typeof document === 'object' && document !== null && 'guidelines' in document;
  return isBrand ? BrandDocument.safeParse(document) : GuidelinesDocument.safeParse(document);
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(document)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Store a brand from Mobius-format JSON. The compressed twin is always
 * re-derived from the guidelines (one source of truth; legacy roles such as
 * `background` change it), and anything the twin had to leave out is flagged.
 */
export function importBrand(store: Store, document: unknown, options: { fallbackName: string; note?: string }): Brand {
  const parsed = parseImportDocument(document);
  if (!parsed.success) {
    throw new MobiusError(
      'VALIDATION',
      `This file is not a Mobius brand: ${describeZodError(parsed.error)}.`,
      { issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) },
    );
  }
  const value = parsed.data;
  const guidelines = withRuleScopes('guidelines' in value ? value.guidelines : BrandGuidelines.parse(value));
  const name = (value.name ?? options.fallbackName).trim() || options.fallbackName;
  const previousNotes = 'needs_review' in value && Array.isArray(value.needs_review) ? value.needs_review : [];
  const { twin, notes } = compileTwin(guidelines);
  return store.brands.create({
    name,
    guidelines,
    compressed_twin: twin,
    needs_review: [...new Set([...previousNotes, ...notes, ...unclearRuleNotes(guidelines)])],
    organization_id: 'organization_id' in value ? value.organization_id : undefined,
    logo_thumbnail_url: 'logo_thumbnail_url' in value ? value.logo_thumbnail_url : null,
    note: options.note ?? 'Imported from Mobius JSON',
  });
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'brand';
}

/** A brand export as a file for other tools, named after the brand. */
export function brandExportFile(brand: Brand, format: BrandExportFormat): BrandExportFile {
  return {
    filename: `${slug(brand.name)}${EXPORT_SUFFIX[format]}`,
    mime: EXPORT_MIME[format],
    content: format === 'ase' ? toAse(brand) : exportBrand(brand, format),
  };
}

/** Serialise a brand for other tools: Mobius JSON, W3C design tokens, or CSS variables. */
export function exportBrand(brand: Brand, format: TextFormat): string {
  switch (format) {
    case 'mobius':
      return `${JSON.stringify(brand, null, 2)}\n`;
    case 'tokens':
      return `${JSON.stringify(toDesignTokens(brand), null, 2)}\n`;
    case 'css':
      return toCssVariables(brand);
  }
}
