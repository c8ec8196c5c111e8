import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { ExportResult, ParsedRequest } from '../../../shared/ipc';
import type { LibraryFilter } from '../../../shared/schema';
import type { ExportContext } from '../export/asset-export';
import { exportAssets, type ExportOutcome, type ExportProgressInfo, type PdfRenderer } from '../export/export-assets';
import { fileSlug } from '../export/files';
import type { EngineEvents } from './events';
import { BATCH_LIMIT } from './library';

export interface ExportServiceOptions {
  context: ExportContext;
  events: EngineEvents;
  /** Where exports go when the request names no folder. */
  exportsDir: string;
  /** PDF of each report: Electron's printToPDF in the app; none in the CLI and the bridge unless given. */
  pdf: PdfRenderer | null;
}

const PDF_UNAVAILABLE = 'PDF reports are made by the desktop app; this export has the HTML reports, which print to PDF from any browser.';

/** `2026-03-01-1430` in local time: export folder names people sort by. */
function stamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

/**
 * The `exports.*` operations: audited assets out of the library with their
 * proof (see export/export-assets.ts), with progress events and cancel.
 */
export class ExportService {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly o: ExportServiceOptions) {}

  async assets(request: ParsedRequest<'exports.assets'>): Promise<ExportResult> {
    const { store } = this.o.context;
    const ids = request.asset_ids ?? store.library.ids(request.filter ?? {}, BATCH_LIMIT);
    if (ids.length === 0) throw new MobiusError('VALIDATION', 'No images match this selection, so there is nothing to export.', { reason: 'nothing_selected' });
    const parent = request.path ?? this.o.exportsDir;
    const name = request.name ? fileSlug(request.name, 80) || 'mobius-export' : this.defaultName(ids, request.filter);
    const target = await this.freeTarget(path.join(parent, name), request.zip);
    const warnings = request.pdf && !this.o.pdf ? [PDF_UNAVAILABLE] : [];
    const outcome = await this.run(request.export_id, {
      assetIds: ids,
      target,
      zip: request.zip,
      pdf: request.pdf ? this.o.pdf : null,
      embedProvenance: request.embed_provenance,
    });
    if (outcome.skipped.length > 0) warnings.push(`${outcome.skipped.length} image${outcome.skipped.length === 1 ? ' was' : 's were'} left out because they have not been audited.`);
    return { export_id: request.export_id, path: outcome.path, zip: outcome.zip, count: outcome.count, files: outcome.files, skipped: outcome.skipped, warnings };
  }

  /** `mobius export … --out <dir>`: the export becomes exactly that folder (or zip). */
  exportTo(input: { assetIds: readonly string[]; target: string; zip: boolean; embedProvenance: boolean; onProgress?: (p: ExportProgressInfo) => void }): Promise<ExportOutcome> {
    return exportAssets(this.o.context, { ...input, pdf: null });
  }

  async cancel({ export_id }: ParsedRequest<'exports.cancel'>): Promise<{ cancelled: boolean }> {
    const controller = this.running.get(export_id);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  close(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async run(exportId: string, input: Omit<Parameters<typeof exportAssets>[1], 'signal' | 'onProgress'>): Promise<ExportOutcome> {
    if (this.running.has(exportId)) throw new MobiusError('VALIDATION', 'This export is already running.', { export_id: exportId, reason: 'duplicate_export_id' });
    const controller = new AbortController();
    this.running.set(exportId, controller);
    const total = input.assetIds.length;
    const emit = (stage: 'writing' | 'finishing' | 'done' | 'cancelled' | 'failed', done: number, assetId: string | null) =>
      this.o.events.emit('exports.progress', { export_id: exportId, stage, done, total, asset_id: assetId });
    try {
      const outcome = await exportAssets(this.o.context, { ...input, signal: controller.signal, onProgress: (p) => emit(p.stage, p.done, p.asset_id) });
      emit('done', total, null);
      return outcome;
    } catch (error) {
      emit(isMobiusError(error) && error.code === 'CANCELLED' ? 'cancelled' : 'failed', 0, null);
      throw error;
    } finally {
      this.running.delete(exportId);
    }
  }

  private defaultName(ids: readonly string[], filter: LibraryFilter | undefined): string {
    const { store } = this.o.context;
    const brandIds = new Set(filter?.brand_id ? [filter.brand_id] : store.library.records(ids.slice(0, 200)).map((r) => r.brand_id));
    const brand = brandIds.size === 1 ? store.brands.get([...brandIds][0]!, { includeDeleted: true }) : null;
    return `mobius-${(brand && fileSlug(brand.name, 40)) || 'library'}-${stamp(this.o.context.now())}`;
  }

  /** `name`, or `name-2`, `name-3` … when an export of that name is already there. */
  private async freeTarget(base: string, zip: boolean): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await exists(zip ? `${candidate}.zip` : candidate))) return candidate;
    }
  }
}
