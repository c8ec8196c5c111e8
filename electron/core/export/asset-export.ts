import { createHash } from 'node:crypto';
import { MobiusError } from '../../../shared/errors';
import {
  COMPLIANCE_DOCUMENT_FORMAT,
  COMPLIANCE_DOCUMENT_VERSION,
  type ComplianceDocument,
  type ManifestRow,
} from '../../../shared/schema';
import { extensionForMime } from '../gemini/image-sink';
import { assetHistory } from '../library/history';
import type { ImageWorker } from '../library/image-worker';
import { fileUri, type LibraryRecord, type Store } from '../store';
import { embedProvenance } from './provenance';
import { renderReport } from './report-html';

/** What exporting needs from the core. */
export interface ExportContext {
  store: Store;
  images: ImageWorker;
  /** The approval threshold (0–100) the report explains decisions with. */
  threshold: () => number;
  /** "Mobius Desktop 0.1.0". */
  generator: string;
  now: () => string;
}

export interface BuiltAsset {
  record: LibraryRecord;
  image: { name: string; bytes: Uint8Array };
  compliance: { name: string; text: string };
  report: { name: string; html: string };
  pdfName: string;
  row: Omit<ManifestRow, 'pdf_file'>;
}

/** Report images wider than this are shown as a rendition (the original is next to the report). */
const REPORT_IMAGE_EDGE = 1600;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decidedBy(status: LibraryRecord['status']): ComplianceDocument['asset']['decided_by'] {
  if (status === 'override' || status === 'rejected') return 'reviewer';
  return status === 'not_audited' ? 'none' : 'audit';
}

/**
 * Everything one audited asset exports as, in memory: the image (original
 * bytes + provenance block), `<base>.compliance.json` and the self-contained
 * `<base>.report.html`. The report image rendition is made in the image
 * worker; nothing here is written to disk.
 */
export async function buildAssetExport(ctx: ExportContext, assetId: string, base: string, options: { embedProvenance: boolean }): Promise<BuiltAsset> {
  const { store } = ctx;
  const asset = store.assets.require(assetId);
  const score = asset.compliance;
  if (!score) throw new MobiusError('VALIDATION', 'This image has not been audited yet, so it has no report to export.', { asset_id: assetId, reason: 'not_audited' });
  const history = assetHistory(store, assetId, fileUri);
  const { item } = history;
  const [record] = store.library.records([assetId]);
  const brand = store.brands.require(asset.brand_id, { includeDeleted: true });
  const auditedVersion = item.audited_version ?? score.brand_version ?? asset.brand_version;
  const palette = store.brands.listVersions(brand.brand_id).find((v) => v.version === auditedVersion)?.guidelines.colors ?? brand.guidelines.colors;

  const ext = store.fileRecords.get(asset.sha256)?.ext ?? extensionForMime(asset.mime);
  const original = await store.files.read(asset.sha256, ext);
  const preview = await ctx.images.preview(store.files.path(asset.sha256, ext), REPORT_IMAGE_EDGE);
  const exportedAt = ctx.now();
  const imageName = `${base}.${ext}`;
  const html = renderReport({
    item,
    score,
    brand: { brand_id: brand.brand_id, name: brand.name, version: auditedVersion, current_version: brand.version, palette },
    image: { dataUri: `data:${preview.mime};base64,${Buffer.from(preview.bytes).toString('base64')}`, width: preview.width, height: preview.height },
    original: { file: imageName, sha256: asset.sha256, width: asset.width, height: asset.height, mime: asset.mime },
    decidedBy: decidedBy(item.status),
    threshold: ctx.threshold(),
    events: history.events,
    lineage: history.lineage,
    generator: ctx.generator,
    exportedAt,
  });
  const reportSha = sha256(html);
  const embedded = options.embedProvenance
    ? embedProvenance(original, {
        asset_id: asset.asset_id,
        brand: brand.name,
        brand_id: brand.brand_id,
        brand_version: auditedVersion,
        score: score.overall_score,
        decision: item.status,
        approved: score.approved,
        report_sha256: reportSha,
        original_sha256: asset.sha256,
        exported_at: exportedAt,
        generator: ctx.generator,
      })
    : null;
  const imageBytes = embedded ?? original;
  const imageSha = sha256(imageBytes);
  const reportName = `${base}.report.html`;
  const complianceName = `${base}.compliance.json`;
  const dismissals = score.categories.flatMap((c) =>
    c.violations
      .filter((v) => v.status === 'dismissed')
      .map((v) => ({ violation_id: v.id, category: c.category, severity: v.severity, description: v.description, reason: v.dismiss_reason ?? null })),
  );
  const document: ComplianceDocument = {
    ...score,
    format: COMPLIANCE_DOCUMENT_FORMAT,
    format_version: COMPLIANCE_DOCUMENT_VERSION,
    generator: ctx.generator,
    exported_at: exportedAt,
    brand: { brand_id: brand.brand_id, name: brand.name, version: auditedVersion, current_version: brand.version },
    asset: {
      asset_id: asset.asset_id,
      origin: asset.origin,
      status: item.status,
      decided_by: decidedBy(item.status),
      stale: item.stale,
      job_id: asset.job_id,
      prompt: asset.prompt,
      source_name: asset.source_name,
      generation_params: asset.generation_params,
      created_at: asset.created_at,
      cost: asset.cost,
    },
    image: {
      file: imageName,
      mime: asset.mime,
      width: asset.width,
      height: asset.height,
      original_sha256: asset.sha256,
      sha256: imageSha,
      provenance_embedded: embedded !== null,
    },
    report: { file: reportName, sha256: reportSha },
    dismissals,
    lineage: history.lineage.map((s) => ({ asset_id: s.asset_id, kind: s.kind, attempt: s.attempt, instruction: s.instruction, score: s.score, status: s.status })),
    audits: history.events
      .filter((e) => e.kind !== 'created')
      .map((e) => ({ audit_id: e.audit_id, at: e.at, kind: e.kind, by: e.by, brand_version: e.brand_version, score: e.score, approved: e.approved, summary: e.summary })),
  };
  return {
    record: record!,
    image: { name: imageName, bytes: imageBytes },
    compliance: { name: complianceName, text: `${JSON.stringify(document, null, 2)}\n` },
    report: { name: reportName, html },
    pdfName: `${base}.report.pdf`,
    row: {
      asset_id: asset.asset_id,
      file: imageName,
      compliance_file: complianceName,
      report_file: reportName,
      brand: brand.name,
      brand_id: brand.brand_id,
      status: item.status,
      stale: item.stale,
      score: score.overall_score,
      version: auditedVersion,
      prompt: asset.prompt,
      source_name: asset.source_name,
      cost_usd: asset.cost.usd,
      cost_tokens: asset.cost.tokens,
      sha256: imageSha,
      original_sha256: asset.sha256,
      created_at: asset.created_at,
    },
  };
}
