import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import type { BrandDetail, BrandSummary, ParsedRequest, Response } from '../../../shared/ipc';
import type { Brand } from '../../../shared/schema';
import { compileTwin } from '../../../shared/twin';
import { brandExportFile, importBrand } from '../brands/brand-io';
import { addBrandLogo, chooseBrandLogo, currentBrand, removeBrandLogo } from '../brands/brand-logos';
import type { ModelAccess } from '../gemini/access';
import type { GeminiService } from '../gemini/service';
import { ingestPdf } from '../ingest';
import type { Store } from '../store';
import type { EngineEvents } from './events';
import type { Views } from './views';

async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new MobiusError('VALIDATION', code === 'ENOENT' ? `There is no file at ${file}.` : `Mobius could not read ${file} (${code ?? 'unknown error'}).`, { path: file, reason: 'unreadable' }, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MobiusError('VALIDATION', `${path.basename(file)} is not valid JSON: ${(cause as Error).message}.`, { path: file, reason: 'not_json' }, { cause });
  }
}

export interface BrandServiceOptions {
  store: Store;
  gemini: Pick<GeminiService, 'access'>;
  events: EngineEvents;
  views: Views;
}

/** The `brands.*` operations: the brand library, PDF ingestion (cancellable), edits as versions, import and export. */
export class BrandService {
  private readonly ingests = new Map<string, AbortController>();

  constructor(private readonly o: BrandServiceOptions) {}

  /** Brands, most recently active first. */
  async list(): Promise<BrandSummary[]> {
    return this.o.store.brands
      .list()
      .map((b) => this.o.views.brandSummary(b))
      .sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at));
  }

  async get({ brand_id }: ParsedRequest<'brands.get'>): Promise<BrandDetail> {
    return this.o.views.brandDetail(this.o.store.brands.require(brand_id));
  }

  /** Build a brand twin from a PDF (refined by Gemini when it is usable, or as `options.gemini` says); progress as `ingest.progress`. */
  async ingest({ path: filePath, name, ingest_id }: ParsedRequest<'brands.ingest'>, options: { gemini?: ModelAccess } = {}): Promise<Response<'brands.ingest'>> {
    if (this.ingests.has(ingest_id)) throw new MobiusError('VALIDATION', 'This ingestion is already running.', { ingest_id, reason: 'duplicate_ingest_id' });
    const controller = new AbortController();
    this.ingests.set(ingest_id, controller);
    try {
      const access = options.gemini ?? (await this.o.gemini.access());
      const client = access.client;
      const result = await ingestPdf({
        store: this.o.store,
        filePath,
        ...(name ? { name } : {}),
        offline: client === null,
        // The ingest's signal goes to the request, so a cancel ends the model call too (not only the steps around it).
        gemini: client
          ? { extractGuidelines: (bytes, context) => client.extractGuidelines(bytes, { filename: context.filename, localEvidence: context.localEvidence, signal: controller.signal }) }
          : null,
        onProgress: (p) => this.o.events.emit('ingest.progress', { ingest_id, ...p }),
        signal: controller.signal,
      });
      return { brand: result.brand, warnings: result.warnings, refined: result.refined };
    } finally {
      this.ingests.delete(ingest_id);
    }
  }

  async cancelIngest({ ingest_id }: ParsedRequest<'brands.cancelIngest'>): Promise<{ cancelled: boolean }> {
    const controller = this.ingests.get(ingest_id);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** Save edited guidelines as a new version; an edit made on an older version is refused rather than overwriting. */
  async update({ brand_id, guidelines, name, note, needs_review, base_version }: ParsedRequest<'brands.update'>): Promise<BrandDetail> {
    const current = currentBrand(this.o.store, brand_id, base_version);
    const compiled = compileTwin(guidelines);
    const review = [...new Set([...(needs_review ?? current.needs_review), ...compiled.notes])];
    const updated = this.o.store.brands.updateGuidelines(brand_id, {
      guidelines,
      compressed_twin: compiled.twin,
      needs_review: review,
      ...(name ? { name } : {}),
      note: note ?? 'Edited in Mobius',
    });
    return this.o.views.brandDetail(updated);
  }

  /** Add a logo file (the app's drop or dialog, `mobius brand logo add`) as the variant in use. */
  async addLogo(request: ParsedRequest<'brands.addLogo'>): Promise<BrandDetail> {
    return this.o.views.brandDetail(await addBrandLogo(this.o.store, request));
  }

  /** Make a logo the one in use for a variant ("choose the primary"). */
  async chooseLogo(request: ParsedRequest<'brands.chooseLogo'>): Promise<BrandDetail> {
    return this.o.views.brandDetail(chooseBrandLogo(this.o.store, request));
  }

  /** Remove a wrong logo file (`mobius brand logo remove`). */
  async removeLogo(request: ParsedRequest<'brands.removeLogo'>): Promise<BrandDetail> {
    return this.o.views.brandDetail(removeBrandLogo(this.o.store, request));
  }

  async delete({ brand_id }: ParsedRequest<'brands.delete'>): Promise<{ deleted: true }> {
    this.o.store.brands.softDelete(brand_id);
    return { deleted: true };
  }

  async export({ brand_id, format }: ParsedRequest<'brands.export'>): Promise<Response<'brands.export'>> {
    const file = brandExportFile(this.o.store.brands.require(brand_id), format);
    return typeof file.content === 'string'
      ? { ...file, content: file.content, encoding: 'utf8' }
      : { ...file, content: Buffer.from(file.content).toString('base64'), encoding: 'base64' };
  }

  /** Add a brand from a Mobius JSON file (the app's drop or dialog, `mobius brand import`). */
  async import({ path: filePath }: ParsedRequest<'brands.import'>): Promise<Brand> {
    const document = await readJsonFile(filePath);
    const file = path.basename(filePath);
    return importBrand(this.o.store, document, { fallbackName: file.replace(/\.json$/i, ''), note: `Imported from ${file}` });
  }

  /** Stop every running ingestion (the core is closing). */
  close(): void {
    for (const controller of this.ingests.values()) controller.abort();
  }
}
