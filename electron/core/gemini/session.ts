import { createHash } from 'node:crypto';
import type { Content, Part } from '@google/genai';
import { z } from 'zod';
import { MobiusError } from '../../../shared/errors';

/**
 * A multi-turn image chat as plain JSON, small enough for a job's state.
 *
 * Version 2 (written since issue 12) stores each image the model returned as
 * a reference to the stored file (`imageRef: {sha256, mime}`) next to its
 * thought signature, keeps text parts with their signatures, and drops
 * thought parts and the images the user sent (reference images). Version 1
 * rows hold the SDK chat history verbatim, base64 images included; they are
 * read as they are and written back as version 2 after their next turn.
 */
export const EditSession = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  model: z.string().min(1),
  system_instruction: z.string(),
  image_config: z.object({ aspect_ratio: z.string(), image_size: z.string() }),
  history: z.array(
    z.looseObject({
      role: z.enum(['user', 'model']),
      parts: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
  /** Completed image turns (1 after the first generation). */
  turns: z.number().int().min(0),
});
export type EditSession = z.infer<typeof EditSession>;
type StoredContent = EditSession['history'][number];
type StoredPart = StoredContent['parts'][number];

/** A stored image: the content address of the file the image sink wrote. */
export interface ImageRef {
  sha256: string;
  mime: string;
}

/** Where the images of stored sessions are read back from. */
export type ReadImage = (ref: ImageRef) => Promise<Uint8Array> | Uint8Array;

/** Stands in for an earlier turn's image, so every turn keeps a part (an empty content is invalid). */
export const EARLIER_IMAGE_PLACEHOLDER = '[The image of this turn was replaced by the newer image below.]';

const isThought = (part: StoredPart) => part['thought'] === true;
const imageRefOf = (part: StoredPart): ImageRef | null => {
  const ref = part['imageRef'] as Partial<ImageRef> | undefined;
  return ref && typeof ref.sha256 === 'string' && typeof ref.mime === 'string' ? { sha256: ref.sha256, mime: ref.mime } : null;
};
const inlineOf = (part: StoredPart) => part['inlineData'] as { mimeType?: string; data?: string } | undefined;

/**
 * One content as stored: thought parts out; the model's images as file
 * references with their signatures; the user's images (reference images)
 * out — an edit works on the model's latest image, not on its inputs.
 */
function compactContent(content: StoredContent, stored: (sha256: string) => boolean = () => true): StoredContent {
  const parts: StoredPart[] = [];
  for (const part of content.parts) {
    if (isThought(part)) continue;
    const inline = inlineOf(part);
    if (inline?.data) {
      const sha256 = createHash('sha256').update(Buffer.from(inline.data, 'base64')).digest('hex');
      if (content.role === 'user' || !stored(sha256)) continue;
      const { inlineData: _inline, ...rest } = part;
      parts.push({ ...rest, imageRef: { sha256, mime: inline.mimeType ?? 'image/png' } });
      continue;
    }
    parts.push(part);
  }
  return { ...content, parts: parts.length > 0 ? parts : [{ text: '' }] };
}

/**
 * The session after one more turn, in the compact form (version 2). Of the
 * answer's images only the one that was stored (`storedSha256`, the image
 * the turn returned) is kept as a reference.
 */
export function appendTurn(session: EditSession, sent: Content, answer: Content, storedSha256: string): EditSession {
  const earlier = session.history.map((content) => compactContent(content));
  const turn = [compactContent(sent as StoredContent), compactContent({ ...answer, role: 'model' } as StoredContent, (sha) => sha === storedSha256)];
  return EditSession.parse({ ...session, version: 2, history: [...earlier, ...turn], turns: session.turns + 1 });
}

/**
 * What a new turn sends before its own message: what a valid multi-turn edit
 * needs and no more — the latest model turn whole (its image and every
 * thought signature, as the image model requires) and the text of earlier
 * turns with their signatures. Earlier images stay out, so a request no
 * longer grows by an image per turn.
 */
export async function requestHistory(session: EditSession, readImage: ReadImage): Promise<Content[]> {
  const latestModel = session.history.findLastIndex((c) => c.role === 'model');
  const contents: Content[] = [];
  for (const [index, content] of session.history.entries()) {
    const parts: Part[] = [];
    for (const part of content.parts) {
      const ref = imageRefOf(part);
      const inline = inlineOf(part);
      if (index !== latestModel) {
        const blank = part['text'] === '' && part['thoughtSignature'] === undefined;
        if (!ref && !inline && !isThought(part) && !blank) parts.push(part as Part);
        continue;
      }
      if (ref) {
        const { imageRef: _ref, ...rest } = part;
        const bytes = await readStored(readImage, ref);
        parts.push({ ...rest, inlineData: { mimeType: ref.mime, data: Buffer.from(bytes).toString('base64') } } as Part);
        continue;
      }
      parts.push(part as Part);
    }
    contents.push({ role: content.role, parts: parts.length > 0 ? parts : [{ text: EARLIER_IMAGE_PLACEHOLDER }] });
  }
  return contents;
}

async function readStored(readImage: ReadImage, ref: ImageRef): Promise<Uint8Array> {
  try {
    return await readImage(ref);
  } catch (cause) {
    throw new MobiusError(
      'VALIDATION',
      'The image this edit starts from is no longer stored, so it cannot be edited further. Generate a new image instead.',
      { reason: 'edit_session_image_missing', sha256: ref.sha256 },
      { cause },
    );
  }
}

/** The signatures a session will replay, e.g. for tests and diagnostics. */
export function sessionSignatures(session: EditSession): string[] {
  return session.history
    .filter((c) => c.role === 'model')
    .flatMap((c) => c.parts.map((p) => p['thoughtSignature']).filter((s): s is string => typeof s === 'string'));
}
