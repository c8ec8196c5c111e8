import type { GenerateContentResponse, Part } from '@google/genai';
import { MobiusError } from '../../../shared/errors';

const SAFETY_FINISH = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION', 'IMAGE_RECITATION']);

const FRIENDLY_REASON: Record<string, string> = {
  SAFETY: 'it was flagged by safety filters',
  PROHIBITED_CONTENT: 'it asks for prohibited content',
  IMAGE_SAFETY: 'the generated image was flagged by safety filters',
  IMAGE_PROHIBITED_CONTENT: 'the generated image would contain prohibited content',
  BLOCKLIST: 'it contains blocked terms',
  SPII: 'it may contain sensitive personal information',
  RECITATION: 'the result would reproduce protected material',
  IMAGE_RECITATION: 'the image would reproduce protected material',
  OTHER: 'of an unspecified policy reason',
};

function safetyError(model: string, reason: string, where: 'prompt' | 'response'): MobiusError {
  return new MobiusError(
    'GEMINI_SAFETY',
    `Gemini blocked the ${where === 'prompt' ? 'request' : 'result'} because ${FRIENDLY_REASON[reason] ?? `of ${reason}`}. Rephrase the prompt and try again.`,
    { model, block_reason: reason },
  );
}

/** Blocked prompts come back as 200 with promptFeedback.blockReason and no candidates. */
export function assertNotBlocked(response: GenerateContentResponse, model: string): void {
  const reason = response.promptFeedback?.blockReason;
  if (reason) throw safetyError(model, String(reason), 'prompt');
  const finish = response.candidates?.[0]?.finishReason;
  if (finish && SAFETY_FINISH.has(String(finish))) throw safetyError(model, String(finish), 'response');
}

function parts(response: GenerateContentResponse): Part[] {
  return response.candidates?.[0]?.content?.parts ?? [];
}

/** Non-thought text, like `response.text` but without the SDK's console warnings. */
export function answerText(response: GenerateContentResponse): string {
  return parts(response)
    .filter((p) => p.thought !== true && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

export interface ImagePart {
  bytes: Uint8Array;
  mime: string;
}

/**
 * The final image: the LAST inline part that is not a thought. Never
 * `response.data`, which concatenates interim thought images too.
 */
export function finalImage(response: GenerateContentResponse, model: string): ImagePart {
  assertNotBlocked(response, model);
  const image = parts(response)
    .filter((p) => p.thought !== true && typeof p.inlineData?.data === 'string' && p.inlineData.data.length > 0)
    .at(-1);
  if (!image) {
    const finish = String(response.candidates?.[0]?.finishReason ?? 'NO_CANDIDATE');
    const said = answerText(response).slice(0, 300);
    throw new MobiusError(
      'GEMINI_NO_IMAGE',
      `Gemini answered without an image (${finish}).` + (said ? ` It said: "${said}"` : '') + ' Try rephrasing the prompt or simplifying the request.',
      { model, finish_reason: finish },
    );
  }
  return { bytes: Buffer.from(image.inlineData!.data!, 'base64'), mime: image.inlineData!.mimeType ?? 'image/png' };
}

/** JSON from a structured-output answer; tolerates a Markdown fence around it. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const trimmed = text.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  if (trimmed.length === 0) return { ok: false, problem: 'empty answer' };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    return { ok: false, problem: `invalid JSON: ${(error as Error).message}` };
  }
}
