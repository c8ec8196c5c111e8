import { describe, expect, it } from 'vitest';
import { isFinished, jobSummary, statusTone, upsertJob } from '../../../renderer/src/lib/jobs';
import { hrefOf, parseRoute } from '../../../renderer/src/stores/route';
import type { Job } from '../../../shared/schema';

const job = (id: string, status: Job['status'], state: Record<string, unknown> = {}): Job => ({
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

describe('renderer job helpers', () => {
  it('routes #/jobs/:id both ways', () => {
    expect(parseRoute('#/jobs/j%201')).toEqual({ screen: 'job', jobId: 'j 1' });
    expect(hrefOf({ screen: 'job', jobId: 'j 1' })).toBe('#/jobs/j%201');
  });

  it('reads the free-form job state defensively', () => {
    expect(jobSummary(job('a', 'approved', { prompt: 'Poster', latest_score: 91.2, selected_asset_id: 's', params: { aspect_ratio: '4:5' } }))).toEqual({
      prompt: 'Poster',
      latestScore: 91.2,
      selectedAssetId: 's',
      aspectRatio: '4:5',
    });
    expect(jobSummary(job('a', 'pending', { prompt: 3, latest_score: 'x' }))).toEqual({ prompt: '', latestScore: null, selectedAssetId: null, aspectRatio: null });
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
