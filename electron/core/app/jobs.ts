import { MobiusError } from '../../../shared/errors';
import type { AssetView, JobDetail, JobReviewRequest, ParsedRequest } from '../../../shared/ipc';
import type { Asset, Job } from '../../../shared/schema';
import type { Settings } from '../../../shared/schema/settings';
import type { PixelAuditor } from '../audit';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import { requireGeminiConfig } from '../settings';
import type { Store } from '../store';
import { createWorkflowClient, isTerminal, JobRunner, policyFromSettings, readState, applyReview, type ReviewAction, type WorkflowEvent } from '../workflow';
import { saveJob } from '../workflow/engine';
import type { EngineEvents } from './events';

export interface JobServiceOptions {
  store: Store;
  settings: { get(): Settings };
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  events: EngineEvents;
  auditor: PixelAuditor;
  assetView: (asset: Asset) => AssetView;
  /** Reachability while jobs are paused offline (the engine's network monitor). */
  probe: () => Promise<boolean>;
  ocr: boolean;
}

/** Settings baked into a Gemini client; a change to one of these needs a new runner. The rest is read per step. */
const CLIENT_SETTINGS = ['reasoning_model', 'vision_model', 'gemini_base_url', 'vision_concurrency', 'reasoning_concurrency', 'request_timeout_ms', 'generation_timeout_ms'] as const;

/**
 * Generation jobs for the app: a JobRunner that exists only while a Gemini key
 * is configured, rebuilt when the key or client settings change, forwarding
 * its events to the contract's `jobs.updated` / `network.status`. Jobs are
 * rows in SQLite, so replacing or stopping the runner loses nothing: the next
 * one resumes them from their last persisted step.
 */
export class JobService {
  private runner: JobRunner | null = null;
  private unsubscribe: (() => void) | null = null;
  private clientSettings = '';
  /** Serialises start/stop so a settings change during start-up cannot leave two runners. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly o: JobServiceOptions) {}

  /** Start-up (and after the key or settings change): a runner when a key is set, which resumes unfinished jobs. */
  refresh(): Promise<void> {
    const next = this.chain.then(() => this.rebuild());
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** After settings.update: only client-level changes restart in-flight steps. */
  settingsChanged(): Promise<void> {
    if (this.runner && this.fingerprint(this.o.settings.get()) === this.clientSettings) return Promise.resolve();
    return this.refresh();
  }

  private fingerprint(settings: Settings): string {
    return JSON.stringify(CLIENT_SETTINGS.map((k) => settings[k]));
  }

  private async rebuild(): Promise<void> {
    await this.stopRunner();
    if (this.closed) return;
    let config;
    try {
      config = await requireGeminiConfig({ settings: this.o.settings, secrets: this.o.secrets, env: this.o.env });
    } catch (error) {
      if ((error as { code?: string }).code !== 'GEMINI_NOT_CONFIGURED') this.o.logger.warn('jobs.runner_unavailable', { code: (error as { code?: string }).code ?? 'INTERNAL' });
      return;
    }
    const { gemini, gate } = createWorkflowClient({ settings: config.settings, apiKey: config.apiKey, logger: this.o.logger, env: this.o.env });
    const runner = new JobRunner({
      store: this.o.store,
      gemini,
      gate,
      settings: () => this.o.settings.get(),
      auditor: this.o.auditor,
      logger: this.o.logger,
      probe: this.o.probe,
      ocr: this.o.ocr,
    });
    this.unsubscribe = runner.subscribe((event) => this.forward(event));
    this.runner = runner;
    this.clientSettings = this.fingerprint(config.settings);
    const resumed = await runner.resumeUnfinished();
    if (resumed.length > 0) this.o.logger.info('jobs.resumed', { count: resumed.length });
  }

  private forward(event: WorkflowEvent): void {
    if (event.type === 'job.updated') this.o.events.emit('jobs.updated', { job: event.job });
    else this.o.events.emit('network.status', { online: event.online, checked_at: new Date().toISOString() });
  }

  private async stopRunner(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (runner) await runner.stop();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    await this.stopRunner();
  }

  private async requireRunner(): Promise<JobRunner> {
    await this.chain;
    if (!this.runner) {
      // Throws GEMINI_NOT_CONFIGURED with the actionable message when there is no key.
      await requireGeminiConfig({ settings: this.o.settings, secrets: this.o.secrets, env: this.o.env });
      await this.refresh();
    }
    if (!this.runner) throw new MobiusError('GEMINI_NOT_CONFIGURED', 'Gemini is not set up yet. Add your API key in Settings.');
    return this.runner;
  }

  async generate(request: ParsedRequest<'jobs.generate'>): Promise<Job> {
    const runner = await this.requireRunner();
    return runner.submit({
      brand_id: request.brand_id,
      prompt: request.prompt,
      ...(request.aspect_ratio ? { aspect_ratio: request.aspect_ratio } : {}),
      ...(request.image_size ? { image_size: request.image_size } : {}),
      idempotency_key: request.idempotency_key ?? null,
    });
  }

  list(brandId: string | undefined): Job[] {
    if (brandId !== undefined) this.o.store.brands.require(brandId);
    return this.o.store.jobs.list(brandId !== undefined ? { brand_id: brandId } : {});
  }

  detail(jobId: string): JobDetail {
    const job = this.o.store.jobs.require(jobId);
    const state = readState(job);
    const attempts = state.attempts.flatMap((a) => {
      const asset = this.o.store.assets.get(a.asset_id);
      return asset ? [{ attempt: a.attempt, round: a.round, kind: a.kind, instruction: a.instruction, view: this.o.assetView(asset) }] : [];
    });
    const selectedId = state.selected_asset_id ?? (isTerminal(job.status) ? state.current_asset_id : null);
    const selected = selectedId ? this.o.store.assets.get(selectedId) : null;
    return {
      job,
      prompt: state.prompt,
      aspect_ratio: state.params.aspect_ratio,
      image_size: state.params.image_size,
      latest_score: state.latest_score,
      attempts,
      selected: selected ? this.o.assetView(selected) : null,
    };
  }

  async cancel(jobId: string): Promise<Job> {
    await this.chain;
    if (this.runner) return this.runner.cancel(jobId);
    // No runner (no key): nothing is in flight, so cancelling is only a persisted transition.
    const job = this.o.store.jobs.require(jobId);
    if (job.status === 'cancelled') return job;
    if (isTerminal(job.status)) throw new MobiusError('VALIDATION', `This job has already finished (${job.status.replace('_', ' ')}); it cannot be cancelled.`, { job_id: jobId });
    const policy = policyFromSettings(this.o.settings.get());
    const cancelled = saveJob(this.o.store, job, 'cancelled', readState(job), {}, policy.maxAttempts);
    this.o.events.emit('jobs.updated', { job: cancelled });
    return cancelled;
  }

  async review(request: JobReviewRequest): Promise<JobDetail> {
    const { job_id, ...rest } = request;
    const action = rest as ReviewAction;
    await this.chain;
    if (this.runner) {
      this.runner.review(job_id, action);
    } else {
      // Decisions that need no new image work without a key; tweak/regenerate wait for one.
      if (action.action === 'tweak' || action.action === 'regenerate') await this.requireRunner().then((r) => r.review(job_id, action));
      else this.o.events.emit('jobs.updated', { job: applyReview(this.o.store, job_id, action, policyFromSettings(this.o.settings.get())) });
    }
    return this.detail(job_id);
  }
}
