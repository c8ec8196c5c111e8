import type { Brand } from '../../../shared/schema';
import { COLOR_USAGES } from '../../../shared/schema';

/** Left-aligned columns for terminal tables. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function formatBrandList(brands: readonly Brand[]): string {
  if (brands.length === 0) return 'No brands yet. Add one with `mobius ingest <guidelines.pdf>` or `mobius brand import <brand.json>`.';
  return table(
    ['ID', 'NAME', 'VERSION', 'COLOURS', 'FONTS', 'UPDATED'],
    brands.map((b) => [
      b.brand_id,
      b.name,
      `v${b.version}`,
      String(b.guidelines.colors.length),
      String(b.guidelines.typography.length),
      b.updated_at.slice(0, 16).replace('T', ' '),
    ]),
  );
}

export function formatBrand(brand: Brand): string {
  const g = brand.guidelines;
  const out: string[] = [`${brand.name}  (v${brand.version}, id ${brand.brand_id})`];
  if (brand.needs_review.length > 0) {
    out.push('', 'Needs review:', ...brand.needs_review.map((n) => `  ! ${n}`));
  }
  out.push('', 'Colours:');
  if (g.colors.length === 0) out.push('  (none)');
  for (const usage of COLOR_USAGES) {
    const colors = g.colors.filter((c) => c.usage === usage);
    if (colors.length === 0) continue;
    out.push(`  ${usage}`);
    for (const c of colors) {
      const page = c.provenance[0] ? `  p.${c.provenance[0].page}` : '';
      const flag = c.verified ? '' : '  (unverified)';
      out.push(`    ${c.hex}  ${c.name || '(unnamed)'}  weight ${c.usage_weight.toFixed(2)}${page}${flag}`);
    }
  }
  out.push('', 'Typography:');
  out.push(...(g.typography.length === 0 ? ['  (none)'] : g.typography.map((t) => `  ${t.family}${t.weights.length ? ` (${t.weights.join(', ')})` : ''}${t.usage ? ` — ${t.usage}` : ''}`)));
  const rules = g.rules;
  out.push('', 'Rules:');
  out.push(...(rules.length === 0 ? ['  (none)'] : rules.map((r) => `  ${r.negative_constraint ? "✗ Don't" : '✓ Do'} [${r.category}, ${r.severity}] ${r.instruction}`)));
  if (g.voice) {
    const v = g.voice;
    out.push('', 'Voice:');
    if (v.adjectives.length) out.push(`  ${v.adjectives.join(', ')}`);
    if (v.forbidden_words.length) out.push(`  never say: ${v.forbidden_words.join(', ')}`);
    out.push(...v.example_phrases.map((p) => `  “${p}”`));
  }
  if (g.logos.length > 0) {
    out.push('', 'Logo:');
    for (const l of g.logos) {
      const parts = [l.min_width_px > 0 ? `min width ${l.min_width_px}px` : '', l.clear_space_ratio > 0 ? `clear space ${l.clear_space_ratio}×` : '', l.forbidden_backgrounds.length ? `never on ${l.forbidden_backgrounds.join(', ')}` : ''].filter(Boolean);
      out.push(`  ${l.variant_name || 'Logo'}${parts.length ? `: ${parts.join('; ')}` : ''}`);
    }
  }
  return out.join('\n');
}
