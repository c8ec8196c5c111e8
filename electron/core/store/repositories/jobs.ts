import { randomUUID } from 'node:crypto';
import { MobiusError } from '../../../../shared/errors';
import { Job, TERMINAL_JOB_STATUSES, type JobStatus } from '../../../../shared/schema';
import { definedOnly, fromJson, toJson, type RepositoryContext } from './common';

export interface CreateJobInput {
  brand_id: string;
  status?: JobStatus;
  state?: Record<string, unknown>;
  /** Same key → the job created first is returned and nothing new is stored. */
  idempotency_key?: string | null;
}

export type JobPatch = Partial<Pick<Job, 'status' | 'progress' | 'attempt_count' | 'state' | 'error'>>;

interface JobRow {
  job_id: string;
  brand_id: string;
  kind: string;
  status: string;
  progress: number;
  attempt_count: number;
  state_json: string;
  error_json: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

function toJob(row: JobRow): Job {
  return Job.parse({
    job_id: row.job_id,
    brand_id: row.brand_id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    attempt_count: row.attempt_count,
    state: fromJson(row.state_json),
    error: fromJson(row.error_json),
    idempotency_key: row.idempotency_key,
    created_at: row.created_at,
    updated_at: row.updated_at,
  });
}

function jobNotFound(id: string): MobiusError {
  return new MobiusError('JOB_NOT_FOUND', `No job with id "${id}" exists in this Mobius library.`, { job_id: id });
}

export class JobRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  create(input: CreateJobInput): Job {
    const now = this.ctx.now();
    // Validate the whole row before it is written.
    const job = Job.parse({
      job_id: randomUUID(),
      brand_id: input.brand_id,
      status: input.status ?? 'pending',
      state: input.state ?? {},
      idempotency_key: input.idempotency_key ?? null,
      created_at: now,
      updated_at: now,
    });
    // ON CONFLICT rather than read-then-insert: another process (CLI and app) may race us for the key.
    const result = this.ctx.db
      .prepare(
        `INSERT INTO jobs (job_id, brand_id, kind, status, progress, attempt_count, state_json, error_json, idempotency_key, created_at, updated_at)
         VALUES (@job_id, @brand_id, @kind, @status, @progress, @attempt_count, @state_json, @error_json, @idempotency_key, @created_at, @updated_at)
         ON CONFLICT(idempotency_key) DO NOTHING`,
      )
      .run({ ...job, state_json: toJson(job.state), error_json: job.error === null ? null : toJson(job.error) });
    if (result.changes === 0 && job.idempotency_key !== null) return this.byIdempotencyKey(job.idempotency_key)!;
    return this.require(job.job_id);
  }

  get(id: string): Job | null {
    const row = this.ctx.db.prepare('SELECT * FROM jobs WHERE job_id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  require(id: string): Job {
    const job = this.get(id);
    if (!job) throw jobNotFound(id);
    return job;
  }

  byIdempotencyKey(key: string): Job | null {
    const row = this.ctx.db.prepare('SELECT * FROM jobs WHERE idempotency_key = ?').get(key) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** Persist a step of the job before the next one starts. */
  update(id: string, patch: JobPatch): Job {
    return this.ctx.db.transaction(() => {
      const current = this.require(id);
      const next = Job.parse({ ...current, ...definedOnly(patch), updated_at: this.ctx.now() });
      this.ctx.db
        .prepare(
          `UPDATE jobs SET status = ?, progress = ?, attempt_count = ?, state_json = ?, error_json = ?, updated_at = ?
           WHERE job_id = ?`,
        )
        .run(
          next.status,
          next.progress,
          next.attempt_count,
          toJson(next.state),
          next.error === null ? null : toJson(next.error),
          next.updated_at,
          id,
        );
      return next;
    })();
  }

  /** Newest first. */
  list(filter: { status?: JobStatus | readonly JobStatus[]; brand_id?: string } = {}): Job[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
      if (statuses.length === 0) return [];
      where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    if (filter.brand_id !== undefined) {
      where.push('brand_id = ?');
      params.push(filter.brand_id);
    }
    const rows = this.ctx.db
      .prepare(`SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC`)
      .all(...params) as JobRow[];
    return rows.map(toJob);
  }

  /** Jobs a restart must resume: anything not in a terminal status. Oldest first. */
  listUnfinished(): Job[] {
    const terminal = TERMINAL_JOB_STATUSES;
    const rows = this.ctx.db
      .prepare(`SELECT * FROM jobs WHERE status NOT IN (${terminal.map(() => '?').join(', ')}) ORDER BY created_at, rowid`)
      .all(...terminal) as JobRow[];
    return rows.map(toJob);
  }
}
