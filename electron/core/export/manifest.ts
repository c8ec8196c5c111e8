import type { ManifestRow } from '../../../shared/schema';

export const MANIFEST_COLUMNS = [
  'file',
  'status',
  'score',
  'version',
  'prompt',
  'cost_usd',
  'sha256',
  'asset_id',
  'brand',
  'brand_id',
  'stale',
  'source_name',
  'cost_tokens',
  'compliance_file',
  'report_file',
  'pdf_file',
  'original_sha256',
  'created_at',
] as const satisfies readonly (keyof ManifestRow)[];

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula
 * (=, +, -, @ first) gets a leading apostrophe: prompts are user text.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function manifestCsv(rows: readonly ManifestRow[]): string {
  const lines = [MANIFEST_COLUMNS.join(','), ...rows.map((row) => MANIFEST_COLUMNS.map((c) => cell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
