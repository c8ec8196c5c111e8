import type { Content, GenerateContentConfig, Part } from '@google/genai';
import sharp from 'sharp';
import { isMobiusError } from '../../../../shared/errors';
import { usageOf } from '../call';
import type { GeminiContext } from '../context';
import { prepareImageForModel } from '../image-input';
import { answerText, finalImage } from '../response';
import { appendTurn, requestHistory, type EditSession } from '../session';
import type { CallOptions, GeneratedImage, ReferenceImage } from '../types';

function imageConfigOf(session: EditSession): GenerateContentConfig {
  return {
    systemInstruction: session.system_instruction,
    responseModalities: ['TEXT', 'IMAGE'],
    imageConfig: { aspectRatio: session.image_config.aspect_ratio, imageSize: session.image_config.image_size },
    temperature: 1,
  };
}

/**
 * Reference images (e.g. the logo) as inline parts Gemini accepts, before the
 * text of a turn. One that cannot be read (a BMP logo, a damaged file) is left
 * out with a warning: the image is still made, just without that reference.
 */
export async function referenceParts(ctx: Pick<GeminiContext, 'logger'>, images: readonly ReferenceImage[]): Promise<Part[]> {
  const parts: Part[] = [];
  for (const image of images) {
    try {
      const prepared = await prepareImageForModel(image);
      parts.push({ inlineData: { mimeType: prepared.mime, data: Buffer.from(prepared.bytes).toString('base64') } });
    } catch (error) {
      ctx.logger.warn('gemini.reference_image_skipped', { mime: image.mime, bytes: image.bytes.byteLength, error_code: isMobiusError(error) ? error.code : 'INTERNAL' });
    }
  }
  return parts;
}

/**
 * One turn of the image chat (a generation is the first turn, an edit a later
 * one): the compact history (session.ts: the latest image with its
 * signatures, earlier turns as text) plus this turn's message. Returns the
 * image and the session one turn longer.
 */
export async function imageTurn(
  ctx: GeminiContext,
  operation: 'image_generation' | 'image_edit',
  session: EditSession,
  message: Part[],
  options: CallOptions,
): Promise<GeneratedImage> {
  const model = ctx.vision.model;
  const config = imageConfigOf(session);
  const sent: Content = { role: 'user', parts: message };
  const contents = [...(await requestHistory(session, (ref) => ctx.images.read(ref))), sent];
  const result = await ctx.call({
    operation,
    model,
    options,
    baseTimeoutMs: ctx.timeout(operation),
    request: (signal) => ctx.ai.models.generateContent({ model, contents, config: { ...config, abortSignal: signal } }),
    interpret: (response) => ({ image: finalImage(response, model), text: answerText(response), answer: response.candidates?.[0]?.content ?? { role: 'model', parts: [] } }),
    usage: (response) => usageOf(response, session.image_config.image_size),
  });
  const { image, text, answer } = result.value;
  const stored = await ctx.images.put(image.bytes, image.mime);
  const meta = await sharp(image.bytes)
    .metadata()
    .catch(() => null);
  return {
    image_uri: stored.uri,
    sha256: stored.sha256,
    mime: image.mime,
    width: meta?.width ?? null,
    height: meta?.height ?? null,
    bytes: image.bytes,
    text,
    model,
    session: appendTurn({ ...session, model }, sent, answer, stored.sha256),
    cost: result.cost,
    request_id: result.requestId,
  };
}
