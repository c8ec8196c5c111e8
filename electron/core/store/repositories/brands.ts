import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MobiusError } from '../../../../shared/errors';
import {
  Brand,
  BrandGuidelines,
  CompressedDigitalTwin,
  IsoTimestamp,
  LOCAL_ORGANIZATION_ID,
  type BrandGuidelinesInput,
} from '../../../../shared/schema';
import { fileUri } from '../file-store';
import { fromJson, toJson, type RepositoryContext } from './common';

/** One saved state of a brand's guidelines; every guidelines edit adds one. */
export const BrandVersion = z.object({
  brand_id: z.string().min(1),
  version: z.number().int().min(1),
  guidelines: BrandGuidelines,
  compressed_twin: CompressedDigitalTwin.nullable(),
  needs_review: z.array(z.string()),
  note: z.string().nullable(),
  created_at: IsoTimestamp,
});
export type BrandVersion = z.infer<typeof BrandVersion>;

export interface CreateBrandInput {
  name: string;
  guidelines: BrandGuidelinesInput;
  compressed_twin: CompressedDigitalTwin | null;
  needs_review?: string[];
  /** A PDF already in the file store and the `files` table (see Store.putFileThen). */
  pdf?: { sha256: string; ext: string } | null;
  /** Defaults to the stored PDF's mobius-asset:// URI when `pdf` is given. */
  pdf_url?: string | null;
  logo_thumbnail_url?: string | null;
  organization_id?: string;
  /** Why version 1 exists, e.g. "Imported from brand.pdf". */
  note?: string | null;
}

export interface UpdateGuidelinesInput {
  guidelines: BrandGuidelinesInput;
  compressed_twin: CompressedDigitalTwin | null;
  needs_review: string[];
  name?: string;
  note?: string | null;
}

interface BrandRow {
  brand_id: string;
  organization_id: string;
  name: string;
  current_version: number;
  guidelines_json: string;
  compressed_twin_json: string | null;
  needs_review_json: string;
  pdf_sha256: string | null;
  pdf_url: string | null;
  logo_thumbnail_url: string | null;
  learning_active: number;
  feedback_count: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface VersionRow {
  brand_id: string;
  version: number;
  guidelines_json: string;
  compressed_twin_json: string | null;
  needs_review_json: string;
  note: string | null;
  created_at: string;
}

function toBrand(row: BrandRow): Brand {
  return Brand.parse({
    brand_id: row.brand_id,
    organization_id: row.organization_id,
    name: row.name,
    guidelines: fromJson(row.guidelines_json),
    compressed_twin: fromJson(row.compressed_twin_json),
    pdf_url: row.pdf_url,
    logo_thumbnail_url: row.logo_thumbnail_url,
    needs_review: fromJson(row.needs_review_json),
    learning_active: row.learning_active === 1,
    feedback_count: row.feedback_count,
    version: row.current_version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    deleted_at: row.deleted_at,
  });
}

function toVersion(row: VersionRow): BrandVersion {
  return BrandVersion.parse({
    brand_id: row.brand_id,
    version: row.version,
    guidelines: fromJson(row.guidelines_json),
    compressed_twin: fromJson(row.compressed_twin_json),
    needs_review: fromJson(row.needs_review_json),
    note: row.note,
    created_at: row.created_at,
  });
}

function brandNotFound(id: string): MobiusError {
  return new MobiusError('BRAND_NOT_FOUND', `No brand with id "${id}" exists in this Mobius library.`, { brand_id: id });
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new MobiusError('VALIDATION', 'A brand needs a name.');
  return trimmed;
}

export class BrandRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** The brand and its version 1, in one transaction. */
  create(input: CreateBrandInput): Brand {
    const guidelines = BrandGuidelines.parse(input.guidelines);
    const twin = input.compressed_twin === null ? null : CompressedDigitalTwin.parse(input.compressed_twin);
    const needsReview = input.needs_review ?? [];
    const id = randomUUID();
    const now = this.ctx.now();
    const pdfUrl = input.pdf_url ?? (input.pdf ? fileUri(input.pdf.sha256, input.pdf.ext) : null);
    this.ctx.db.transaction(() => {
      this.ctx.db
        .prepare(
          `INSERT INTO brands (brand_id, organization_id, name, current_version, guidelines_json, compressed_twin_json,
             needs_review_json, pdf_sha256, pdf_url, logo_thumbnail_url, created_at, updated_at)
           VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.organization_id ?? LOCAL_ORGANIZATION_ID,
          validName(input.name),
          toJson(guidelines),
          twin === null ? null : toJson(twin),
          toJson(needsReview),
          input.pdf?.sha256 ?? null,
          pdfUrl,
          input.logo_thumbnail_url ?? null,
          now,
          now,
        );
      this.insertVersion(id, 1, guidelines, twin, needsReview, input.note ?? null, now);
    })();
    return this.require(id);
  }

  get(id: string, options: { includeDeleted?: boolean } = {}): Brand | null {
    const row = this.ctx.db.prepare('SELECT * FROM brands WHERE brand_id = ?').get(id) as BrandRow | undefined;
    if (!row || (row.deleted_at !== null && !options.includeDeleted)) return null;
    return toBrand(row);
  }

  /** Like `get`, but a missing or deleted brand is a BRAND_NOT_FOUND error. */
  require(id: string, options: { includeDeleted?: boolean } = {}): Brand {
    const brand = this.get(id, options);
    if (!brand) throw brandNotFound(id);
    return brand;
  }

  /** Newest activity first. */
  list(options: { includeDeleted?: boolean } = {}): Brand[] {
    const rows = this.ctx.db
      .prepare(
        `SELECT * FROM brands ${options.includeDeleted ? '' : 'WHERE deleted_at IS NULL'}
         ORDER BY updated_at DESC, rowid DESC`,
      )
      .all() as BrandRow[];
    return rows.map(toBrand);
  }

  /** A new version with these guidelines; earlier versions stay in the history. */
  updateGuidelines(id: string, input: UpdateGuidelinesInput): Brand {
    const guidelines = BrandGuidelines.parse(input.guidelines);
    const twin = input.compressed_twin === null ? null : CompressedDigitalTwin.parse(input.compressed_twin);
    const name = input.name === undefined ? undefined : validName(input.name);
    this.ctx.db.transaction(() => {
      const current = this.require(id);
      const version = current.version + 1;
      const now = this.ctx.now();
      this.insertVersion(id, version, guidelines, twin, input.needs_review, input.note ?? null, now);
      this.ctx.db
        .prepare(
          `UPDATE brands SET current_version = ?, guidelines_json = ?, compressed_twin_json = ?, needs_review_json = ?,
             name = COALESCE(?, name), updated_at = ? WHERE brand_id = ?`,
        )
        .run(version, toJson(guidelines), twin === null ? null : toJson(twin), toJson(input.needs_review), name ?? null, now, id);
    })();
    return this.require(id);
  }

  /** Oldest first. */
  listVersions(id: string): BrandVersion[] {
    this.require(id, { includeDeleted: true });
    const rows = this.ctx.db
      .prepare('SELECT * FROM brand_versions WHERE brand_id = ? ORDER BY version')
      .all(id) as VersionRow[];
    return rows.map(toVersion);
  }

  /** Hidden from lists and `get`, kept with its history and assets; `restore` brings it back. */
  softDelete(id: string): void {
    const result = this.ctx.db
      .prepare('UPDATE brands SET deleted_at = ? WHERE brand_id = ? AND deleted_at IS NULL')
      .run(this.ctx.now(), id);
    if (result.changes === 0) throw brandNotFound(id);
  }

  restore(id: string): Brand {
    // Restoring a brand that is not deleted is harmless; a missing one is BRAND_NOT_FOUND.
    this.ctx.db
      .prepare('UPDATE brands SET deleted_at = NULL, updated_at = ? WHERE brand_id = ? AND deleted_at IS NOT NULL')
      .run(this.ctx.now(), id);
    return this.require(id);
  }

  private insertVersion(
    id: string,
    version: number,
    guidelines: BrandGuidelines,
    twin: CompressedDigitalTwin | null,
    needsReview: string[],
    note: string | null,
    now: string,
  ): void {
    this.ctx.db
      .prepare(
        `INSERT INTO brand_versions (brand_id, version, guidelines_json, compressed_twin_json, needs_review_json, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, version, toJson(guidelines), twin === null ? null : toJson(twin), toJson(needsReview), note, now);
  }
}
