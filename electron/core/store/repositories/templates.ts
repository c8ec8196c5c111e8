import { randomUUID } from 'node:crypto';
import { MobiusError } from '../../../../shared/errors';
import { Template, type TemplateReference } from '../../../../shared/schema';
import type { AspectRatio, ImageSize } from '../../../../shared/vocab/jobs';
import { fromJson, toJson, type RepositoryContext } from './common';

export interface CreateTemplateInput {
  brand_id: string;
  name: string;
  source_asset_id: string;
  prompt: string;
  aspect_ratio: AspectRatio;
  image_size: ImageSize;
  references: TemplateReference[];
}

interface TemplateRow {
  template_id: string;
  brand_id: string;
  name: string;
  source_asset_id: string;
  prompt: string;
  params_json: string;
  references_json: string;
  created_at: string;
}

function toTemplate(row: TemplateRow): Template {
  const params = fromJson(row.params_json) as { aspect_ratio?: unknown; image_size?: unknown };
  return Template.parse({
    template_id: row.template_id,
    brand_id: row.brand_id,
    name: row.name,
    source_asset_id: row.source_asset_id,
    prompt: row.prompt,
    aspect_ratio: params.aspect_ratio,
    image_size: params.image_size,
    references: fromJson(row.references_json),
    created_at: row.created_at,
  });
}

export function templateNotFound(id: string): MobiusError {
  return new MobiusError('VALIDATION', `No template with id "${id}" exists in this Mobius library.`, { template_id: id, reason: 'template_not_found' });
}

/** Approved assets saved for reuse, per brand. Deleting hides a template; generated assets keep pointing at it. */
export class TemplateRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  create(input: CreateTemplateInput): Template {
    const template = Template.parse({ ...input, template_id: randomUUID(), created_at: this.ctx.now() });
    this.ctx.db
      .prepare(
        `INSERT INTO templates (template_id, brand_id, name, source_asset_id, prompt, params_json, references_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        template.template_id,
        template.brand_id,
        template.name,
        template.source_asset_id,
        template.prompt,
        toJson({ aspect_ratio: template.aspect_ratio, image_size: template.image_size }),
        toJson(template.references),
        template.created_at,
      );
    return template;
  }

  require(id: string): Template {
    const row = this.ctx.db.prepare('SELECT * FROM templates WHERE template_id = ? AND deleted_at IS NULL').get(id) as TemplateRow | undefined;
    if (!row) throw templateNotFound(id);
    return toTemplate(row);
  }

  /** Newest first. */
  list(brandId?: string): Template[] {
    const rows = this.ctx.db
      .prepare(`SELECT * FROM templates WHERE deleted_at IS NULL ${brandId ? 'AND brand_id = ?' : ''} ORDER BY created_at DESC, rowid DESC`)
      .all(...(brandId ? [brandId] : [])) as TemplateRow[];
    return rows.map(toTemplate);
  }

  delete(id: string): void {
    const result = this.ctx.db.prepare('UPDATE templates SET deleted_at = ? WHERE template_id = ? AND deleted_at IS NULL').run(this.ctx.now(), id);
    if (result.changes === 0) throw templateNotFound(id);
  }
}
