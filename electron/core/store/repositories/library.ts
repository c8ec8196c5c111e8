import type { LibraryFilter, LibraryQuery, MonthlyCost } from '../../../../shared/schema';
import { LIBRARY_STATUSES, THUMBNAIL_SIZE, type AssetOrigin, type LibrarySort, type LibraryStatus } from '../../../../shared/vocab/library';
import type { RepositoryContext } from './common';

/** A library row as stored: the service turns digests into URLs. */
export interface LibraryRecord {
  asset_id: string;
  brand_id: string;
  brand_name: string;
  current_version: number;
  job_id: string | null;
  origin: AssetOrigin;
  status: LibraryStatus;
  stale: boolean;
  score: number | null;
  audited_version: number | null;
  prompt: string | null;
  source_name: string | null;
  mime: string;
  width: number;
  height: number;
  sha256: string;
  file_ext: string;
  thumb_sha256: string | null;
  thumb_ext: string | null;
  cost_tokens: number;
  cost_usd: number;
  created_at: string;
}

interface RecordRow extends Omit<LibraryRecord, 'stale'> {
  stale: number;
}

export interface LibraryCounts {
  total: number;
  /** Per status, matching every filter but the status one. */
  byStatus: Record<LibraryStatus, number>;
  /** Stale assets matching every filter but the stale one. */
  stale: number;
}

const ORDER: Record<LibrarySort, string> = {
  newest: 'l.created_at DESC, l.id DESC',
  oldest: 'l.created_at ASC, l.id ASC',
  score_desc: 'l.score IS NULL, l.score DESC, l.created_at DESC, l.id DESC',
  score_asc: 'l.score IS NULL, l.score ASC, l.created_at DESC, l.id DESC',
  cost_desc: 'l.cost_usd DESC, l.created_at DESC, l.id DESC',
};

/** A library row with its asset, file and thumbnail: read only for the rows of a page. */
const RECORD_COLUMNS = `l.asset_id, l.brand_id, b.name AS brand_name, l.brand_version AS current_version, a.job_id, l.origin, l.status, l.stale,
  l.score, l.audited_version, a.prompt, l.source_name, a.mime, a.width, a.height, a.sha256, f.ext AS file_ext,
  t.thumb_sha256, t.ext AS thumb_ext, l.cost_tokens, l.cost_usd, l.created_at`;

/** The user's words as an FTS5 query: every word must match, as a prefix ("ban" finds "banner"). */
export function ftsQuery(search: string): string | null {
  const words = search
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

/** The day after a YYYY-MM-DD (an inclusive "to" date becomes an exclusive bound). */
function endOf(day: string): string {
  if (day.length > 10) return day;
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

interface Where {
  sql: string;
  params: unknown[];
}

function where(filter: LibraryFilter, omit: { statuses?: boolean; stale?: boolean } = {}): Where {
  // Assets of brands in the trash are not in the library.
  const clauses: string[] = ['l.brand_active = 1'];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (filter.brand_id !== undefined) add('l.brand_id = ?', filter.brand_id);
  if (!omit.statuses && filter.statuses && filter.statuses.length > 0) add(`l.status IN (${filter.statuses.map(() => '?').join(', ')})`, ...filter.statuses);
  if (!omit.stale && filter.stale !== undefined) add('l.stale = ?', filter.stale ? 1 : 0);
  if (filter.origin !== undefined) add('l.origin = ?', filter.origin);
  if (filter.job_id !== undefined) add('l.asset_id IN (SELECT asset_id FROM assets WHERE job_id = ?)', filter.job_id);
  if (filter.score_min !== undefined) add('l.score >= ?', filter.score_min);
  if (filter.score_max !== undefined) add('l.score <= ?', filter.score_max);
  if (filter.version_min !== undefined) add('l.audited_version >= ?', filter.version_min);
  if (filter.version_max !== undefined) add('l.audited_version <= ?', filter.version_max);
  if (filter.created_from !== undefined) add('l.created_at >= ?', filter.created_from);
  if (filter.created_to !== undefined) add('l.created_at < ?', endOf(filter.created_to));
  const fts = filter.search ? ftsQuery(filter.search) : null;
  if (fts) add('l.id IN (SELECT rowid FROM asset_search WHERE asset_search MATCH ?)', fts);
  return { sql: `WHERE ${clauses.join(' AND ')}`, params };
}

/**
 * The library's queries over `library_entries` (migration 2): filters, search,
 * sort and paging for the grid, the CLI and batch operations, and cost by month.
 */
export class LibraryRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  page(query: LibraryQuery): LibraryRecord[] {
    const w = where(query);
    // Choose the page on the narrow table first; only its rows are joined to assets, files and thumbnails.
    const rows = this.ctx.db
      .prepare(
        `WITH chosen AS MATERIALIZED (SELECT l.id FROM library_entries l ${w.sql} ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?)
         SELECT ${RECORD_COLUMNS}
         FROM chosen c
         JOIN library_entries l ON l.id = c.id
         JOIN brands b ON b.brand_id = l.brand_id
         JOIN assets a ON a.asset_id = l.asset_id
         JOIN files f ON f.sha256 = a.sha256
         LEFT JOIN thumbnails t ON t.source_sha256 = a.sha256 AND t.size = ?
         ORDER BY ${ORDER[query.sort]}`,
      )
      .all(...w.params, query.limit, query.offset, this.thumbSize) as RecordRow[];
    return rows.map((r) => ({ ...r, stale: r.stale === 1 }));
  }

  /** How many match, per status (for the filter chips) and in total. One grouped scan. */
  counts(filter: LibraryFilter): LibraryCounts {
    const w = where(filter, { statuses: true, stale: true });
    const rows = this.ctx.db
      .prepare(
        `SELECT l.status AS status, count(*) AS n, sum(l.stale) AS stale FROM library_entries l ${w.sql} GROUP BY l.status`,
      )
      .all(...w.params) as { status: LibraryStatus; n: number; stale: number }[];
    const byStatus = Object.fromEntries(LIBRARY_STATUSES.map((s) => [s, 0])) as Record<LibraryStatus, number>;
    let total = 0;
    let stale = 0;
    const wanted = filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : null;
    for (const row of rows) {
      const inStale = filter.stale === undefined ? null : filter.stale;
      byStatus[row.status] = inStale === null ? row.n : inStale ? row.stale : row.n - row.stale;
      if (!wanted || wanted.has(row.status)) {
        total += byStatus[row.status];
        stale += row.stale;
      }
    }
    return { total, byStatus, stale };
  }

  /** Asset ids matching a filter, oldest first (batch export and re-audit work through them in order). */
  ids(filter: LibraryFilter, limit: number): string[] {
    const w = where(filter);
    return this.ctx.db
      .prepare(
        `SELECT l.asset_id FROM library_entries l ${w.sql} ORDER BY l.created_at ASC, l.id ASC LIMIT ?`,
      )
      .pluck()
      .all(...w.params, limit) as string[];
  }

  /** Library rows of these assets (any brand, trashed included: history and export need them), in the order asked. */
  records(assetIds: readonly string[]): LibraryRecord[] {
    if (assetIds.length === 0) return [];
    const found = new Map<string, LibraryRecord>();
    // SQLite limits bound parameters; a big selection is read in slices.
    for (let i = 0; i < assetIds.length; i += 500) {
      const slice = assetIds.slice(i, i + 500);
      const rows = this.ctx.db
        .prepare(
          `SELECT ${RECORD_COLUMNS}
           FROM library_entries l
           JOIN brands b ON b.brand_id = l.brand_id
           JOIN assets a ON a.asset_id = l.asset_id
           JOIN files f ON f.sha256 = a.sha256
           LEFT JOIN thumbnails t ON t.source_sha256 = a.sha256 AND t.size = ?
           WHERE l.asset_id IN (${slice.map(() => '?').join(', ')})`,
        )
        .all(this.thumbSize, ...slice) as RecordRow[];
      for (const r of rows) found.set(r.asset_id, { ...r, stale: r.stale === 1 });
    }
    return assetIds.flatMap((id) => found.get(id) ?? []);
  }

  /** Spend per brand and calendar month (UTC), newest month first. */
  monthlyCosts(brandId?: string): MonthlyCost[] {
    return this.ctx.db
      .prepare(
        `SELECT l.brand_id, b.name AS brand_name, substr(l.created_at, 1, 7) AS month, count(*) AS assets,
                sum(l.cost_tokens) AS tokens, sum(l.cost_usd) AS usd
         FROM library_entries l JOIN brands b ON b.brand_id = l.brand_id
         WHERE l.brand_active = 1 ${brandId ? 'AND l.brand_id = ?' : ''}
         GROUP BY l.brand_id, month ORDER BY month DESC, usd DESC`,
      )
      .all(...(brandId ? [brandId] : [])) as MonthlyCost[];
  }

  /** The thumbnail edge the grid uses; rows carry the thumbnail of this size. */
  private readonly thumbSize = THUMBNAIL_SIZE;
}
