import path from 'node:path';
import type { IpcServices } from '../../shared/ipc';
import { AuditPipeline } from './audit/pipeline';
import { logoFilesForAudit } from './brands/brand-logos';
import { PixelAuditor } from './audit/pixel-audit';
import { probeEndpoint, type EndpointPolicy } from './gemini/endpoint';
import { fileStoreImageSink } from './gemini/image-sink';
import { GeminiService } from './gemini/service';
import { stopEvidenceWorker } from './ingest';
import type { ExportContext } from './export/asset-export';
import type { PdfRenderer } from './export/export-assets';
import { ImageWorker } from './library/image-worker';
import { ReauditRunner } from './library/reaudit';
import { Thumbnails } from './library/thumbnails';
import { createLogger, type Logger } from './log';
import { createSecretStore, type SecretStore } from './secrets';
import { AssetService } from './services/assets';
import { BrandService } from './services/brands';
import { EngineEvents } from './services/events';
import { ExportService } from './services/exports';
import { JobService } from './services/jobs';
import { LibraryService } from './services/library';
import { NetworkMonitor, type Probe } from './services/network';
import { KeyService } from './services/secrets';
import { ConfigurationService } from './services/settings';
import { TemplateService } from './services/templates';
import { createViews, type FileUrl } from './services/views';
import { SettingsService } from './settings';
import { fileUri, openStore, type Store } from './store';

export interface CoreOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Default: the OS keychain when it answers (createSecretStore), chosen on first use. */
  secrets?: SecretStore;
  /** Default: JSON lines in `<data>/logs/<logName>.log`, closed with the core. */
  logger?: Logger;
  logName?: string;
  /** The clock rows are stamped with (ISO strings). */
  now?: () => string;
  /** How the renderer addresses a stored file (default mobius-asset://). */
  fileUrl?: FileUrl;
  /** Reachability check; default: the one probe against the resolved Gemini endpoint. */
  probe?: Probe;
  /** Watch reachability in the background (the app); without it the CLI checks on demand and assumes online. */
  watchNetwork?: { intervalMs: number } | null;
  /** OCR for text contrast in audits (default true). */
  ocr?: boolean;
  /** Whether MOBIUS_GEMINI_BASE_URL may set the endpoint (gemini/endpoint.ts). */
  endpointPolicy?: EndpointPolicy;
  /** Start the job runner at once and resume unfinished jobs (the app); the CLI starts it per command. */
  resumeJobs?: boolean;
  /** Prints a report to PDF (Electron's printToPDF in the app); without one, exports carry HTML reports only. */
  renderPdf?: PdfRenderer;
  /** Where exports go when the user names no folder (default `<data>/exports`). */
  exportsDir?: string;
  /** The app's version, named in exports ("Mobius Desktop 0.1.0"). */
  appVersion?: string;
}

/** The services the IPC contract's namespaces map onto (all but `dialog`, which the shell provides). */
export type CoreServices = Omit<IpcServices, 'dialog'> & {
  brands: BrandService;
  assets: AssetService;
  jobs: JobService;
  settings: ConfigurationService;
  secrets: KeyService;
  network: NetworkMonitor;
  library: LibraryService;
  exports: ExportService;
  templates: TemplateService;
};

export interface Core {
  readonly dataDir: string;
  readonly store: Store;
  readonly logger: Logger;
  readonly events: EngineEvents;
  /** Stored settings over defaults, with the resolved Gemini endpoint. */
  readonly settings: SettingsService;
  readonly gemini: GeminiService;
  /** The one audit pipeline. */
  readonly audit: AuditPipeline;
  readonly network: NetworkMonitor;
  readonly services: CoreServices;
  /** The secret store, chosen on first use (probing the keychain can take a moment). */
  secrets(): Promise<SecretStore>;
  close(): Promise<void>;
}

/**
 * The composition root (docs/ARCHITECTURE.md, "The core"): every domain
 * service is built here, once, from a store, a secret store, a clock and an
 * environment. The IPC engine (Electron main and the development bridge) and
 * the CLI both start from it and wire nothing themselves.
 */
export function createCore(options: CoreOptions): Core {
  const env = options.env ?? process.env;
  const store = openStore({ dataDir: options.dataDir, ...(options.now ? { now: options.now } : {}) });
  const ownLogger = options.logger === undefined;
  const logger = options.logger ?? createLogger({ dir: path.join(store.dataDir, 'logs'), name: options.logName ?? 'app' });
  const settings = new SettingsService(store.settings, { env, logger, ...(options.endpointPolicy ? { endpointPolicy: options.endpointPolicy } : {}) });
  let secretStore: Promise<SecretStore> | undefined = options.secrets ? Promise.resolve(options.secrets) : undefined;
  const secrets = () =>
    (secretStore ??= createSecretStore({ env, dataDir: store.dataDir }).then((choice) => {
      logger.info('secret_store_selected', { kind: choice.store.kind, reason: choice.reason });
      return choice.store;
    }));
  const events = new EngineEvents();
  const network = new NetworkMonitor(
    options.probe ?? (() => probeEndpoint(settings.endpoint().url)),
    (status) => events.emit('network.status', status),
    env['MOBIUS_OFFLINE'] === '1',
  );
  if (options.watchNetwork) network.start(options.watchNetwork.intervalMs);
  const gemini = new GeminiService({ settings, secrets, env, logger, images: fileStoreImageSink(store.files), network, watchingNetwork: Boolean(options.watchNetwork) });
  const auditor = new PixelAuditor();
  const audit = new AuditPipeline({ auditor, settings, ocr: options.ocr ?? true, logoFiles: logoFilesForAudit(store) });
  const fileUrl = options.fileUrl ?? fileUri;
  const views = createViews(store, fileUrl);
  const jobs = new JobService({ store, settings, gemini, audit, logger, events, views, probe: async () => (await network.check()).online });
  const brands = new BrandService({ store, gemini, events, views });
  const images = new ImageWorker();
  const reaudits = new ReauditRunner({ store, pipeline: audit, gemini: () => gemini.access(), emit: (p) => events.emit('library.reaudit', p), logger });
  const exportContext: ExportContext = {
    store,
    images,
    threshold: () => audit.threshold(),
    generator: `Mobius Desktop${options.appVersion ? ` ${options.appVersion}` : ''}`,
    now: options.now ?? (() => new Date().toISOString()),
  };
  const exportsService = new ExportService({
    context: exportContext,
    events,
    exportsDir: options.exportsDir ?? path.join(store.dataDir, 'exports'),
    pdf: options.renderPdf ?? null,
  });
  const services: CoreServices = {
    brands,
    assets: new AssetService({ store, audit, gemini, events, views }),
    jobs,
    settings: new ConfigurationService({ settings, gemini, onChange: () => jobs.settingsChanged() }),
    secrets: new KeyService({ secrets, env, onChange: () => jobs.keyChanged() }),
    network,
    library: new LibraryService({ store, thumbnails: new Thumbnails(store, images), reaudits, fileUrl }),
    exports: exportsService,
    templates: new TemplateService({ store, jobs, fileUrl }),
  };
  if (options.resumeJobs) {
    // Not awaited, so a slow keychain never delays the window.
    void jobs.start().catch((error: unknown) => logger.warn('jobs.start_failed', { error: error instanceof Error ? error.message : String(error) }));
  }
  return {
    dataDir: store.dataDir,
    store,
    logger,
    events,
    settings,
    gemini,
    audit,
    network,
    services,
    secrets,
    async close() {
      network.stop();
      brands.close();
      exportsService.close();
      await reaudits.close();
      await jobs.close();
      await Promise.allSettled([auditor.close(), stopEvidenceWorker(), images.close()]);
      store.close();
      if (ownLogger) logger.close();
    },
  };
}
