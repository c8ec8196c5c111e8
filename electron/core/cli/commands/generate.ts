import { MobiusError } from '../../../../shared/errors';
import type { ComplianceScore, Job } from '../../../../shared/schema';
import type { JobRunner, JobUpdatedEvent } from '../../workflow';
import { readState } from '../../workflow';
import type { CliContext } from '../context';
import type { Output } from '../io';
import { UsageError } from '../io';
import type { ParsedOptions } from '../options';

/** The core's job runner for this invocation (settings, key and endpoint as the app uses them), reporting on stderr. */
export async function createCliRunner(ctx: CliContext, out: Output): Promise<JobRunner> {
  const runner = await ctx.core().services.jobs.runner();
  runner.subscribe((event) => {
    if (event.type === 'network.status') out.note(event.online ? 'Network is back; resuming.' : 'Gemini is unreachable: jobs are paused until the network returns (Ctrl-C to stop; `mobius resume` continues later).');
    else out.note(progressLine(event));
  });
  return runner;
}

const LABEL: Record<string, string> = {
  pending: 'queued',
  generating: 'generating',
  auditing: 'auditing',
  correcting: 'correcting',
  paused_offline: 'paused (offline)',
  approved: 'approved',
  needs_review: 'needs review',
  failed: 'failed',
  cancelled: 'cancelled',
};

function progressLine(e: JobUpdatedEvent): string {
  const score = e.latest_score === null ? '' : `  score ${e.latest_score.toFixed(1)}`;
  const attempt = e.attempt > 0 ? `  attempt ${e.attempt}` : '';
  const error = e.error ? `  ${e.error.code}: ${e.error.message}` : '';
  return `[${e.job_id.slice(0, 8)}] ${String(e.progress).padStart(3)}%  ${LABEL[e.status] ?? e.status}${attempt}${score}${error}`;
}

/** Run jobs to a terminal state; Ctrl-C stops without losing anything (the jobs resume later). */
export async function runUntilIdle(runner: JobRunner, out: Output, wait: Promise<unknown>): Promise<void> {
  const onSigint = () => {
    out.note('Stopping… unfinished jobs continue with `mobius resume`.');
    void runner.stop();
  };
  process.once('SIGINT', onSigint);
  try {
    await Promise.race([wait, runner.idle().then(() => wait)]);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await runner.stop();
  }
}

/** The job as printed: the domain Job plus its selected image and that image's final ComplianceScore. */
export function jobResult(ctx: CliContext, job: Job): Job & { selected_asset_id: string | null; compliance: ComplianceScore | null } {
  const state = readState(job);
  const selected = state.selected_asset_id ?? state.current_asset_id;
  const asset = selected ? ctx.store().assets.get(selected) : null;
  return { ...job, selected_asset_id: selected, compliance: asset?.compliance ?? null };
}

export function formatJobResult(result: ReturnType<typeof jobResult>): string {
  const lines = [`Job ${result.job_id}: ${LABEL[result.status] ?? result.status} after ${result.attempt_count} attempt(s).`];
  if (result.error) lines.push(`Error ${result.error.code}: ${result.error.message}`);
  if (result.selected_asset_id) lines.push(`Image: ${result.selected_asset_id}`);
  const c = result.compliance;
  if (c) {
    lines.push(`Compliance: ${c.overall_score.toFixed(1)}/100 ${c.approved ? '(approved)' : '(not approved)'}${c.partial ? ' — partial' : ''}`);
    for (const cat of c.categories) lines.push(`  ${cat.category.padEnd(11)} ${cat.score.toFixed(1).padStart(5)}  ${cat.passed ? 'pass' : 'FAIL'}`);
    const open = c.categories.flatMap((cat) => cat.violations.filter((v) => v.status === 'open'));
    for (const v of open.slice(0, 8)) lines.push(`  - [${v.severity}] ${v.description}  (id ${v.id})`);
  }
  if (result.status === 'needs_review') lines.push(`Review it: mobius review ${result.job_id} approve | tweak "<instruction>" | regenerate | reject`);
  return lines.join('\n');
}

/** Print the result; a failed or cancelled job is a command failure (exit 1). */
export function finish(ctx: CliContext, out: Output, job: Job): void {
  const result = jobResult(ctx, job);
  if (job.status === 'failed') {
    // With --json, stdout carries one document: the error envelope (with the job id).
    if (!out.json) out.result(result, () => formatJobResult(result));
    throw new MobiusError((job.error?.code as MobiusError['code']) ?? 'INTERNAL', job.error?.message ?? 'The job failed.', { job_id: job.job_id });
  }
  out.result(result, () => formatJobResult(result));
}

export async function generateCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const prompt = args.join(' ').trim();
  if (!options.brand) throw new UsageError('generate needs --brand <id> (see `mobius brands`).');
  if (!prompt) throw new UsageError('generate needs a prompt, e.g. mobius generate --brand <id> "A launch poster".');
  ctx.store().brands.require(options.brand);
  const runner = await createCliRunner(ctx, out);
  const job = runner.submit({
    brand_id: options.brand,
    prompt,
    ...(options.aspect ? { aspect_ratio: options.aspect } : {}),
    ...(options.size ? { image_size: options.size.toUpperCase() } : {}),
    idempotency_key: options.idempotencyKey ?? null,
  });
  const done = runner.waitFor(job.job_id);
  await runUntilIdle(runner, out, done);
  finish(ctx, out, ctx.store().jobs.require(job.job_id));
}
