import type { CliContext } from '../context';
import type { Output } from '../io';
import { createCliRunner, runUntilIdle } from './generate';
import { table } from '../format';
import { readState } from '../../workflow';

/** What the app does at start-up: every unfinished job to a terminal state. */
export async function resumeCommand(ctx: CliContext, out: Output): Promise<void> {
  const store = ctx.store();
  if (store.jobs.listUnfinished().length === 0) {
    out.result([], () => 'No unfinished jobs.');
    return;
  }
  const runner = await createCliRunner(ctx, out);
  const resumed = await runner.resumeUnfinished();
  out.note(`Resuming ${resumed.length} job(s)…`);
  await runUntilIdle(runner, out, runner.idle());
  const jobs = resumed.map((j) => store.jobs.require(j.job_id));
  out.result(jobs, () =>
    table(
      ['ID', 'STATUS', 'ATTEMPTS', 'SCORE'],
      jobs.map((j) => {
        const score = readState(j).latest_score;
        return [j.job_id, j.status, String(j.attempt_count), score === null ? '-' : score.toFixed(1)];
      }),
    ),
  );
}
