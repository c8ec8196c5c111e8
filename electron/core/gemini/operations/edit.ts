import { MobiusError } from '../../../../shared/errors';
import { MAX_REFERENCE_IMAGES, type GeminiContext } from '../context';
import { EditSession } from '../session';
import type { CallOptions, GeneratedImage, ReferenceImage } from '../types';
import { imageTurn, referenceParts } from './image-turn';

export interface EditOptions extends CallOptions {
  reference_images?: ReferenceImage[];
}

/** The next turn of a persisted image chat: the model edits its previous image (thought signatures replayed). */
export async function editImage(ctx: GeminiContext, session: EditSession | unknown, instruction: string, options: EditOptions = {}): Promise<GeneratedImage> {
  const parsed = EditSession.safeParse(session);
  if (!parsed.success) {
    throw new MobiusError('VALIDATION', 'The saved edit session is damaged, so this image cannot be edited further. Generate a new image instead.', {
      reason: 'edit_session_invalid',
      problem: parsed.error.issues[0]?.message ?? 'invalid',
    });
  }
  const references = await referenceParts(ctx, (options.reference_images ?? []).slice(0, MAX_REFERENCE_IMAGES));
  return imageTurn(ctx, 'image_edit', parsed.data, [...references, { text: instruction }], options);
}
