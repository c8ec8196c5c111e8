import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { MobiusError } from '../../../../shared/errors';
import type { ASSET_STATUSES } from '../../../../shared/schema';
import { Asset } from '../../../../shared/schema';
import { definedOnly, fromJson, toJson, type RepositoryContext } from './common';

/** Everything but the ids and timestamps the store assigns. */
export type CreateAssetInput = Omit<z.input<typeof Asset>, 'asset_id' | 'created_at' | 'updated_at'>;

export type AssetPatch = Partial<
  Pick<Asset, 'status' | 'compliance' | 'compliance_score' | 'cost' | 'prompt' | 'generation_params' | 'job_id'>
>;

export type AssetStatus = (typeof ASSET_STATUSES)[number];

interface AssetRow {
  asset_id: string;
  brand_id: string;
  brand_version: number;
  job_id: string | null;
  origin: string;
  parent_asset_id: string | null;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  prompt: string | null;
  source_name: string | null;
  generation_params_json: string | null;
  compliance_json: string | null;
  compliance_score: number | null;
  status: string;
  cost_tokens: number;
  cost_usd: number;
  created_at: string;
  updated_at: string;
}

function toAsset(row: AssetRow): Asset {
  return Asset.parse({
    asset_id: row.asset_id,
    brand_id: row.brand_id,
    brand_version: row.brand_version,
    job_id: row.job_id,
    origin: row.origin,
    parent_asset_id: row.parent_asset_id,
    sha256: row.sha256,
    mime: row.mime,
    width: row.width,
    height: row.height,
    prompt: row.prompt,
    source_name: row.source_name,
    generation_params: fromJson(row.generation_params_json),
    compliance: fromJson(row.compliance_json),
    compliance_score: row.compliance_score,
    status: row.status,
    cost: { tokens: row.cost_tokens, usd: row.cost_usd },
    created_at: row.created_at,
    updated_at: row.updated_at,
  });
}

function toRow(asset: Asset): AssetRow {
  return {
    asset_id: asset.asset_id,
    brand_id: asset.brand_id,
    brand_version: asset.brand_version,
    job_id: asset.job_id,
    origin: asset.origin,
    parent_asset_id: asset.parent_asset_id,
    sha256: asset.sha256,
    mime: asset.mime,
    width: asset.width,
    height: asset.height,
    prompt: asset.prompt,
    source_name: asset.source_name,
    generation_params_json: asset.generation_params === null ? null : toJson(asset.generation_params),
    compliance_json: asset.compliance === null ? null : toJson(asset.compliance),
    compliance_score: asset.compliance_score,
    status: asset.status,
    cost_tokens: asset.cost.tokens,
    cost_usd: asset.cost.usd,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
  };
}

function assetNotFound(id: string): MobiusError {
  return new MobiusError('ASSET_NOT_FOUND', `No image with id "${id}" exists in this Mobius library.`, { asset_id: id });
}

export class AssetRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** The image's bytes must already be stored and recorded (Store.putFileThen). */
  create(input: CreateAssetInput): Asset {
    const now = this.ctx.now();
    const asset = Asset.parse({ ...input, asset_id: randomUUID(), created_at: now, updated_at: now });
    this.ctx.db
      .prepare(
        `INSERT INTO assets (asset_id, brand_id, brand_version, job_id, origin, parent_asset_id, sha256, mime, width, height, prompt, source_name,
           generation_params_json, compliance_json, compliance_score, status, cost_tokens, cost_usd, created_at, updated_at)
         VALUES (@asset_id, @brand_id, @brand_version, @job_id, @origin, @parent_asset_id, @sha256, @mime, @width, @height, @prompt, @source_name,
           @generation_params_json, @compliance_json, @compliance_score, @status, @cost_tokens, @cost_usd, @created_at, @updated_at)`,
      )
      .run(toRow(asset));
    return asset;
  }

  get(id: string): Asset | null {
    const row = this.ctx.db.prepare('SELECT * FROM assets WHERE asset_id = ?').get(id) as AssetRow | undefined;
    return row ? toAsset(row) : null;
  }

  require(id: string): Asset {
    const asset = this.get(id);
    if (!asset) throw assetNotFound(id);
    return asset;
  }

  update(id: string, patch: AssetPatch): Asset {
    return this.ctx.db.transaction(() => {
      const next = Asset.parse({ ...this.require(id), ...definedOnly(patch), updated_at: this.ctx.now() });
      const row = toRow(next);
      this.ctx.db
        .prepare(
          `UPDATE assets SET job_id = @job_id, prompt = @prompt, generation_params_json = @generation_params_json,
             compliance_json = @compliance_json, compliance_score = @compliance_score, status = @status,
             cost_tokens = @cost_tokens, cost_usd = @cost_usd, updated_at = @updated_at
           WHERE asset_id = @asset_id`,
        )
        .run(row);
      return next;
    })();
  }

  /** Newest first. */
  list(filter: { brand_id?: string; job_id?: string; status?: AssetStatus; parent_asset_id?: string } = {}): Asset[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const key of ['brand_id', 'job_id', 'status', 'parent_asset_id'] as const) {
      const value = filter[key];
      if (value !== undefined) {
        where.push(`${key} = ?`);
        params.push(value);
      }
    }
    const rows = this.ctx.db
      .prepare(`SELECT * FROM assets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC`)
      .all(...params) as AssetRow[];
    return rows.map(toAsset);
  }
}
