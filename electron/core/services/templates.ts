import type { ParsedRequest, TemplateView } from '../../../shared/ipc';
import type { JobView, Template } from '../../../shared/schema';
import type { FileUrl } from '../library/history';
import { saveTemplate } from '../library/templates';
import type { Store } from '../store';
import { jobView } from '../workflow/state';
import type { JobService } from './jobs';

export interface TemplateServiceOptions {
  store: Store;
  jobs: Pick<JobService, 'runner'>;
  fileUrl: FileUrl;
}

/** The `templates.*` operations: approved assets saved for reuse, and generation from them with a new prompt. */
export class TemplateService {
  constructor(private readonly o: TemplateServiceOptions) {}

  async save({ asset_id, name, prompt }: ParsedRequest<'templates.save'>): Promise<TemplateView> {
    return this.view(saveTemplate(this.o.store, { asset_id, name, prompt }));
  }

  async list({ brand_id }: ParsedRequest<'templates.list'>): Promise<TemplateView[]> {
    if (brand_id !== undefined) this.o.store.brands.require(brand_id);
    return this.o.store.templates.list(brand_id).map((t) => this.view(t));
  }

  /** A generation job with the template's aspect, size and style references, and a new prompt (needs a Gemini key). */
  async generate(request: ParsedRequest<'templates.generate'>): Promise<JobView> {
    const template = this.o.store.templates.require(request.template_id);
    const runner = await this.o.jobs.runner();
    return jobView(
      runner.submit({
        brand_id: template.brand_id,
        prompt: request.prompt,
        aspect_ratio: request.aspect_ratio ?? template.aspect_ratio,
        image_size: request.image_size ?? template.image_size,
        idempotency_key: request.idempotency_key ?? null,
        template: { template_id: template.template_id, references: template.references },
      }),
    );
  }

  async delete({ template_id }: ParsedRequest<'templates.delete'>): Promise<{ deleted: true }> {
    this.o.store.templates.delete(template_id);
    return { deleted: true };
  }

  private view(template: Template): TemplateView {
    const source = template.references[0];
    return { ...template, image_url: source ? this.o.fileUrl(source.sha256, source.ext) : null };
  }
}
