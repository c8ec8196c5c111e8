import { z } from 'zod';
import {
  Asset,
  AssetHistory,
  Brand,
  BrandGuidelines,
  DismissReason,
  JobView,
  LibraryFilter,
  LibraryPage,
  LibraryQuery,
  MonthlyCost,
  ReauditProgress,
  Settings,
  Template,
} from '../schema';
import { ASPECT_RATIOS, ATTEMPT_KINDS, IMAGE_SIZES } from '../vocab/jobs';
import { LOGO_VARIANTS } from '../vocab/logos';
import type { EventName, OperationName } from './names';

/**
 * The typed IPC contract (docs/ARCHITECTURE.md, "IPC contract"): operation → {request, response}, and
 * events main pushes to the renderer. Requests are parsed with zod by main and
 * by the dev bridge; responses travel in the Result envelope (result.ts).
 * test/unit/ipc/contract.test.ts snapshots the JSON Schema of all of this, so a
 * breaking change is always a deliberate snapshot update.
 */
export const CONTRACT_VERSION = 4;

const Id = z.string().min(1).max(200);
/** A file the user chose: a path from drag-and-drop (webUtils.getPathForFile), a dialog, or a bridge upload. */
const FilePath = z.string().min(1).max(4096);
const Empty = z.object({}).strict();

export const BrandSummary = z.object({
  brand_id: z.string(),
  name: z.string(),
  version: z.number().int().min(1),
  palette: z.array(z.object({ hex: z.string(), name: z.string(), usage: z.string(), usage_weight: z.number() })),
  needs_review_count: z.number().int().min(0),
  asset_count: z.number().int().min(0),
  created_at: z.string(),
  updated_at: z.string(),
  /** Latest of the brand's update and its newest asset. */
  last_activity_at: z.string(),
});
export type BrandSummary = z.infer<typeof BrandSummary>;

export const LogoVariantName = z.enum(LOGO_VARIANTS);

/** One logo file of a brand as the app shows it (shared/logos.ts: the first of each variant is in use). */
export const LogoView = z.object({
  /** The start of the file's SHA-256: how requests and the CLI name it. */
  id: z.string(),
  variant: LogoVariantName,
  /** The variant as the guidelines word it ("Logo on dark backgrounds"). */
  variant_name: z.string(),
  /** For <img src>: mobius-asset:// in Electron, a token-checked http URL in the bridge. */
  image_url: z.string(),
  in_use: z.boolean(),
  /** False while it is a pick from the PDF no one has confirmed. */
  verified: z.boolean(),
  confidence: z.number(),
  /** Where it came from: the PDF page (null for a file a designer added) and how it was drawn there. */
  page: z.number().int().nullable(),
  source: z.string(),
});
export type LogoView = z.infer<typeof LogoView>;

export const BrandDetail = z.object({
  brand: Brand,
  /** The brand's logo files, in order. */
  logos: z.array(LogoView),
  /** Compressed twin size as the model would see it. */
  twin_tokens: z.number().int().min(0),
  twin_within_limit: z.boolean(),
  versions: z.array(z.object({ version: z.number().int(), note: z.string().nullable(), created_at: z.string() })),
});
export type BrandDetail = z.infer<typeof BrandDetail>;

/** An asset with a URL the renderer can put in <img src> (mobius-asset:// in Electron, http://127.0.0.1 in the bridge). */
export const AssetView = z.object({
  asset: Asset,
  image_url: z.string(),
  /** Brand version the latest audit was measured against, and the brand's current one (re-audit when they differ). */
  audited_version: z.number().int().nullable(),
  current_brand_version: z.number().int().nullable(),
});
export type AssetView = z.infer<typeof AssetView>;

export const ExportFormat = z.enum(['mobius', 'tokens', 'css', 'ase']);

/** A brand export: text, or base64 for binary formats (Adobe Swatch Exchange). */
export const BrandExportFile = z.object({ filename: z.string(), mime: z.string(), content: z.string(), encoding: z.enum(['utf8', 'base64']) });
export type BrandExportFile = z.infer<typeof BrandExportFile>;

/** Which assets a batch operation works on: a selection, or everything a library filter matches. */
const AssetSelection = {
  asset_ids: z.array(Id).min(1).max(10_000).optional(),
  filter: LibraryFilter.optional(),
};
const oneSelection = (value: { asset_ids?: unknown; filter?: unknown }) => (value.asset_ids === undefined) !== (value.filter === undefined);
const ONE_SELECTION = { message: 'Give either asset_ids or filter.' };

export const ExportAssetsRequest = z
  .object({
    export_id: Id,
    ...AssetSelection,
    /** A folder the user chose (dialog.openFile kind "folder"); the export is created inside it. Default: the exports folder. */
    path: FilePath.optional(),
    /** Name of the export folder (default: brand and date). */
    name: z.string().trim().min(1).max(120).optional(),
    zip: z.boolean().default(false),
    /** Also a PDF of each report (the desktop app only). */
    pdf: z.boolean().default(false),
    /** Brand, version, score, decision and report hash inside exported PNG/JPEG files (default true). */
    embed_provenance: z.boolean().default(true),
  })
  .refine(oneSelection, ONE_SELECTION);

export const ExportResult = z.object({
  export_id: z.string(),
  /** The export folder, or the .zip file. */
  path: z.string(),
  zip: z.boolean(),
  count: z.number().int().min(0),
  files: z.array(z.object({ asset_id: z.string(), image: z.string(), compliance: z.string(), report: z.string(), pdf: z.string().nullable() })),
  skipped: z.array(z.object({ asset_id: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** A template with its source image, for the template list. */
export const TemplateView = Template.extend({ image_url: z.string().nullable() });
export type TemplateView = z.infer<typeof TemplateView>;

export const NetworkStatus = z.object({ online: z.boolean(), checked_at: z.string() });
export type NetworkStatus = z.infer<typeof NetworkStatus>;

export const KeychainBackend = z.enum(['keytar', 'keyring']);

/** The system keychain as the engine uses it: which library holds the key, and whether it answers. */
export const KeychainStatus = z.object({
  state: z.enum(['ready', 'unavailable']),
  backend: KeychainBackend.nullable(),
  /** Where the key lives, in words (e.g. "macOS Keychain, through keytar"). */
  label: z.string().nullable(),
  /** The library changed on this computer: a key saved through the previous one must be entered again. */
  switched_from: KeychainBackend.optional(),
  problem: z.string().optional(),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

export const KeyStatus = z.object({
  has_key: z.boolean(),
  source: z.enum(['env', 'keychain', 'memory']).nullable(),
  /** Null when keys come from memory or the environment only. */
  keychain: KeychainStatus.nullable(),
  problem: z.string().optional(),
  /** Something to act on that is not an error (e.g. enter the key again after a keychain change). */
  notice: z.string().optional(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

export const ModelCheckResult = z.object({
  role: z.enum(['reasoning', 'vision']),
  model: z.string(),
  available: z.boolean(),
  error: z.object({ code: z.string(), message: z.string(), successor: z.string().nullable() }).nullable(),
});
export type ModelCheckResult = z.infer<typeof ModelCheckResult>;

/** One image a job produced, in order: the asset (with its compliance and parent) and how it was made. */
export const JobAttemptView = z.object({
  attempt: z.number().int().min(1),
  round: z.number().int().min(1),
  kind: z.enum(ATTEMPT_KINDS),
  instruction: z.string().nullable(),
  view: AssetView,
});
export type JobAttemptView = z.infer<typeof JobAttemptView>;

export const JobDetail = z.object({
  job: JobView,
  prompt: z.string(),
  aspect_ratio: z.string(),
  image_size: z.string(),
  latest_score: z.number().nullable(),
  attempts: z.array(JobAttemptView),
  /** The image the job hands over (approved, or the best one when it needs review). */
  selected: AssetView.nullable(),
  /** The job is approved because a reviewer approved the selected image although its audit had not. */
  approved_by_override: z.boolean(),
});
export type JobDetail = z.infer<typeof JobDetail>;

/** A reviewer's decision on a job (flat: `{job_id, action, …}`). */
export const JobReviewRequest = z.discriminatedUnion('action', [
  z.object({ job_id: Id, action: z.literal('approve') }),
  z.object({ job_id: Id, action: z.literal('tweak'), instruction: z.string().trim().min(1).max(2000) }),
  z.object({ job_id: Id, action: z.literal('regenerate') }),
  z.object({ job_id: Id, action: z.literal('reject') }),
  /** asset_id: which attempt's finding (default: the selected image). */
  z.object({ job_id: Id, action: z.literal('dismiss'), violation_id: Id, reason: DismissReason, asset_id: Id.optional() }),
  z.object({ job_id: Id, action: z.literal('restore'), violation_id: Id, asset_id: Id.optional() }),
]);
export type JobReviewRequest = z.infer<typeof JobReviewRequest>;

export const SettingsView = z.object({
  settings: Settings,
  warnings: z.array(z.object({ key: z.string(), message: z.string() })),
});
export type SettingsView = z.infer<typeof SettingsView>;

const op = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, doc: string) => ({ request, response, doc });

export const OPERATIONS = {
  'brands.list': op(Empty, z.array(BrandSummary), 'Brands, most recently active first.'),
  'brands.get': op(z.object({ brand_id: Id }), BrandDetail, 'One brand with its twin size and version history.'),
  'brands.ingest': op(
    z.object({ path: FilePath, name: z.string().trim().min(1).max(200).optional(), ingest_id: Id }),
    z.object({ brand: Brand, warnings: z.array(z.string()), refined: z.boolean() }),
    'Build a brand twin from a guidelines PDF; progress arrives as ingest.progress events with the same ingest_id.',
  ),
  'brands.cancelIngest': op(z.object({ ingest_id: Id }), z.object({ cancelled: z.boolean() }), 'Stop a running ingestion.'),
  'brands.update': op(
    z.object({
      brand_id: Id,
      guidelines: BrandGuidelines,
      name: z.string().trim().min(1).max(200).optional(),
      note: z.string().max(500).optional(),
      /** Review notes still open after this edit; omitted = keep the current ones. */
      needs_review: z.array(z.string()).optional(),
      /** The version the edit was made on; a stale edit is refused instead of silently overwriting. */
      base_version: z.number().int().min(1).optional(),
    }),
    BrandDetail,
    'Save edited guidelines as a new brand version (twin recompiled).',
  ),
  'brands.delete': op(z.object({ brand_id: Id }), z.object({ deleted: z.literal(true) }), 'Move a brand to the trash (history kept).'),
  'brands.export': op(
    z.object({ brand_id: Id, format: ExportFormat }),
    BrandExportFile,
    'The brand as Mobius JSON, W3C design tokens, CSS variables or Adobe Swatch Exchange (base64).',
  ),
  'brands.import': op(z.object({ path: FilePath }), Brand, 'Import a Mobius brand JSON file.'),
  'brands.addLogo': op(
    z.object({
      brand_id: Id,
      path: FilePath,
      variant: LogoVariantName.default('primary'),
      /** A logo this file replaces (its id). */
      replace: Id.optional(),
      base_version: z.number().int().min(1).optional(),
    }),
    BrandDetail,
    'Add an SVG, PNG, JPEG, WebP or PDF logo as the variant in use (a new brand version); SVG is sanitised and rasterised.',
  ),
  'brands.chooseLogo': op(
    z.object({ brand_id: Id, logo_id: Id, variant: LogoVariantName, base_version: z.number().int().min(1).optional() }),
    BrandDetail,
    'Make a logo the one in use for a variant, confirmed by the designer (a new brand version).',
  ),
  'brands.removeLogo': op(
    z.object({ brand_id: Id, logo_id: Id, base_version: z.number().int().min(1).optional() }),
    BrandDetail,
    'Remove a logo file from the brand (a new brand version; the logo rules stay).',
  ),
  'assets.list': op(z.object({ brand_id: Id }), z.array(AssetView), 'Assets of a brand, newest first.'),
  'assets.get': op(z.object({ asset_id: Id }), AssetView, 'One asset with its latest audit.'),
  'assets.importAndAudit': op(
    z.object({ brand_id: Id, path: FilePath, audit_id: Id.optional() }),
    AssetView,
    'Import a PNG/JPEG/WebP as an asset of the brand and audit it (audit.progress events carry audit_id).',
  ),
  'assets.audit': op(
    z.object({ asset_id: Id, audit_id: Id.optional() }),
    AssetView,
    "Re-audit an asset against its brand's current version.",
  ),
  'assets.dismissFinding': op(
    z.object({ asset_id: Id, violation_id: Id, reason: DismissReason }),
    AssetView,
    'Dismiss a finding with a reason; the asset is re-scored.',
  ),
  'assets.restoreFinding': op(z.object({ asset_id: Id, violation_id: Id }), AssetView, 'Restore a dismissed finding; re-scored.'),
  'library.query': op(
    LibraryQuery,
    LibraryPage,
    'Assets across brands or of one brand: filters (status, stale, source, score, version, date), search by prompt and file name, sort, paging, counts per status.',
  ),
  'library.history': op(z.object({ asset_id: Id }), AssetHistory, "An asset's lineage, every audit it had with what changed, and who or what decided."),
  'library.thumbnails': op(
    z.object({ asset_ids: z.array(Id).min(1).max(200) }),
    z.object({ thumbnails: z.array(z.object({ asset_id: z.string(), url: z.string().nullable() })) }),
    'Thumbnail URLs, made where missing (in a worker, cached as files).',
  ),
  'library.reaudit': op(
    z.object({ reaudit_id: Id, ...AssetSelection }).refine(oneSelection, ONE_SELECTION),
    z.object({ reaudit_id: z.string(), total: z.number().int().min(0) }),
    "Re-audit a selection (or a filter's matches) against each brand's current version in the background; library.reaudit events carry progress and what changed.",
  ),
  'library.cancelReaudit': op(z.object({ reaudit_id: Id }), z.object({ cancelled: z.boolean() }), 'Stop a background re-audit (finished images keep their new audit).'),
  'library.costs': op(
    z.object({ brand_id: Id.optional() }),
    z.object({ months: z.array(MonthlyCost), total_usd: z.number().min(0) }),
    'Spend per brand and month.',
  ),
  'exports.assets': op(
    ExportAssetsRequest,
    ExportResult,
    'Export audited assets (image, compliance JSON, HTML report, PDF in the app, manifest) into a new folder or zip; exports.progress events; nothing half-written.',
  ),
  'exports.cancel': op(z.object({ export_id: Id }), z.object({ cancelled: z.boolean() }), 'Cancel a running export (nothing is left behind).'),
  'templates.save': op(
    z.object({ asset_id: Id, name: z.string().trim().min(1).max(120).optional(), prompt: z.string().trim().min(1).max(4000).optional() }),
    TemplateView,
    'Save an approved asset as a template (prompt, aspect, size, the image as a style reference).',
  ),
  'templates.list': op(z.object({ brand_id: Id.optional() }), z.array(TemplateView), 'Templates, newest first.'),
  'templates.generate': op(
    z.object({
      template_id: Id,
      prompt: z.string().trim().min(1).max(4000),
      aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
      image_size: z.enum(IMAGE_SIZES).optional(),
      idempotency_key: z.string().min(1).max(64).optional(),
    }),
    JobView,
    "Generate with a template's settings and style references and a new prompt.",
  ),
  'templates.delete': op(z.object({ template_id: Id }), z.object({ deleted: z.literal(true) }), 'Remove a template (images made from it are kept).'),
  'jobs.generate': op(
    z.object({
      brand_id: Id,
      prompt: z.string().trim().min(1).max(4000),
      aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
      image_size: z.enum(IMAGE_SIZES).optional(),
      idempotency_key: z.string().min(1).max(64).optional(),
    }),
    JobView,
    'Generate an on-brand image; the job corrects itself and reports through jobs.updated events (same idempotency key → same job).',
  ),
  'jobs.list': op(z.object({ brand_id: Id.optional() }), z.array(JobView), 'Generation jobs, newest first.'),
  'jobs.get': op(z.object({ job_id: Id }), JobDetail, 'One job with every attempt (asset, compliance) and the selected image.'),
  'jobs.cancel': op(z.object({ job_id: Id }), JobView, 'Cancel a job; aborts its in-flight model request.'),
  'jobs.review': op(
    JobReviewRequest,
    JobDetail,
    'Approve, tweak (one more edit), regenerate, reject, or dismiss/restore one finding (re-scores).',
  ),
  'settings.get': op(Empty, SettingsView, 'Settings with warnings about invalid saved values.'),
  'settings.update': op(
    Settings.pick({
      reasoning_model: true,
      vision_model: true,
      compliance_threshold: true,
      max_generation_attempts: true,
      gemini_base_url: true,
    })
      .partial()
      .strict(),
    SettingsView,
    'Change settings; validated as a whole, nothing saved on error.',
  ),
  'settings.checkModels': op(Empty, z.array(ModelCheckResult), 'Ask Gemini whether the configured models exist.'),
  'secrets.has': op(Empty, KeyStatus, 'Whether a Gemini API key is set (never the key).'),
  'secrets.set': op(z.object({ value: z.string().min(1).max(4096) }), KeyStatus, 'Store the Gemini API key in the OS keychain.'),
  'secrets.clear': op(Empty, KeyStatus, 'Remove the stored Gemini API key.'),
  'network.status': op(Empty, NetworkStatus, 'Whether Gemini is reachable right now.'),
  'dialog.openFile': op(
    z.object({ kind: z.enum(['pdf', 'image', 'brand', 'logo', 'folder']) }),
    z.object({ path: z.string().nullable() }),
    'Native open-file dialog (or a folder chooser for exports); null when cancelled.',
  ),
} as const;

export const IngestProgressEvent = z.object({
  ingest_id: z.string(),
  stage: z.enum(['validating', 'reading', 'extracting', 'refining', 'saving', 'done']),
  percent: z.number().min(0).max(100),
  page: z.number().int().optional(),
  page_count: z.number().int().optional(),
});
export type IngestProgressEvent = z.infer<typeof IngestProgressEvent>;

export const AuditProgressEvent = z.object({
  audit_id: z.string(),
  stage: z.enum(['reading', 'measuring', 'assessing', 'saving', 'done']),
  percent: z.number().min(0).max(100),
});
export type AuditProgressEvent = z.infer<typeof AuditProgressEvent>;

export const ExportProgressEvent = z.object({
  export_id: z.string(),
  stage: z.enum(['writing', 'finishing', 'done', 'cancelled', 'failed']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  asset_id: z.string().nullable(),
});
export type ExportProgressEvent = z.infer<typeof ExportProgressEvent>;

export const EVENTS = {
  'ingest.progress': IngestProgressEvent,
  'audit.progress': AuditProgressEvent,
  'library.reaudit': ReauditProgress,
  'exports.progress': ExportProgressEvent,
  'network.status': NetworkStatus,
  'jobs.updated': z.object({ job: JobView }),
} as const;

type Operations = typeof OPERATIONS;
export type Request<K extends OperationName> = z.input<Operations[K]['request']>;
export type ParsedRequest<K extends OperationName> = z.output<Operations[K]['request']>;
export type Response<K extends OperationName> = z.output<Operations[K]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

// The names list (bundled by the preload) and the contract must agree exactly.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _opsMatch: Same<keyof Operations, OperationName> = true;
const _eventsMatch: Same<keyof typeof EVENTS, EventName> = true;
void _opsMatch;
void _eventsMatch;
