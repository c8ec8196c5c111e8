import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { ExportManifest, ManifestRow } from '../../../shared/schema';
import { exportBrand } from '../brands/brand-io';
import { buildAssetExport, type ExportContext } from './asset-export';
import { syncDir, writeDurable } from '../store/durable';
import { fileSlug, partialPath, removeStalePartials } from './files';
import { manifestCsv } from './manifest';

/** Prints a report (an HTML file on disk) to PDF: Electron's printToPDF in the app, headless Chromium in tests. */
export type PdfRenderer = (htmlFile: string) => Promise<Uint8Array>;

export interface ExportProgressInfo {
  done: number;
  total: number;
  stage: 'writing' | 'finishing';
  asset_id: string | null;
}

export interface ExportAssetsRequest {
  assetIds: readonly string[];
  /** The folder (or, with `zip`, the .zip file) the export becomes. Must not exist yet, or be an empty folder. */
  target: string;
  zip?: boolean;
  pdf?: PdfRenderer | null;
  /** Provenance in PNG/JPEG metadata (default true). */
  embedProvenance?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgressInfo) => void;
}

export interface ExportedFiles {
  asset_id: string;
  image: string;
  compliance: string;
  report: string;
  pdf: string | null;
}

export interface ExportOutcome {
  path: string;
  zip: boolean;
  count: number;
  files: ExportedFiles[];
  /** Selected assets left out, and why (e.g. never audited). */
  skipped: { asset_id: string; reason: string }[];
  brand_files: string[];
  manifest: ExportManifest;
}

/** Where the export's files go while it runs: a hidden folder, or a zip stream into a hidden file. */
interface Sink {
  write(name: string, bytes: Uint8Array | string, compress: boolean): Promise<void>;
  /** A path to the report on disk, for the PDF renderer. */
  htmlPath(name: string, html: string): Promise<string>;
  finish(): Promise<void>;
  discard(): Promise<void>;
}

async function folderSink(temp: string): Promise<Sink> {
  await mkdir(temp);
  return {
    write: (name, bytes) => writeDurable(path.join(temp, name), bytes),
    async htmlPath(name) {
      return path.join(temp, name);
    },
    finish: () => syncDir(temp),
    discard: () => rm(temp, { recursive: true, force: true }),
  };
}

async function zipSink(temp: string, folder: string): Promise<Sink> {
  const handle: FileHandle = await open(temp, 'wx');
  const scratch = await mkdtemp(path.join(tmpdir(), 'mobius-report-'));
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else queue.push(chunk);
  });
  const flush = async () => {
    if (failure) throw failure;
    while (queue.length > 0) await handle.write(queue.shift()!);
  };
  const cleanup = async () => {
    await handle.close().catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  };
  return {
    async write(name, bytes, compress) {
      const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
      // Images are already compressed: stored as they are, so the bytes in the zip are the exported bytes.
      const entry = compress ? new ZipDeflate(`${folder}/${name}`, { level: 6 }) : new ZipPassThrough(`${folder}/${name}`);
      zip.add(entry);
      entry.push(data, true);
      await flush();
    },
    async htmlPath(name, html) {
      const file = path.join(scratch, name);
      await writeDurable(file, html);
      return file;
    },
    async finish() {
      zip.end();
      await flush();
      await handle.sync();
      await cleanup();
    },
    async discard() {
      zip.terminate();
      await cleanup();
      await rm(temp, { force: true });
    },
  };
}

function uniqueBase(used: Set<string>, record: { prompt: string | null; source_name: string | null; asset_id: string }): string {
  const words = fileSlug(record.prompt ?? record.source_name ?? '') || 'image';
  let base = `${words}-${record.asset_id.slice(0, 8)}`;
  for (let n = 2; used.has(base); n++) base = `${words}-${record.asset_id.slice(0, 8)}-${n}`;
  used.add(base);
  return base;
}

async function assertFreeTarget(target: string, zip: boolean): Promise<boolean> {
  const existing = await stat(target).catch(() => null);
  if (!existing) return false;
  if (!zip && existing.isDirectory() && (await readdir(target)).length === 0) return true;
  throw new MobiusError('VALIDATION', `${target} already exists. Choose a new ${zip ? 'file' : 'folder'} name; Mobius never overwrites an export.`, {
    path: target,
    reason: 'export_target_exists',
  });
}

/**
 * Export audited assets: per asset the image (original bytes + provenance),
 * `<name>.compliance.json`, `<name>.report.html` (and the PDF when a renderer
 * is given), the brand twins, `manifest.json` and `manifest.csv`.
 *
 * Nothing half-written: everything goes into a hidden sibling of the target
 * (a folder, or a zip file) that is renamed into place only when complete. A
 * failure or cancel removes it; one left by a crash is removed by the next
 * export into the same folder.
 */
export async function exportAssets(ctx: ExportContext, request: ExportAssetsRequest): Promise<ExportOutcome> {
  const zip = request.zip ?? false;
  const target = path.resolve(zip && !request.target.toLowerCase().endsWith('.zip') ? `${request.target}.zip` : request.target);
  const parent = path.dirname(target);
  const folderName = path.basename(target).replace(/\.zip$/i, '');
  const ids = [...new Set(request.assetIds)];
  if (ids.length === 0) throw new MobiusError('VALIDATION', 'Choose at least one image to export.', { reason: 'nothing_selected' });
  await mkdir(parent, { recursive: true });
  await removeStalePartials(parent);
  const replaceEmpty = await assertFreeTarget(target, zip);
  const temp = partialPath(target);
  const sink = zip ? await zipSink(temp, folderName) : await folderSink(temp);
  const checkCancelled = () => {
    if (request.signal?.aborted) throw new MobiusError('CANCELLED', 'The export was cancelled; nothing was written.', { reason: 'cancelled' });
  };
  try {
    const used = new Set<string>();
    const rows: ManifestRow[] = [];
    const files: ExportedFiles[] = [];
    const skipped: ExportOutcome['skipped'] = [];
    const brands = new Set<string>();
    for (const [index, assetId] of ids.entries()) {
      checkCancelled();
      request.onProgress?.({ done: index, total: ids.length, stage: 'writing', asset_id: assetId });
      const asset = ctx.store.assets.require(assetId);
      if (!asset.compliance) {
        skipped.push({ asset_id: assetId, reason: 'not_audited' });
        continue;
      }
      const [record] = ctx.store.library.records([assetId]);
      const built = await buildAssetExport(ctx, assetId, uniqueBase(used, record!), { embedProvenance: request.embedProvenance ?? true });
      checkCancelled();
      await sink.write(built.image.name, built.image.bytes, false);
      await sink.write(built.compliance.name, built.compliance.text, true);
      await sink.write(built.report.name, built.report.html, true);
      let pdf: string | null = null;
      if (request.pdf) {
        const bytes = await request.pdf(await sink.htmlPath(built.report.name, built.report.html));
        await sink.write(built.pdfName, bytes, false);
        pdf = built.pdfName;
      }
      brands.add(asset.brand_id);
      rows.push({ ...built.row, pdf_file: pdf });
      files.push({ asset_id: assetId, image: built.image.name, compliance: built.compliance.name, report: built.report.name, pdf });
    }
    if (rows.length === 0) {
      throw new MobiusError('VALIDATION', 'None of the chosen images has been audited yet, so there is nothing to export.', { reason: 'nothing_audited' });
    }
    checkCancelled();
    request.onProgress?.({ done: ids.length, total: ids.length, stage: 'finishing', asset_id: null });
    const brandFiles: string[] = [];
    for (const brandId of brands) {
      const brand = ctx.store.brands.require(brandId, { includeDeleted: true });
      const name = `brand-${fileSlug(brand.name) || 'brand'}-v${brand.version}.mobius.json`;
      await sink.write(name, exportBrand(brand, 'mobius'), true);
      brandFiles.push(name);
    }
    const manifest: ExportManifest = {
      format: 'mobius-desktop.export-manifest',
      format_version: 1,
      generator: ctx.generator,
      exported_at: ctx.now(),
      count: rows.length,
      assets: rows,
    };
    await sink.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, true);
    await sink.write('manifest.csv', manifestCsv(rows), true);
    checkCancelled();
    await sink.finish();
    if (replaceEmpty) await rmdir(target);
    await rename(temp, target);
    await syncDir(parent);
    return { path: target, zip, count: rows.length, files, skipped, brand_files: brandFiles, manifest };
  } catch (error) {
    await sink.discard().catch(() => undefined);
    if (isMobiusError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new MobiusError('VALIDATION', `Mobius could not write the export to ${parent}${code ? ` (${code})` : ''}. Nothing was written; check the folder and try again.`, {
      path: parent,
      reason: 'export_failed',
      ...(code ? { fs_code: code } : {}),
    }, { cause: error });
  }
}
