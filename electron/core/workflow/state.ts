import type { Job, JobView } from '../../../shared/schema';
import { GenerationState } from '../../../shared/schema/job';

// The generation state schema is shared (the app shows parts of it); the workflow owns reading and writing it.
export { AttemptRecord, GenerationParams, GenerationState, NextImage, ReviewRecord, type GenerationStateInput } from '../../../shared/schema/job';

export function readState(job: Pick<Job, 'state'>): GenerationState {
  return GenerationState.parse(job.state);
}

/** The job as it crosses IPC: typed state, and never the model session (thought signatures are the model's, not the app's). */
export function jobView(job: Job): JobView {
  const { session: _session, ...state } = readState(job);
  return { ...job, state };
}
