import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { Job, JobStatus } from '../../../shared/schema';
import type { Settings } from '../../../shared/schema/settings';
import { ASPECT_RATIOS, IMAGE_SIZES } from '../../../shared/vocab/jobs';
import type { AuditPipeline } from '../audit/pipeline';
import type { Store } from '../store';
import { errorOf, runStep, saveJob, type StepDeps, type WorkflowGemini } from './steps';
import type { ModelGate } from './gate';
import { isTerminal, WORKING_STATUSES } from './machine';
import { policyFromSettings, UNRECOVERABLE, type WorkflowPolicy } from './policy';
import { applyReview, type ReviewAction } from './review';
import { GenerationParams, GenerationState, readState } from './state';

export interface JobUpdatedEvent {
  type: 'job.updated';
  job_id: string;
  brand_id: string;
  status: JobStatus;
  progress: number;
  /** Attempt within the current round (attempt_count). */
  attempt: number;
  latest_score: number | null;
  selected_asset_id: string | null;
  error: Job['error'];
  job: Job;
}
export interface NetworkStatusEvent {
  type: 'network.status';
  online: boolean;
}
export type WorkflowEvent = JobUpdatedEvent | NetworkStatusEvent;
export type WorkflowListener = (event: WorkflowEvent) => void;

export interface SubmitInput {
  brand_id: string;
  prompt: string;
  aspect_ratio?: string;
  image_size?: string;
  idempotency_key?: string | null;
  /** Generate from a template (its style references travel with the job). */
  template?: GenerationState['template'];
}

type RunnerLogger = { info(event: string, fields?: Record<string, unknown>): void; warn(event: string, fields?: Record<string, unknown>): void };

export interface JobRunnerOptions {
  store: Store;
  gemini: WorkflowGemini;
  /** Read on every step, so changed settings apply to the next step. */
  settings: () => Settings;
  /** The gate installed as the client's fetch, to share long rate-limit pauses. */
  gate?: ModelGate | null;
  /** The one audit pipeline (audit/pipeline.ts); every attempt goes through it. */
  audit: AuditPipeline;
  logger?: RunnerLogger;
  /** True when Gemini is reachable (the core's network monitor); polled while jobs are paused offline. */
  probe: () => Promise<boolean>;
  offlinePollMs?: number;
  /** Jobs stepping at once; default vision + reasoning concurrency, so both models stay busy. */
  maxActiveJobs?: number;
  /** Step retries after a rate limit longer than the client waits for (default 3). */
  maxRateLimitRetries?: number;
}

interface Active {
  controller: AbortController;
  cancelRequested: boolean;
}

const quietLogger: RunnerLogger = { info: () => {}, warn: () => {} };

/**
 * The generation queue of the main process (and the CLI). Jobs are rows in
 * SQLite; the runner only decides which to step next, so it can be stopped or
 * killed at any point and `resumeUnfinished()` continues from the last
 * persisted step.
 */
export class JobRunner {
  private readonly queue: string[] = [];
  private readonly active = new Map<string, Active>();
  private readonly paused = new Set<string>();
  private readonly listeners = new Set<WorkflowListener>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly deps: StepDeps;
  private readonly logger: RunnerLogger;
  private offlineTimer: NodeJS.Timeout | null = null;
  private online = true;
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.logger = options.logger ?? quietLogger;
    this.deps = {
      store: options.store,
      gemini: options.gemini,
      audit: options.audit,
      policy: () => this.policy(),
    };
  }

  policy(): WorkflowPolicy {
    return policyFromSettings(this.options.settings());
  }

  private get maxActive(): number {
    if (this.options.maxActiveJobs) return this.options.maxActiveJobs;
    const s = this.options.settings();
    return s.vision_concurrency + s.reasoning_concurrency;
  }

  subscribe(listener: WorkflowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: WorkflowEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn('workflow.listener_failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private emitJob(job: Job): void {
    const state = GenerationState.safeParse(job.state);
    this.emit({
      type: 'job.updated',
      job_id: job.job_id,
      brand_id: job.brand_id,
      status: job.status,
      progress: job.progress,
      attempt: job.attempt_count,
      latest_score: state.success ? state.data.latest_score : null,
      selected_asset_id: state.success ? state.data.selected_asset_id : null,
      error: job.error,
      job,
    });
  }

  /** Create (or, with a known idempotency key, find) a generation job and run it. */
  submit(input: SubmitInput): Job {
    const brand = this.options.store.brands.require(input.brand_id);
    const prompt = input.prompt.trim();
    if (!prompt) throw new MobiusError('VALIDATION', 'Describe the image to generate (the prompt is empty).');
    const params = GenerationParams.safeParse({ aspect_ratio: input.aspect_ratio ?? '1:1', image_size: input.image_size ?? '1K' });
    if (!params.success) {
      throw new MobiusError(
        'VALIDATION',
        `Unsupported image options: ${params.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}. Aspect ratios: ${ASPECT_RATIOS.join(', ')}; sizes: ${IMAGE_SIZES.join(', ')}.`,
        { aspect_ratios: [...ASPECT_RATIOS], image_sizes: [...IMAGE_SIZES] },
      );
    }
    const state = GenerationState.parse({ prompt, params: params.data, brand_version: brand.version, template: input.template ?? null });
    const job = this.options.store.jobs.create({ brand_id: brand.brand_id, state, idempotency_key: input.idempotency_key ?? null });
    this.emitJob(job);
    this.run(job.job_id);
    return job;
  }

  /** Queue an existing job if it has work left. */
  run(jobId: string): void {
    const job = this.options.store.jobs.require(jobId);
    if (isTerminal(job.status) || this.active.has(jobId) || this.queue.includes(jobId)) return;
    if (job.status === 'paused_offline') {
      this.pause(job);
      return;
    }
    this.queue.push(jobId);
    this.pump();
  }

  /**
   * What the app does at start-up (and `mobius resume`): remove files a crash
   * left without a row, then queue every unfinished job from its persisted step.
   */
  async resumeUnfinished(): Promise<Job[]> {
    if (this.active.size === 0) {
      const removed = await this.options.store.removeOrphanFiles();
      if (removed.length > 0) this.logger.info('workflow.orphans_removed', { count: removed.length });
    }
    const jobs = this.options.store.jobs.listUnfinished();
    for (const job of jobs) {
      if (job.status === 'paused_offline') {
        // Maybe the network is back: try again; an OFFLINE failure pauses it again.
        const state = readState(job);
        const resumed = saveJob(this.options.store, job, state.resume_status ?? 'pending', { ...state, resume_status: null }, {}, this.policy().maxAttempts);
        this.emitJob(resumed);
      }
      this.run(job.job_id);
    }
    return jobs;
  }

  /** Cancel a job: aborts its in-flight model request; a queued or paused job is cancelled at once. */
  cancel(jobId: string): Job {
    const job = this.options.store.jobs.require(jobId);
    if (isTerminal(job.status)) {
      if (job.status === 'cancelled') return job;
      throw new MobiusError('VALIDATION', `Job ${jobId} has already finished (${job.status.replace('_', ' ')}); it cannot be cancelled.`, { job_id: jobId, status: job.status });
    }
    const active = this.active.get(jobId);
    if (active) {
      active.cancelRequested = true;
      active.controller.abort(new MobiusError('CANCELLED', 'The job was cancelled.'));
      return job;
    }
    const i = this.queue.indexOf(jobId);
    if (i >= 0) this.queue.splice(i, 1);
    this.paused.delete(jobId);
    const cancelled = saveJob(this.options.store, job, 'cancelled', readState(job), {}, this.policy().maxAttempts);
    this.emitJob(cancelled);
    this.notifyIdle();
    return cancelled;
  }

  /** A reviewer's decision; the job runs again when the decision calls for more images. */
  review(jobId: string, action: ReviewAction): Job {
    const job = applyReview(this.options.store, jobId, action, this.policy());
    this.emitJob(job);
    if (WORKING_STATUSES.includes(job.status)) this.run(job.job_id);
    return job;
  }

  /** Resolves with the job once it is terminal (approved, needs_review, failed, cancelled). */
  waitFor(jobId: string): Promise<Job> {
    const job = this.options.store.jobs.require(jobId);
    if (isTerminal(job.status) && !this.active.has(jobId) && !this.queue.includes(jobId)) return Promise.resolve(job);
    return new Promise((resolve) => {
      const off = this.subscribe((event) => {
        if (event.type === 'job.updated' && event.job_id === jobId && isTerminal(event.status)) {
          off();
          resolve(event.job);
        }
      });
    });
  }

  /** Resolves when nothing is queued, running or paused offline. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.active.size === 0 && this.paused.size === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  get counts(): { queued: number; active: number; paused: number } {
    return { queued: this.queue.length, active: this.active.size, paused: this.paused.size };
  }

  /** Quit: abort in-flight requests without changing any job; they resume next time. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    if (this.offlineTimer) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
    this.paused.clear();
    const running = [...this.active.values()];
    for (const a of running) a.controller.abort(new MobiusError('CANCELLED', 'Mobius is quitting; the job resumes next time.'));
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 5));
    this.notifyIdle();
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.maxActive && this.queue.length > 0) {
      const jobId = this.queue.shift()!;
      const entry: Active = { controller: new AbortController(), cancelRequested: false };
      this.active.set(jobId, entry);
      void this.drive(jobId, entry).finally(() => {
        this.active.delete(jobId);
        // A review may have re-opened the job while its last step was finishing.
        const job = this.options.store.db.open ? this.options.store.jobs.get(jobId) : null;
        if (!this.stopped && job && WORKING_STATUSES.includes(job.status) && !entry.controller.signal.aborted) this.queue.push(jobId);
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private async drive(jobId: string, entry: Active): Promise<void> {
    const { store } = this.options;
    let job = store.jobs.require(jobId);
    while (!isTerminal(job.status) && job.status !== 'paused_offline') {
      try {
        job = await runStep(this.deps, job, entry.controller.signal);
        if (entry.cancelRequested && !isTerminal(job.status)) throw new MobiusError('CANCELLED', 'The job was cancelled.');
        this.emitJob(job);
      } catch (error) {
        const next = await this.afterFailure(jobId, entry, error);
        if (!next) return;
        job = next;
      }
    }
  }

  /** Decide what a failed step means; returns the job to keep driving, or null to stop. */
  private async afterFailure(jobId: string, entry: Active, error: unknown): Promise<Job | null> {
    const { store } = this.options;
    const policy = this.policy();
    const job = store.jobs.require(jobId);
    const code = isMobiusError(error) ? error.code : 'INTERNAL';
    if (entry.cancelRequested) {
      const cancelled = isTerminal(job.status) ? job : saveJob(store, job, 'cancelled', readState(job), {}, policy.maxAttempts);
      this.emitJob(cancelled);
      return null;
    }
    if (this.stopped || entry.controller.signal.aborted) return null;
    if (code === 'CANCELLED') return job; // The job moved on elsewhere: continue from what is stored.
    if (code === 'OFFLINE') {
      const state = readState(job);
      const resume = (WORKING_STATUSES as readonly string[]).includes(job.status) ? (job.status as GenerationState['resume_status']) : 'pending';
      const paused = saveJob(store, job, 'paused_offline', { ...state, resume_status: resume }, {}, policy.maxAttempts);
      this.logger.warn('workflow.paused_offline', { job_id: jobId, resume_status: resume });
      this.emitJob(paused);
      this.pause(paused);
      return null;
    }
    const retryAfterS = isMobiusError(error) ? error.details?.['retry_after_seconds'] : undefined;
    if (code === 'GEMINI_RATE_LIMITED') {
      const state = readState(job);
      const max = this.options.maxRateLimitRetries ?? 3;
      if (state.rate_limit_retries < max) {
        const waitMs = typeof retryAfterS === 'number' ? retryAfterS * 1000 : 30_000;
        this.options.gate?.pauseFor(waitMs);
        const saved = saveJob(store, job, job.status, { ...state, rate_limit_retries: state.rate_limit_retries + 1 }, {}, policy.maxAttempts);
        this.logger.warn('workflow.rate_limited', { job_id: jobId, wait_ms: waitMs });
        try {
          await abortableDelay(this.options.gate ? 0 : waitMs, entry.controller.signal);
        } catch {
          return this.afterFailure(jobId, entry, new MobiusError('CANCELLED', 'The job was cancelled.'));
        }
        return saved;
      }
    }
    const jobError = errorOf(error);
    if (!UNRECOVERABLE.includes(code as (typeof UNRECOVERABLE)[number]) && code !== 'GEMINI_RATE_LIMITED') {
      this.logger.warn('workflow.unexpected_error', { job_id: jobId, code, message: jobError.message });
    }
    const failed = saveJob(store, job, 'failed', readState(job), { error: jobError }, policy.maxAttempts);
    this.logger.warn('workflow.failed', { job_id: jobId, code: jobError.code });
    this.emitJob(failed);
    return null;
  }

  private pause(job: Job): void {
    this.paused.add(job.job_id);
    if (this.online) {
      this.online = false;
      this.emit({ type: 'network.status', online: false });
    }
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.offlineTimer || this.stopped) return;
    const probe = this.options.probe;
    this.offlineTimer = setTimeout(() => {
      void probe()
        .catch(() => false)
        .then((online) => {
          this.offlineTimer = null;
          if (this.stopped) return;
          if (!online) return this.scheduleProbe();
          this.online = true;
          this.emit({ type: 'network.status', online: true });
          for (const jobId of [...this.paused]) {
            this.paused.delete(jobId);
            const job = this.options.store.jobs.get(jobId);
            if (!job || job.status !== 'paused_offline') continue;
            const state = readState(job);
            const resumed = saveJob(this.options.store, job, state.resume_status ?? 'pending', { ...state, resume_status: null }, {}, this.policy().maxAttempts);
            this.emitJob(resumed);
            this.queue.push(jobId);
          }
          this.pump();
          this.notifyIdle();
        });
    }, this.options.offlinePollMs ?? 5_000);
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
