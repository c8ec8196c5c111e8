import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import type { AssetView, BrandDetail, BrandSummary, OperationName, ParsedRequest, Response } from '../../../shared/ipc';
import type { Asset, Brand, ComplianceScore } from '../../../shared/schema';
import { DEFAULT_THRESHOLD, thresholdToScore } from '../../../shared/scoring';
import { compileTwin, validateSize } from '../../../shared/twin';
import { PixelAuditor, auditImageFile, buildPixelScore, dismissAssetFinding, mergeAudit, pixelEvidenceForPrompt, restoreAssetFinding } from '../audit';
import { exportBrand, importBrand } from '../brands/brand-io';
import { createGeminiClient, fileStoreImageSink, type GeminiClient } from '../gemini';
import { ingestPdf, stopEvidenceWorker } from '../ingest';
import { createLogger, type Logger } from '../log';
import { GEMINI_ACCOUNT, createSecretStore, geminiKeyStatus, resolveGeminiApiKey, validateSecretValue, type SecretStore } from '../secrets';
import { SettingsService } from '../settings';
import { fileUri, openStore, type Store } from '../store';
import { EngineEvents } from './events';
import { JobService } from './jobs';
import { NetworkMonitor, httpProbe, type Probe } from './network';

export interface EngineOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Default: the system keychain, checked on first use (see createSecretStore). */
  secrets?: SecretStore;
  /** How the renderer addresses a stored file: mobius-asset:// (main, the default) or a bridge HTTP URL. */
  fileUrl?: (sha256: string, ext: string) => string;
  /** Reachability check; default: HEAD to the Gemini endpoint. */
  probe?: Probe;
  networkIntervalMs?: number;
  /** Native open-file dialog (main only); without one `dialog.openFile` is refused. */
  openFileDialog?: (kind: 'pdf' | 'image' | 'brand') => Promise<string | null>;
  /** OCR for text contrast in audits (default true). */
  ocr?: boolean;
  logger?: Logger;
}

export type Handlers = { [K in OperationName]: (request: ParsedRequest<K>) => Promise<Response<K>> };

export interface Engine {
  readonly dataDir: string;
  readonly events: EngineEvents;
  readonly handlers: Handlers;
  /** Absolute path of a stored file named `<sha256>.<ext>`, or null when unknown (used by the protocol and the bridge). */
  storedFilePath(name: string): string | null;
  close(): Promise<void>;
}

const STORED_NAME = /^([0-9a-f]{64})\.([a-z0-9]{1,10})$/;

const EXPORT_MIME = { mobius: 'application/json', tokens: 'application/json', css: 'text/css' } as const;
const EXPORT_SUFFIX = { mobius: '.mobius.json', tokens: '.tokens.json', css: '.css' } as const;

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'brand';
}

/**
 * One implementation of every IPC operation over the core services. Electron
 * main and the development bridge both call it, so the renderer sees the same
 * behaviour in both shells.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const env = options.env ?? process.env;
  const store: Store = openStore({ dataDir: options.dataDir });
  const ownLogger = options.logger === undefined;
  const logger = options.logger ?? createLogger({ dir: path.join(store.dataDir, 'logs'), name: 'app' });
  const settings = new SettingsService(store.settings, { env, logger });
  const secrets = options.secrets ?? (await createSecretStore({ env, dataDir: store.dataDir })).store;
  const events = new EngineEvents();
  const fileUrl = options.fileUrl ?? fileUri;
  const ingests = new Map<string, AbortController>();
  // The engine's own image-analysis worker, stopped with the engine.
  const auditor = new PixelAuditor();
  const forcedOffline = env['MOBIUS_OFFLINE'] === '1';
  const network = new NetworkMonitor(
    options.probe ?? httpProbe(() => settings.get().gemini_base_url ?? env['MOBIUS_GEMINI_BASE_URL'] ?? null),
    (status) => events.emit('network.status', status),
    forcedOffline,
  );
  network.start(options.networkIntervalMs ?? 30_000);

  /** A Gemini client when online with a key; null means "work offline" (never an error). */
  async function gemini(): Promise<GeminiClient | null> {
    if (!network.current().online) return null;
    const apiKey = await resolveGeminiApiKey(secrets, env).catch(() => null);
    if (!apiKey) return null;
    return createGeminiClient({ settings: settings.get(), apiKey, logger, images: fileStoreImageSink(store.files), env });
  }

  function threshold(): number {
    const fraction = settings.get().compliance_threshold;
    return Number.isFinite(fraction) ? thresholdToScore(fraction) : DEFAULT_THRESHOLD;
  }

  function extOf(asset: Asset): string {
    return store.fileRecords.get(asset.sha256)?.ext ?? 'bin';
  }

  function assetView(asset: Asset): AssetView {
    const brand = store.brands.get(asset.brand_id, { includeDeleted: true });
    const latest = store.audits.latestForAsset(asset.asset_id);
    return {
      asset,
      image_url: fileUrl(asset.sha256, extOf(asset)),
      audited_version: latest?.brand_version ?? asset.compliance?.brand_version ?? null,
      current_brand_version: brand?.version ?? null,
    };
  }

  function brandDetail(brand: Brand): BrandDetail {
    const compiled = compileTwin(brand.guidelines);
    return {
      brand,
      twin_tokens: compiled.tokens,
      twin_within_limit: validateSize(compiled.twin),
      versions: store.brands
        .listVersions(brand.brand_id)
        .map((v) => ({ version: v.version, note: v.note ?? null, created_at: v.created_at }))
        .reverse(),
    };
  }

  function summary(brand: Brand): BrandSummary {
    const assets = store.assets.list({ brand_id: brand.brand_id });
    const newest = assets.reduce((latest, a) => (a.updated_at > latest ? a.updated_at : latest), brand.updated_at);
    const palette = [...brand.guidelines.colors]
      .sort((a, b) => b.usage_weight - a.usage_weight)
      .map((c) => ({ hex: c.hex, name: c.name, usage: c.usage, usage_weight: c.usage_weight }));
    return {
      brand_id: brand.brand_id,
      name: brand.name,
      version: brand.version,
      palette,
      needs_review_count: brand.needs_review.length,
      asset_count: assets.length,
      created_at: brand.created_at,
      updated_at: brand.updated_at,
      last_activity_at: newest,
    };
  }

  async function reaudit(assetId: string, auditId: string | undefined): Promise<AssetView> {
    const progress = (stage: 'reading' | 'measuring' | 'assessing' | 'saving' | 'done', percent: number) => {
      if (auditId) events.emit('audit.progress', { audit_id: auditId, stage, percent });
    };
    progress('reading', 5);
    const asset = store.assets.require(assetId);
    const brand = store.brands.require(asset.brand_id);
    const bytes = await readFile(store.files.path(asset.sha256, extOf(asset)));
    progress('measuring', 20);
    const measured = await auditor.measure(bytes, brand.guidelines, {
      ocr: options.ocr ?? true,
      logotypes: [brand.name, ...brand.guidelines.logos.map((l) => l.variant_name)].filter((s) => s.trim()),
    });
    const limit = threshold();
    const pixel = buildPixelScore(measured, brand.guidelines, { brandVersion: brand.version, threshold: limit });
    const client = await gemini();
    let score: ComplianceScore;
    if (client) {
      progress('assessing', 60);
      const { cost: _cost, ...model } = await client.auditCompliance({ bytes, mime: asset.mime }, brand.guidelines, {
        pixelEvidence: pixelEvidenceForPrompt(measured),
        brandVersion: brand.version,
        measured: pixel.measured,
        brandId: brand.brand_id,
      });
      score = mergeAudit(pixel, model, limit);
    } else {
      const code = network.current().online ? 'GEMINI_NOT_CONFIGURED' : 'OFFLINE';
      score = {
        ...pixel,
        errors: [...pixel.errors, { code, message: 'Typography, logo usage and the rest of layout were not assessed without Gemini; colours and contrast were measured from pixels.', category: null }],
      };
    }
    progress('saving', 90);
    const updated = store.transaction(() => {
      store.audits.create({ asset_id: asset.asset_id, brand_version: brand.version, compliance: score });
      return store.assets.update(asset.asset_id, {
        compliance: score,
        compliance_score: score.overall_score,
        ...(asset.status !== 'rejected' ? { status: score.approved ? 'approved' : 'needs_review' } : {}),
      });
    });
    progress('done', 100);
    return assetView(updated);
  }

  const jobs = new JobService({
    store,
    settings,
    secrets,
    env,
    logger,
    events,
    auditor,
    assetView,
    probe: async () => (await network.check()).online,
    ocr: options.ocr ?? true,
  });
  // The app resumes unfinished jobs at start-up (when a key is set); not awaited, so a slow keychain never delays the window.
  void jobs.refresh().catch((error: unknown) => logger.warn('jobs.start_failed', { error: error instanceof Error ? error.message : String(error) }));

  const handlers: Handlers = {
    'brands.list': async () =>
      store.brands
        .list()
        .map(summary)
        .sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at)),
    'brands.get': async ({ brand_id }) => brandDetail(store.brands.require(brand_id)),
    'brands.ingest': async ({ path: filePath, name, ingest_id }) => {
      if (ingests.has(ingest_id)) throw new MobiusError('VALIDATION', 'This ingestion is already running.');
      const controller = new AbortController();
      ingests.set(ingest_id, controller);
      try {
        const client = await gemini();
        const result = await ingestPdf({
          store,
          filePath,
          ...(name ? { name } : {}),
          offline: client === null,
          gemini: client
            ? { extractGuidelines: (bytes, context) => client.extractGuidelines(bytes, { filename: context.filename, localEvidence: context.localEvidence }) }
            : null,
          onProgress: (p) => events.emit('ingest.progress', { ingest_id, ...p }),
          signal: controller.signal,
        });
        return { brand: result.brand, warnings: result.warnings, refined: result.refined };
      } finally {
        ingests.delete(ingest_id);
      }
    },
    'brands.cancelIngest': async ({ ingest_id }) => {
      const controller = ingests.get(ingest_id);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'brands.update': async ({ brand_id, guidelines, name, note, needs_review, base_version }) => {
      const current = store.brands.require(brand_id);
      if (base_version !== undefined && base_version !== current.version) {
        throw new MobiusError(
          'VALIDATION',
          `This brand changed since you opened it (now version ${current.version}). Reload it and make your edit again.`,
          { current_version: current.version },
        );
      }
      const compiled = compileTwin(guidelines);
      const review = [...new Set([...(needs_review ?? current.needs_review), ...compiled.notes])];
      const updated = store.brands.updateGuidelines(brand_id, {
        guidelines,
        compressed_twin: compiled.twin,
        needs_review: review,
        ...(name ? { name } : {}),
        note: note ?? 'Edited in Mobius',
      });
      return brandDetail(updated);
    },
    'brands.delete': async ({ brand_id }) => {
      store.brands.softDelete(brand_id);
      return { deleted: true as const };
    },
    'brands.export': async ({ brand_id, format }) => {
      const brand = store.brands.require(brand_id);
      return { filename: `${slug(brand.name)}${EXPORT_SUFFIX[format]}`, mime: EXPORT_MIME[format], content: exportBrand(brand, format) };
    },
    'brands.import': async ({ path: filePath }) => {
      let document: unknown;
      try {
        document = JSON.parse(await readFile(filePath, 'utf8'));
      } catch (cause) {
        throw new MobiusError('VALIDATION', 'This file is not readable JSON. Choose a brand exported from Mobius (.json).', undefined, { cause });
      }
      return importBrand(store, document, { fallbackName: path.basename(filePath).replace(/\.json$/i, ''), note: `Imported from ${path.basename(filePath)}` });
    },
    'assets.list': async ({ brand_id }) => {
      store.brands.require(brand_id);
      return store.assets
        .list({ brand_id })
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
        .map(assetView);
    },
    'assets.get': async ({ asset_id }) => assetView(store.assets.require(asset_id)),
    'assets.importAndAudit': async ({ brand_id, path: filePath, audit_id }) => {
      const progress = (stage: 'reading' | 'measuring' | 'saving' | 'done', percent: number) => {
        if (audit_id) events.emit('audit.progress', { audit_id, stage, percent });
      };
      progress('reading', 5);
      const client = await gemini();
      progress('measuring', 20);
      const result = await auditImageFile({
        store,
        brandId: brand_id,
        filePath,
        offline: !network.current().online,
        gemini: client,
        ocr: options.ocr ?? true,
        threshold: threshold(),
        auditor,
      });
      progress('done', 100);
      return assetView(result.asset);
    },
    'assets.audit': async ({ asset_id, audit_id }) => reaudit(asset_id, audit_id),
    'assets.dismissFinding': async ({ asset_id, violation_id, reason }) =>
      assetView(dismissAssetFinding({ store, assetId: asset_id, violationId: violation_id, reason, threshold: threshold() }).asset),
    'assets.restoreFinding': async ({ asset_id, violation_id }) =>
      assetView(restoreAssetFinding({ store, assetId: asset_id, violationId: violation_id, threshold: threshold() }).asset),
    'jobs.generate': async (request) => jobs.generate(request),
    'jobs.list': async ({ brand_id }) => jobs.list(brand_id),
    'jobs.get': async ({ job_id }) => jobs.detail(job_id),
    'jobs.cancel': async ({ job_id }) => jobs.cancel(job_id),
    'jobs.review': async (request) => jobs.review(request),
    'settings.get': async () => {
      const loaded = settings.load();
      return { settings: loaded.settings, warnings: loaded.warnings.map((w) => ({ key: w.key, message: w.message })) };
    },
    'settings.update': async (patch) => {
      settings.update(patch);
      await jobs.settingsChanged();
      const loaded = settings.load();
      return { settings: loaded.settings, warnings: loaded.warnings.map((w) => ({ key: w.key, message: w.message })) };
    },
    'settings.checkModels': async () => {
      const apiKey = await resolveGeminiApiKey(secrets, env);
      if (!apiKey) throw new MobiusError('GEMINI_NOT_CONFIGURED', 'Set a Gemini API key first, then check the models.');
      if (!(await network.check()).online) throw new MobiusError('OFFLINE', 'Mobius cannot reach Gemini right now. Check your connection and try again.');
      const client = createGeminiClient({ settings: settings.get(), apiKey, logger, images: fileStoreImageSink(store.files), env });
      return client.checkModels();
    },
    'secrets.has': async () => geminiKeyStatus(secrets, env),
    'secrets.set': async ({ value }) => {
      await secrets.set(GEMINI_ACCOUNT, validateSecretValue(GEMINI_ACCOUNT, value));
      await jobs.refresh();
      return geminiKeyStatus(secrets, env);
    },
    'secrets.clear': async () => {
      await secrets.delete(GEMINI_ACCOUNT);
      await jobs.refresh();
      return geminiKeyStatus(secrets, env);
    },
    'network.status': async () => network.check(),
    'dialog.openFile': async ({ kind }) => {
      if (!options.openFileDialog) throw new MobiusError('VALIDATION', 'Open-file dialogs are not available here; drop the file instead.');
      return { path: await options.openFileDialog(kind) };
    },
  };

  return {
    dataDir: store.dataDir,
    events,
    handlers,
    storedFilePath(name) {
      const match = STORED_NAME.exec(name);
      if (!match) return null;
      const [, sha256, ext] = match as unknown as [string, string, string];
      const record = store.fileRecords.get(sha256);
      if (!record || record.ext !== ext) return null;
      // Built from a validated digest under files/, never from user text: contained by construction.
      return store.files.path(sha256, ext);
    },
    async close() {
      network.stop();
      for (const controller of ingests.values()) controller.abort();
      await jobs.close();
      await Promise.allSettled([auditor.close(), stopEvidenceWorker()]);
      store.close();
      if (ownLogger) logger.close();
    },
  };
}
