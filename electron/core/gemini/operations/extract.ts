import type { Content, Part } from '@google/genai';
import { BrandGuidelines } from '../../../../shared/schema/brand';
import type { GeminiContext } from '../context';
import { withUploadedPdf } from '../files';
import { ModelGuidelines, guidelinesFromModel, modelJsonSchema } from '../model-schemas';
import { base64Length, choosePdfTransport } from '../pdf-transport';
import { EXTRACTION_SYSTEM, extractionPrompt } from '../prompts';
import { structuredCall, structuredConfig, type Validation } from '../structured';
import type { CallCost, CallOptions } from '../types';

export interface ExtractOptions extends CallOptions {
  filename: string;
  /** What the local extraction found, to ground the model (exact hex values, pages). */
  localEvidence?: unknown;
}

/** The model's answer in the slim schema, as domain guidelines; what does not validate is described for the repair request. */
function readAnswer(raw: unknown): Validation<BrandGuidelines> {
  const answer = ModelGuidelines.safeParse(raw);
  const parsed = answer.success ? BrandGuidelines.safeParse(guidelinesFromModel(answer.data)) : answer;
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/**
 * Brand guidelines from a PDF with the reasoning model: inline while the
 * request fits, through the Files API above that. The file name and the
 * time are set here, never taken from the model.
 */
export async function extractGuidelines(ctx: GeminiContext, pdfBytes: Uint8Array, options: ExtractOptions): Promise<BrandGuidelines & { cost: CallCost }> {
  const prompt = extractionPrompt(options.filename, options.localEvidence);
  const config = structuredConfig(EXTRACTION_SYSTEM, 'pdf_parsing');
  const otherBytes = Buffer.byteLength(prompt) + Buffer.byteLength(EXTRACTION_SYSTEM) + Buffer.byteLength(JSON.stringify(modelJsonSchema('pdf_parsing')));
  const transport = choosePdfTransport(pdfBytes.byteLength, otherBytes, options.filename);
  const extract = async (pdfPart: Part) => {
    const contents: Content[] = [{ role: 'user', parts: [pdfPart, { text: prompt }] }];
    const { value, cost } = await structuredCall(ctx, 'pdf_parsing', contents, config, options, readAnswer);
    return { ...value, source_filename: options.filename, ingested_at: new Date().toISOString(), cost };
  };
  const log = { transport, pdf_bytes: pdfBytes.byteLength, request_bytes: base64Length(pdfBytes.byteLength) + otherBytes, brand_id: options.brandId ?? null };
  if (transport === 'inline') {
    ctx.logger.debug('gemini.pdf_transport', log);
    return extract({ inlineData: { mimeType: 'application/pdf', data: Buffer.from(pdfBytes).toString('base64') } });
  }
  ctx.logger.info('gemini.pdf_transport', log);
  return withUploadedPdf(ctx, pdfBytes, options, extract);
}
