import type { Content, Part } from '@google/genai';
import { BrandGuidelines } from '../../../../shared/schema/brand';
import type { GeminiContext } from '../context';
import { withUploadedPdf } from '../files';
import { base64Length, choosePdfTransport } from '../pdf-transport';
import { EXTRACTION_SYSTEM, extractionPrompt } from '../prompts';
import { structuredCall, structuredConfig } from '../structured';
import type { CallCost, CallOptions } from '../types';

export interface ExtractOptions extends CallOptions {
  filename: string;
  /** What the local extraction found, to ground the model (exact hex values, pages). */
  localEvidence?: unknown;
}

/** Brand guidelines from a PDF with the reasoning model: inline while the request fits, through the Files API above that. */
export async function extractGuidelines(ctx: GeminiContext, pdfBytes: Uint8Array, options: ExtractOptions): Promise<BrandGuidelines & { cost: CallCost }> {
  const prompt = extractionPrompt(options.filename, options.localEvidence);
  const config = structuredConfig(EXTRACTION_SYSTEM, BrandGuidelines);
  const otherBytes = Buffer.byteLength(prompt) + Buffer.byteLength(EXTRACTION_SYSTEM) + Buffer.byteLength(JSON.stringify(config.responseJsonSchema));
  const transport = choosePdfTransport(pdfBytes.byteLength, otherBytes, options.filename);
  const extract = async (pdfPart: Part) => {
    const contents: Content[] = [{ role: 'user', parts: [pdfPart, { text: prompt }] }];
    const { value, cost } = await structuredCall(ctx, 'pdf_parsing', contents, config, options, (raw) => {
      const parsed = BrandGuidelines.safeParse(raw);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    });
    return { ...value, source_filename: options.filename, ingested_at: value.ingested_at ?? new Date().toISOString(), cost };
  };
  const log = { transport, pdf_bytes: pdfBytes.byteLength, request_bytes: base64Length(pdfBytes.byteLength) + otherBytes, brand_id: options.brandId ?? null };
  if (transport === 'inline') {
    ctx.logger.debug('gemini.pdf_transport', log);
    return extract({ inlineData: { mimeType: 'application/pdf', data: Buffer.from(pdfBytes).toString('base64') } });
  }
  ctx.logger.info('gemini.pdf_transport', log);
  return withUploadedPdf(ctx, pdfBytes, options, extract);
}
