import type { Content, GenerateContentConfig, Part } from '@google/genai';
import sharp from 'sharp';
import { usageOf } from '../call';
import type { GeminiContext } from '../context';
import { answerText, finalImage } from '../response';
import { EditSession } from '../session';
import type { CallOptions, GeneratedImage } from '../types';

function imageConfigOf(session: EditSession): GenerateContentConfig {
  return {
    systemInstruction: session.system_instruction,
    responseModalities: ['TEXT', 'IMAGE'],
    imageConfig: { aspectRatio: session.image_config.aspect_ratio, imageSize: session.image_config.image_size },
    temperature: 1,
  };
}

/** One turn of the image chat (a generation is the first turn, an edit a later one); returns the image and the longer session. */
export async function imageTurn(
  ctx: GeminiContext,
  operation: 'image_generation' | 'image_edit',
  session: EditSession,
  message: Part[],
  options: CallOptions,
): Promise<GeneratedImage> {
  const model = ctx.vision.model;
  const config = imageConfigOf(session);
  let history: Content[] = [];
  const result = await ctx.call({
    operation,
    model,
    options,
    baseTimeoutMs: ctx.settings.generation_timeout_ms,
    request: async (signal) => {
      // A fresh chat per attempt from the persisted history: a failed attempt leaves no trace in it.
      const chat = ctx.ai.chats.create({ model, config, history: structuredClone(session.history) as Content[] });
      const response = await chat.sendMessage({ message, config: { ...config, abortSignal: signal } });
      history = chat.getHistory();
      return response;
    },
    interpret: (response) => ({ image: finalImage(response, model), text: answerText(response) }),
    usage: (response) => usageOf(response, session.image_config.image_size),
  });
  const { image, text } = result.value;
  const stored = await ctx.images.put(image.bytes, image.mime);
  const meta = await sharp(image.bytes)
    .metadata()
    .catch(() => null);
  const next: EditSession = EditSession.parse({ ...session, model, history, turns: session.turns + 1 });
  return {
    image_uri: stored.uri,
    sha256: stored.sha256,
    mime: image.mime,
    width: meta?.width ?? null,
    height: meta?.height ?? null,
    bytes: image.bytes,
    text,
    model,
    session: next,
    cost: result.cost,
    request_id: result.requestId,
  };
}
