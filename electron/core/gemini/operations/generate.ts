import type { CompressedDigitalTwin } from '../../../../shared/schema/brand';
import type { ImageSize } from '../../../../shared/vocab/jobs';
import { MAX_REFERENCE_IMAGES, type GeminiContext } from '../context';
import { twinSystemInstruction } from '../prompts';
import type { EditSession } from '../session';
import type { CallOptions, GeneratedImage, ReferenceImage } from '../types';
import { imageTurn, referenceParts } from './image-turn';

export interface GenerateOptions extends CallOptions {
  aspect_ratio?: string;
  image_size?: ImageSize;
  /** E.g. the brand logo; sent as inline images before the prompt. */
  reference_images?: ReferenceImage[];
}

/** A new image with the vision model, the compressed twin as its system instruction (correctness properties 6, 7). */
export async function generateImage(ctx: GeminiContext, prompt: string, twin: CompressedDigitalTwin, options: GenerateOptions = {}): Promise<GeneratedImage> {
  const session: EditSession = {
    version: 2,
    model: ctx.vision.model,
    system_instruction: twinSystemInstruction(twin),
    image_config: { aspect_ratio: options.aspect_ratio ?? '1:1', image_size: options.image_size ?? '1K' },
    history: [],
    turns: 0,
  };
  const references = await referenceParts(ctx, (options.reference_images ?? []).slice(0, MAX_REFERENCE_IMAGES));
  return imageTurn(ctx, 'image_generation', session, [...references, { text: prompt }], options);
}
