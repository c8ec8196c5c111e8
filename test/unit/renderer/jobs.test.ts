import { describe, expect, it } from 'vitest';
import { jobView } from '../../../electron/core/workflow/state';
import { isFinished, statusTone, upsertJob } from '../../../renderer/src/lib/jobs';
import { hrefOf, parseRoute } from '../../../renderer/src/stores/route';
import { JobView, type Job } from '../../../shared/schema';

const row = (id: string, status: Job['status'], state: Record<string, unknown> = { prompt: 'Poster', brand_version: 1 }): Job => ({
  job_id: id,
  brand_id: 'b1',
  kind: 'generate',
  status,
  progress: 0,
  attempt_count: 0,
  state,
  error: null,
  idempotency_key: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
/** A job as the renderer receives it. */
const job = (id: string, status: Job['status'], state?: Record<string, unknown>) => jobView(row(id, status, state));

describe('renderer job helpers', () => {
  it('routes #/jobs/:id both ways', () => {
    expect(parseRoute('#/jobs/j%201')).toEqual({ screen: 'job', jobId: 'j 1' });
    expect(hrefOf({ screen: 'job', jobId: 'j 1' })).toBe('#/jobs/j%201');
  });

  it('receives the job state typed (with defaults) and never the model session', () => {
    const session = { version: 1, history: [{ role: 'model', parts: [{ inlineData: { data: 'AAAA' } }] }] };
    const wire = job('a', 'approved', { prompt: 'Poster', brand_version: 2, latest_score: 91.2, selected_asset_id: 's', params: { aspect_ratio: '4:5' }, session });
    expect(JobView.parse(wire)).toEqual(wire);
    expect(wire.state).toMatchObject({ prompt: 'Poster', latest_score: 91.2, selected_asset_id: 's', params: { aspect_ratio: '4:5', image_size: '1K' }, reviews: [] });
    expect(JSON.stringify(wire)).not.toContain('inlineData');
    expect(job('b', 'pending').state).toMatchObject({ prompt: 'Poster', latest_score: null, selected_asset_id: null, params: { aspect_ratio: '1:1' } });
    expect(() => job('c', 'pending', { prompt: 3 })).toThrow();
  });

  it('classifies statuses and keeps a newest-first list current', () => {
    expect(isFinished('needs_review')).toBe(true);
    expect(isFinished('correcting')).toBe(false);
    expect(statusTone('paused_offline')).toBe('warn');
    expect(statusTone('generating')).toBe('busy');
    const list = [job('b', 'generating'), job('a', 'approved')];
    expect(upsertJob(list, job('b', 'auditing')).map((j) => `${j.job_id}:${j.status}`)).toEqual(['b:auditing', 'a:approved']);
    expect(upsertJob(list, job('c', 'pending')).map((j) => j.job_id)).toEqual(['c', 'b', 'a']);
  });
});
