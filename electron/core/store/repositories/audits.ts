import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ComplianceScore, IsoTimestamp } from '../../../../shared/schema';
import { fromJson, toJson, type RepositoryContext } from './common';

/** One audit of an asset against one brand version; re-audits add rows, history is kept. */
export const AuditRecord = z.object({
  audit_id: z.string().min(1),
  asset_id: z.string().min(1),
  brand_version: z.number().int().min(1),
  compliance: ComplianceScore,
  created_at: IsoTimestamp,
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export interface CreateAuditInput {
  asset_id: string;
  brand_version: number;
  compliance: z.input<typeof ComplianceScore>;
}

interface AuditRow {
  audit_id: string;
  asset_id: string;
  brand_version: number;
  compliance_json: string;
  created_at: string;
}

function toAudit(row: AuditRow): AuditRecord {
  return AuditRecord.parse({
    audit_id: row.audit_id,
    asset_id: row.asset_id,
    brand_version: row.brand_version,
    compliance: fromJson(row.compliance_json),
    created_at: row.created_at,
  });
}

export class AuditRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  create(input: CreateAuditInput): AuditRecord {
    const audit = AuditRecord.parse({ ...input, audit_id: randomUUID(), created_at: this.ctx.now() });
    this.ctx.db
      .prepare('INSERT INTO audits (audit_id, asset_id, brand_version, compliance_json, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(audit.audit_id, audit.asset_id, audit.brand_version, toJson(audit.compliance), audit.created_at);
    return audit;
  }

  get(id: string): AuditRecord | null {
    const row = this.ctx.db.prepare('SELECT * FROM audits WHERE audit_id = ?').get(id) as AuditRow | undefined;
    return row ? toAudit(row) : null;
  }

  /** Newest first. */
  listForAsset(assetId: string): AuditRecord[] {
    const rows = this.ctx.db
      .prepare('SELECT * FROM audits WHERE asset_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(assetId) as AuditRow[];
    return rows.map(toAudit);
  }

  latestForAsset(assetId: string): AuditRecord | null {
    return this.listForAsset(assetId)[0] ?? null;
  }
}
