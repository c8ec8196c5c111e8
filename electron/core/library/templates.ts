import { MobiusError } from '../../../shared/errors';
import type { Template, TemplateReference } from '../../../shared/schema';
import { ASPECT_RATIOS, IMAGE_SIZES, type AspectRatio, type ImageSize } from '../../../shared/vocab/jobs';
import { extensionForMime } from '../gemini/image-sink';
import type { ReferenceImage } from '../gemini/types';
import type { Store } from '../store';
import type { GenerationState } from '../workflow/state';

/** Style references a template sends besides the brand logo (the image model takes a handful of images). */
const MAX_STYLE_REFERENCES = 2;

/** The aspect ratio closest to an image's shape (for an imported image saved as a template). */
export function nearestAspect(width: number, height: number): AspectRatio {
  if (width <= 0 || height <= 0) return '1:1';
  const distance = (ratio: AspectRatio) => {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    return Math.abs(Math.log(w / h) - Math.log(width / height));
  };
  return ASPECT_RATIOS.reduce<AspectRatio>((best, ratio) => (distance(ratio) < distance(best) ? ratio : best), '1:1');
}

function param<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * Save an approved asset as a template: its prompt, aspect ratio and size,
 * and the image itself as a style reference (plus the references of the
 * template it was itself made from).
 */
export function saveTemplate(store: Store, input: { asset_id: string; name?: string | undefined; prompt?: string | undefined }): Template {
  const asset = store.assets.require(input.asset_id);
  const [record] = store.library.records([asset.asset_id]);
  if (record?.status !== 'approved' && record?.status !== 'override') {
    throw new MobiusError('VALIDATION', 'Only an approved image can become a template.', { asset_id: asset.asset_id, status: record?.status ?? null, reason: 'not_approved' });
  }
  const prompt = (input.prompt ?? asset.prompt ?? '').trim();
  if (!prompt) throw new MobiusError('VALIDATION', 'This image has no prompt; give the template one.', { asset_id: asset.asset_id, reason: 'no_prompt' });
  const params = asset.generation_params ?? {};
  const ext = store.fileRecords.get(asset.sha256)?.ext ?? extensionForMime(asset.mime);
  const inherited = asset.job_id ? (store.jobs.get(asset.job_id)?.state as Partial<GenerationState> | undefined)?.template?.references ?? [] : [];
  const references: TemplateReference[] = [{ sha256: asset.sha256, ext, mime: asset.mime }, ...inherited.filter((r) => r.sha256 !== asset.sha256)].slice(
    0,
    MAX_STYLE_REFERENCES,
  );
  const name = (input.name ?? '').trim() || prompt.slice(0, 60);
  return store.templates.create({
    brand_id: asset.brand_id,
    name,
    source_asset_id: asset.asset_id,
    prompt,
    aspect_ratio: param<AspectRatio>(params['aspect_ratio'], ASPECT_RATIOS) ?? nearestAspect(asset.width, asset.height),
    image_size: param<ImageSize>(params['image_size'], IMAGE_SIZES) ?? '1K',
    references,
  });
}

/** The template's style references as images for the image model (missing files are skipped). */
export async function styleReferences(store: Store, state: Pick<GenerationState, 'template'>): Promise<ReferenceImage[]> {
  const refs = state.template?.references ?? [];
  const images: ReferenceImage[] = [];
  for (const ref of refs.slice(0, MAX_STYLE_REFERENCES)) {
    if (!store.files.has(ref.sha256, ref.ext)) continue;
    images.push({ bytes: await store.files.read(ref.sha256, ref.ext), mime: ref.mime });
  }
  return images;
}

/** The prompt the image model gets when style references are attached after the logo. */
export function promptWithStyle(prompt: string, styleCount: number): string {
  if (styleCount === 0) return prompt;
  const which = styleCount === 1 ? 'The last attached image is an approved design' : `The last ${styleCount} attached images are approved designs`;
  return `${which} of this brand: match its style, composition and use of colour, not its content.\n\n${prompt}`;
}
