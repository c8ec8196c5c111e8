import { MobiusError } from '../../../../shared/errors';
import { isTerminal, type ReviewAction } from '../../workflow';
import type { CliContext } from '../context';
import type { Output } from '../io';
import { UsageError } from '../io';
import type { ParsedOptions } from '../options';
import { createCliRunner, finish, runUntilIdle } from './generate';

const ACTIONS = 'approve | tweak "<instruction>" | regenerate | reject | dismiss <finding-id> | restore <finding-id>';

function parseAction(args: string[], reason: string | undefined): ReviewAction {
  const [action, ...rest] = args;
  switch (action) {
    case 'approve':
    case 'regenerate':
    case 'reject':
      return { action };
    case 'tweak': {
      const instruction = rest.join(' ').trim();
      if (!instruction) throw new UsageError('tweak needs an instruction, e.g. mobius review <job> tweak "use Paper White for the background".');
      return { action, instruction };
    }
    case 'dismiss':
    case 'restore': {
      const [violation] = rest;
      if (!violation) throw new UsageError(`${action} needs a finding id (shown by \`mobius job <id>\`).`);
      if (action === 'restore') return { action, violation_id: violation };
      if (reason !== undefined && reason !== 'incorrect_assessment' && reason !== 'not_applicable') {
        throw new UsageError('--reason is incorrect_assessment or not_applicable.');
      }
      return { action, violation_id: violation, reason: reason ?? 'not_applicable' };
    }
    default:
      throw new UsageError(`review needs an action: ${ACTIONS}.`);
  }
}

export async function reviewCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [jobId, ...rest] = args;
  if (!jobId) throw new UsageError(`review needs a job id and an action: mobius review <job> ${ACTIONS}.`);
  const action = parseAction(rest, options.reason);
  const store = ctx.store();
  store.jobs.require(jobId);
  const { jobs } = ctx.core().services;
  if (action.action === 'tweak' || action.action === 'regenerate') {
    // These make new images: run the job to its next terminal state.
    const runner = await createCliRunner(ctx, out);
    await jobs.review({ job_id: jobId, ...action });
    if (!isTerminal(store.jobs.require(jobId).status)) await runUntilIdle(runner, out, runner.waitFor(jobId));
    else await runner.stop();
  } else {
    await jobs.review({ job_id: jobId, ...action });
  }
  const job = store.jobs.require(jobId);
  if (!isTerminal(job.status)) throw new MobiusError('INTERNAL', `Job ${jobId} stopped before finishing; continue it with \`mobius resume\`.`);
  finish(ctx, out, job);
}
