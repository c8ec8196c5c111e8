import { z } from 'zod';
import { ASSET_ORIGINS } from '../vocab/library';
import { ComplianceScore } from './compliance';
import { LibraryStatus } from './library';
import { IsoTimestamp } from './normalize';

export const COMPLIANCE_DOCUMENT_FORMAT = 'mobius-desktop.asset-compliance';
export const COMPLIANCE_DOCUMENT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * `<name>.compliance.json`: the Mobius `ComplianceScore` (its fields at the top
 * level, so Mobius and anything reading its shape takes the file as it is),
 * plus what makes the file proof on its own: the brand and version, the
 * measured evidence (`measured`), dismissals with reasons, the asset's lineage
 * and audit history, and SHA-256 digests of the image and the report.
 */
export const ComplianceDocument = ComplianceScore.extend({
  format: z.literal(COMPLIANCE_DOCUMENT_FORMAT),
  format_version: z.literal(COMPLIANCE_DOCUMENT_VERSION),
  generator: z.string(),
  exported_at: IsoTimestamp,
  brand: z.object({
    brand_id: z.string(),
    name: z.string(),
    /** The version this audit was measured against. */
    version: z.number().int().nullable(),
    current_version: z.number().int(),
  }),
  asset: z.object({
    asset_id: z.string(),
    origin: z.enum(ASSET_ORIGINS),
    status: LibraryStatus,
    /** Who made the decision the status reflects. */
    decided_by: z.enum(['audit', 'reviewer', 'none']),
    stale: z.boolean(),
    job_id: z.string().nullable(),
    prompt: z.string().nullable(),
    source_name: z.string().nullable(),
    generation_params: z.record(z.string(), z.unknown()).nullable(),
    created_at: IsoTimestamp,
    cost: z.object({ tokens: z.number(), usd: z.number() }),
  }),
  image: z.object({
    file: z.string(),
    mime: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    /** The image as Mobius stored it (the asset's identity). */
    original_sha256: Sha256,
    /** The exported file: the original bytes, plus the provenance block when one was embedded. */
    sha256: Sha256,
    provenance_embedded: z.boolean(),
  }),
  report: z.object({ file: z.string(), sha256: Sha256 }),
  dismissals: z.array(
    z.object({ violation_id: z.string(), category: z.string(), severity: z.string(), description: z.string(), reason: z.string().nullable() }),
  ),
  lineage: z.array(
    z.object({
      asset_id: z.string(),
      kind: z.string(),
      attempt: z.number().int().nullable(),
      instruction: z.string().nullable(),
      score: z.number().nullable(),
      status: LibraryStatus,
    }),
  ),
  audits: z.array(
    z.object({ audit_id: z.string().nullable(), at: IsoTimestamp, kind: z.string(), by: z.string(), brand_version: z.number().int().nullable(), score: z.number().nullable(), approved: z.boolean().nullable(), summary: z.string() }),
  ),
});
export type ComplianceDocument = z.infer<typeof ComplianceDocument>;

/** One row of `manifest.json` / `manifest.csv`. */
export const ManifestRow = z.object({
  asset_id: z.string(),
  file: z.string(),
  compliance_file: z.string(),
  report_file: z.string(),
  pdf_file: z.string().nullable(),
  brand: z.string(),
  brand_id: z.string(),
  status: LibraryStatus,
  stale: z.boolean(),
  score: z.number().nullable(),
  version: z.number().int().nullable(),
  prompt: z.string().nullable(),
  source_name: z.string().nullable(),
  cost_usd: z.number(),
  cost_tokens: z.number(),
  /** SHA-256 of `file` exactly as written. */
  sha256: Sha256,
  original_sha256: Sha256,
  created_at: IsoTimestamp,
});
export type ManifestRow = z.infer<typeof ManifestRow>;

export const ExportManifest = z.object({
  format: z.literal('mobius-desktop.export-manifest'),
  format_version: z.literal(1),
  generator: z.string(),
  exported_at: IsoTimestamp,
  count: z.number().int().min(0),
  assets: z.array(ManifestRow),
});
export type ExportManifest = z.infer<typeof ExportManifest>;
