import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { JobDetail, ParsedRequest } from '../../../shared/ipc';
import type { Job, JobView } from '../../../shared/schema';
import type { Settings } from '../../../shared/schema/settings';
import type { AuditPipeline } from '../audit/pipeline';
import { notConfigured } from '../gemini/access';
import type { GeminiService } from '../gemini/service';
import type { Logger } from '../log';
import type { SettingsService } from '../settings';
import type { Store } from '../store';
import { applyReview, createWorkflowClient, isTerminal, jobView, JobRunner, policyFromSettings, readState, saveJob, type WorkflowEvent } from '../workflow';
import type { EngineEvents } from './events';
import type { Views } from './views';

export interface JobServiceOptions {
  store: Store;
  settings: Pick<SettingsService, 'get'>;
  gemini: Pick<GeminiService, 'config'>;
  audit: AuditPipeline;
  logger: Logger;
  events: EngineEvents;
  views: Views;
  /** Reachability while jobs are paused offline (the core's network monitor). */
  probe: () => Promise<boolean>;
}

/** Settings baked into a Gemini client; a change to one of these needs a new runner. The rest is read per step. */
const CLIENT_SETTINGS = ['reasoning_model', 'vision_model', 'gemini_base_url', 'vision_concurrency', 'reasoning_concurrency', 'request_timeout_ms', 'generation_timeout_ms'] as const;

/**
 * The `jobs.*` operations: generation jobs run by a JobRunner that exists only
 * while a Gemini key is configured, rebuilt when the key or client settings
 * change, its events forwarded as `jobs.updated` / `network.status`. Jobs are
 * rows in SQLite, so replacing or stopping the runner loses nothing: the next
 * one resumes them from their last persisted step.
 */
export class JobService {
  private current: JobRunner | null = null;
  private unsubscribe: (() => void) | null = null;
  private clientSettings = '';
  /** Serialises start/stop so a settings change during start-up cannot leave two runners. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Started by the app: the runner follows the key and settings, and resumes unfinished jobs. */
  private started = false;

  constructor(private readonly o: JobServiceOptions) {}

  /** App start-up: a runner when a key is set, which resumes unfinished jobs. */
  start(): Promise<void> {
    this.started = true;
    return this.refresh();
  }

  /** The key changed: a running (or started) service rebuilds its runner with the new key. */
  keyChanged(): Promise<void> {
    return this.started || this.current ? this.refresh() : Promise.resolve();
  }

  /** Settings changed: only client-level changes restart in-flight steps. */
  settingsChanged(): Promise<void> {
    if (!this.started && !this.current) return Promise.resolve();
    if (this.current && this.fingerprint(this.o.settings.get()) === this.clientSettings) return Promise.resolve();
    return this.refresh();
  }

  /** The runner, created on demand (GEMINI_NOT_CONFIGURED without a key); a runner the app started also resumes unfinished jobs. */
  async runner(): Promise<JobRunner> {
    await this.chain;
    if (!this.current) {
      // Throws GEMINI_NOT_CONFIGURED when there is no key.
      await this.o.gemini.config();
      await this.refresh();
    }
    if (!this.current) throw notConfigured();
    return this.current;
  }

  async generate(request: ParsedRequest<'jobs.generate'>): Promise<JobView> {
    const runner = await this.runner();
    return jobView(
      runner.submit({
        brand_id: request.brand_id,
        prompt: request.prompt,
        ...(request.aspect_ratio ? { aspect_ratio: request.aspect_ratio } : {}),
        ...(request.image_size ? { image_size: request.image_size } : {}),
        idempotency_key: request.idempotency_key ?? null,
      }),
    );
  }

  async list({ brand_id }: ParsedRequest<'jobs.list'>): Promise<JobView[]> {
    if (brand_id !== undefined) this.o.store.brands.require(brand_id);
    return this.o.store.jobs.list(brand_id !== undefined ? { brand_id } : {}).map(jobView);
  }

  async get({ job_id }: ParsedRequest<'jobs.get'>): Promise<JobDetail> {
    const job = this.o.store.jobs.require(job_id);
    const state = readState(job);
    const attempts = state.attempts.flatMap((a) => {
      const asset = this.o.store.assets.get(a.asset_id);
      return asset ? [{ attempt: a.attempt, round: a.round, kind: a.kind, instruction: a.instruction, view: this.o.views.asset(asset) }] : [];
    });
    const selectedId = state.selected_asset_id ?? (isTerminal(job.status) ? state.current_asset_id : null);
    const selected = selectedId ? this.o.store.assets.get(selectedId) : null;
    return {
      job: jobView(job),
      prompt: state.prompt,
      aspect_ratio: state.params.aspect_ratio,
      image_size: state.params.image_size,
      latest_score: state.latest_score,
      attempts,
      selected: selected ? this.o.views.asset(selected) : null,
      approved_by_override: job.status === 'approved' && selectedId !== null && state.reviews.some((r) => r.action === 'approve' && r.override && r.asset_id === selectedId),
    };
  }

  async cancel({ job_id }: ParsedRequest<'jobs.cancel'>): Promise<JobView> {
    await this.chain;
    if (this.current) return jobView(this.current.cancel(job_id));
    // No runner (no key): nothing is in flight, so cancelling is only a persisted transition.
    const job = this.o.store.jobs.require(job_id);
    if (job.status === 'cancelled') return jobView(job);
    if (isTerminal(job.status)) throw finished(job);
    const cancelled = saveJob(this.o.store, job, 'cancelled', readState(job), {}, this.policy().maxAttempts);
    this.emit(cancelled);
    return jobView(cancelled);
  }

  async review(request: ParsedRequest<'jobs.review'>): Promise<JobDetail> {
    const { job_id, ...action } = request;
    await this.chain;
    if (this.current) {
      this.current.review(job_id, action);
    } else if (action.action === 'tweak' || action.action === 'regenerate') {
      // These make new images, so they wait for a key; the other decisions work without one.
      (await this.runner()).review(job_id, action);
    } else {
      this.emit(applyReview(this.o.store, job_id, action, this.policy()));
    }
    return this.get({ job_id });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    await this.stopRunner();
  }

  private policy() {
    return policyFromSettings(this.o.settings.get());
  }

  private fingerprint(settings: Settings): string {
    return JSON.stringify(CLIENT_SETTINGS.map((k) => settings[k]));
  }

  private refresh(): Promise<void> {
    const next = this.chain.then(() => this.rebuild(this.started));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async rebuild(resume: boolean): Promise<void> {
    await this.stopRunner();
    if (this.closed) return;
    let config;
    try {
      config = await this.o.gemini.config();
    } catch (error) {
      const code = isMobiusError(error) ? error.code : 'INTERNAL';
      if (code !== 'GEMINI_NOT_CONFIGURED') this.o.logger.warn('jobs.runner_unavailable', { code });
      return;
    }
    const { gemini, gate } = createWorkflowClient({ settings: config.settings, apiKey: config.apiKey, baseUrl: config.baseUrl, logger: this.o.logger, files: this.o.store.files });
    const runner = new JobRunner({
      store: this.o.store,
      gemini,
      gate,
      settings: () => this.o.settings.get(),
      audit: this.o.audit,
      logger: this.o.logger,
      probe: this.o.probe,
    });
    this.unsubscribe = runner.subscribe((event) => this.forward(event));
    this.current = runner;
    this.clientSettings = this.fingerprint(config.settings);
    if (!resume) return;
    const resumed = await runner.resumeUnfinished();
    if (resumed.length > 0) this.o.logger.info('jobs.resumed', { count: resumed.length });
  }

  private emit(job: Job): void {
    this.o.events.emit('jobs.updated', { job: jobView(job) });
  }

  private forward(event: WorkflowEvent): void {
    if (event.type === 'job.updated') this.emit(event.job);
    else this.o.events.emit('network.status', { online: event.online, checked_at: new Date().toISOString() });
  }

  private async stopRunner(): Promise<void> {
    const runner = this.current;
    this.current = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (runner) await runner.stop();
  }
}

function finished(job: Job): MobiusError {
  return new MobiusError('VALIDATION', `This job has already finished (${job.status.replace('_', ' ')}); it cannot be cancelled.`, {
    job_id: job.job_id,
    status: job.status,
    reason: 'job_finished',
  });
}
