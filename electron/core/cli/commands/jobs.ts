import type { CliContext } from '../context';
import { table } from '../format';
import type { Output } from '../io';
import { UsageError } from '../io';
import { readState } from '../../workflow';
import { formatJobResult, jobResult } from './generate';

export function listJobs(ctx: CliContext, out: Output): void {
  const jobs = ctx.store().jobs.list();
  out.result(jobs, () => {
    if (jobs.length === 0) return 'No jobs yet. Start one with `mobius generate --brand <id> "<prompt>"`.';
    return table(
      ['ID', 'STATUS', 'ATTEMPTS', 'SCORE', 'PROMPT', 'CREATED'],
      jobs.map((j) => {
        const state = readState(j);
        return [
          j.job_id,
          j.status,
          String(j.attempt_count),
          state.latest_score === null ? '-' : state.latest_score.toFixed(1),
          state.prompt.length > 40 ? `${state.prompt.slice(0, 39)}…` : state.prompt,
          j.created_at.slice(0, 16).replace('T', ' '),
        ];
      }),
    );
  });
}

export function showJob(ctx: CliContext, out: Output, args: string[]): void {
  const [id] = args;
  if (!id) throw new UsageError('job needs a job id (see `mobius jobs`).');
  const job = ctx.store().jobs.require(id);
  const result = jobResult(ctx, job);
  out.result(result, () => {
    const state = readState(job);
    const history = state.attempts.map(
      (a) => `  #${a.attempt} (round ${a.round}, ${a.kind})  ${a.overall_score === null ? 'not audited' : a.overall_score.toFixed(1)}  ${a.asset_id}${a.asset_id === result.selected_asset_id ? '  ← selected' : ''}`,
    );
    const reviews = state.reviews.map((r) => `  ${r.at.slice(0, 19)}  ${r.action}${r.override ? ' (override)' : ''}${r.instruction ? `: ${r.instruction}` : ''}`);
    return [
      `Prompt: ${state.prompt}  (${state.params.aspect_ratio}, ${state.params.image_size})`,
      formatJobResult(result),
      ...(history.length ? ['History:', ...history] : []),
      ...(reviews.length ? ['Reviews:', ...reviews] : []),
      `Cost: $${state.cost.usd.toFixed(3)} (${state.cost.tokens} tokens)`,
    ].join('\n');
  });
}
