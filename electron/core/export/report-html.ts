import type { Color, ComplianceScore, HistoryEvent, LibraryItem, LineageStep, Violation } from '../../../shared/schema';
import { LIBRARY_STATUS_LABELS } from '../../../shared/vocab/library';

/** Everything one report shows; built by the exporter, rendered here without any I/O. */
export interface ReportModel {
  item: LibraryItem;
  score: ComplianceScore;
  brand: { brand_id: string; name: string; version: number | null; current_version: number; palette: readonly Color[] };
  /** The image as the report shows it (the original, or a display rendition made in the image worker). */
  image: { dataUri: string; width: number; height: number };
  original: { file: string; sha256: string; width: number; height: number; mime: string };
  decidedBy: 'audit' | 'reviewer' | 'none';
  threshold: number;
  events: readonly HistoryEvent[];
  lineage: readonly LineageStep[];
  generator: string;
  exportedAt: string;
}

const SEVERITY_COLORS: Record<Violation['severity'], string> = { critical: '#d92d20', high: '#f04438', medium: '#f79009', low: '#2e90fa' };
const SEVERITY_RANK: Record<Violation['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3 };
const CATEGORY_LABELS: Record<string, string> = { colors: 'Colours', typography: 'Typography', layout: 'Layout', logo_usage: 'Logo usage' };
const REASON_LABELS: Record<string, string> = { not_applicable: 'Not applicable here', incorrect_assessment: 'Incorrect assessment' };
const HEX = /^#[0-9A-Fa-f]{6}$/;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only a validated hex code ever reaches a style attribute. */
function swatch(hex: unknown, size = 14): string {
  if (typeof hex !== 'string' || !HEX.test(hex)) return '';
  return `<span class="sw" style="background:${hex};width:${size}px;height:${size}px"></span>`;
}

const pct = (n: number, digits = 1) => `${(n * 100).toFixed(digits)}%`;
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 1 ? 3 : 1));

interface NumberedFinding extends Violation {
  n: number;
  scoreCategory: string;
}

function findingsOf(score: ComplianceScore): NumberedFinding[] {
  return score.categories
    .flatMap((c) => c.violations.map((v) => ({ ...v, scoreCategory: c.category })))
    .sort((a, b) => Number(a.status === 'dismissed') - Number(b.status === 'dismissed') || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    .map((v, i) => ({ ...v, n: i + 1 }));
}

/**
 * Violation regions drawn over the image: boxes in an SVG (normalised
 * coordinates, so they scale with the image) and numbered pins as HTML, so
 * the numbers stay legible at any size and match the findings list.
 */
function overlays(findings: readonly NumberedFinding[]): string {
  const shown = findings.filter((f) => f.status === 'open' && f.region && f.region.w > 0 && f.region.h > 0);
  if (shown.length === 0) return '';
  const boxes = shown
    .map((f) => {
      const r = f.region!;
      const color = SEVERITY_COLORS[f.severity];
      return `<rect x="${r.x * 1000}" y="${r.y * 1000}" width="${r.w * 1000}" height="${r.h * 1000}" fill="${color}" fill-opacity="0.14" stroke="${color}" stroke-width="3" vector-effect="non-scaling-stroke"/>`;
    })
    .join('');
  const pins = shown
    .map((f) => {
      const r = f.region!;
      return `<span class="pin" style="left:${(r.x * 100).toFixed(2)}%;top:${(r.y * 100).toFixed(2)}%;background:${SEVERITY_COLORS[f.severity]}">${f.n}</span>`;
    })
    .join('');
  return `<svg class="overlay" viewBox="0 0 1000 1000" preserveAspectRatio="none" aria-label="Violation overlays">${boxes}</svg>${pins}`;
}

function evidenceLine(evidence: Violation['evidence']): string {
  if (!evidence) return '';
  const parts: string[] = [];
  const hex = evidence['hex'];
  const nearest = evidence['nearest_hex'];
  if (typeof hex === 'string' && HEX.test(hex)) {
    parts.push(`${swatch(hex)} <code>${escapeHtml(hex)}</code>`);
    if (typeof nearest === 'string' && HEX.test(nearest)) parts.push(`nearest ${swatch(nearest)} ${escapeHtml(evidence['nearest'] ?? nearest)}`);
  }
  for (const [key, value] of Object.entries(evidence)) {
    if (['hex', 'nearest_hex', 'nearest'].includes(key)) continue;
    if (typeof value === 'number') parts.push(`${escapeHtml(key.replace(/_/g, ' '))} ${escapeHtml(num(value))}`);
    else if (typeof value === 'string' && value.length <= 80) parts.push(`${escapeHtml(key.replace(/_/g, ' '))}: ${escapeHtml(value)}`);
    else if (typeof value === 'boolean') parts.push(`${escapeHtml(key.replace(/_/g, ' '))}: ${value ? 'yes' : 'no'}`);
  }
  return parts.length ? `<p class="ev">${parts.join(' · ')}</p>` : '';
}

function findingItem(f: NumberedFinding): string {
  const ref = f.guideline_ref;
  const dismissed = f.status === 'dismissed';
  return `<li class="finding${dismissed ? ' dismissed' : ''}">
<div class="fhead"><span class="num" style="background:${SEVERITY_COLORS[f.severity]}">${f.n}</span><strong class="sev" style="color:${SEVERITY_COLORS[f.severity]}">${escapeHtml(f.severity)}</strong>
<span class="muted">${escapeHtml(CATEGORY_LABELS[f.scoreCategory] ?? f.scoreCategory)} · ${f.source === 'pixel' ? 'measured' : f.source === 'model' ? 'Gemini' : 'reviewer'}${f.region ? '' : ' · whole image'}</span>
${dismissed ? `<span class="tag">dismissed — ${escapeHtml(REASON_LABELS[f.dismiss_reason ?? ''] ?? 'no reason given')}</span>` : ''}</div>
<p>${escapeHtml(f.description)}</p>${evidenceLine(f.evidence)}
${f.fix_suggestion ? `<p class="muted">Fix: ${escapeHtml(f.fix_suggestion)}</p>` : ''}
${ref?.instruction ? `<p class="muted">Guideline${ref.page ? ` (p. ${ref.page})` : ''}: “${escapeHtml(ref.instruction)}”</p>` : ''}</li>`;
}

/** Known measurements get their own views; everything else the audit measured is listed generically, so new evidence shows without a report change. */
const SHOWN_MEASURES = new Set(['coverage', 'role_shares', 'clusters', 'off_palette_regions', 'tolerances']);

const label = (key: string) => escapeHtml(key.replace(/_/g, ' '));
const isScalar = (v: unknown) => v === null || ['number', 'string', 'boolean'].includes(typeof v);

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return escapeHtml(num(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return HEX.test(text) ? `${swatch(text)} <code>${escapeHtml(text)}</code>` : escapeHtml(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

/** A measurement of any shape, compactly: scalars inline, lists of records as small tables, deeper structure summarised. */
function genericValue(value: unknown, depth = 0): string {
  if (isScalar(value) || value === undefined) return scalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="muted">none</span>';
    if (value.every(isScalar)) return value.slice(0, 16).map(scalar).join(', ') + (value.length > 16 ? ` … (${value.length})` : '');
    const records = value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))].slice(0, 7);
    const rows = records
      .slice(0, 10)
      .map((r) => `<tr>${columns.map((c) => `<td>${isScalar(r[c]) ? scalar(r[c]) : depth < 1 ? genericValue(r[c], depth + 1) : '…'}</td>`).join('')}</tr>`)
      .join('');
    return `<table class="list small"><tr>${columns.map((c) => `<th>${label(c)}</th>`).join('')}</tr>${rows}</table>${value.length > 10 ? `<p class="muted">… ${value.length - 10} more</p>` : ''}`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([, v]) => isScalar(v))) return entries.map(([k, v]) => `<span class="pair"><span class="muted">${label(k)}</span> ${scalar(v)}</span>`).join(' ');
  if (depth >= 2) return `<span class="muted">${entries.length} fields</span>`;
  return `<table class="kv">${entries.map(([k, v]) => `<tr><th>${label(k)}</th><td>${genericValue(v, depth + 1)}</td></tr>`).join('')}</table>`;
}

function measuredSection(score: ComplianceScore): string {
  const m = score.measured;
  if (!m) return '<p class="muted">No pixel measurements were stored with this audit.</p>';
  const parts: string[] = [];
  parts.push(
    `<p>${pct(m.coverage.family)} of pixels are within the palette's tolerance (${pct(m.coverage.exact)} exactly on a palette colour, ${pct(m.coverage.off)} off the palette). Tolerances: ΔE00 ${num(m.tolerances.exact)} exact, ${num(m.tolerances.family)} family.</p>`,
  );
  const rs = m.role_shares;
  const roles = (['neutral', 'brand', 'accent', 'semantic'] as const).filter((r) => rs.measured[r] > 0.0005 || rs.target[r] > 0);
  parts.push(
    `<h3>Role shares <span class="muted">(target from ${rs.target_source === 'usage_weights' ? 'usage weights' : '60-30-10'}, deviation ${pct(rs.deviation)})</span></h3><table class="bars">${roles
      .map(
        (r) =>
          `<tr><th>${r}</th><td><div class="bar"><i style="width:${(rs.measured[r] * 100).toFixed(1)}%"></i></div><div class="bar target"><i style="width:${(rs.target[r] * 100).toFixed(1)}%"></i></div></td><td class="mono">${pct(rs.measured[r])} / ${pct(rs.target[r])}</td></tr>`,
      )
      .join('')}</table>`,
  );
  const foreign = m.off_palette_regions.length > 0 ? m.off_palette_regions : m.clusters;
  if (foreign.length > 0) {
    parts.push(
      `<h3>${m.off_palette_regions.length > 0 ? 'Off-palette regions' : 'Dominant colours'}</h3><table class="list"><tr><th>Colour</th><th>Share</th><th>Nearest brand colour</th><th>ΔE00</th></tr>${foreign
        .slice(0, 10)
        .map(
          (c) =>
            `<tr><td>${swatch(c.hex)} <code>${escapeHtml(c.hex)}</code></td><td>${pct(c.share)}</td><td>${c.nearest_hex ? `${swatch(c.nearest_hex)} ${escapeHtml(c.nearest ?? c.nearest_hex)}` : '—'}</td><td>${c.delta_e === null ? '—' : num(c.delta_e)}</td></tr>`,
        )
        .join('')}</table>`,
    );
  }
  const others = Object.entries(m).filter(([k]) => !SHOWN_MEASURES.has(k));
  if (others.length > 0) {
    parts.push(`<h3>Other measurements</h3><table class="kv">${others.map(([k, v]) => `<tr><th>${label(k)}</th><td>${genericValue(v)}</td></tr>`).join('')}</table>`);
  }
  return parts.join('\n');
}

function decisionWhy(model: ReportModel, findings: readonly NumberedFinding[]): string {
  const { score } = model;
  const openCritical = findings.filter((f) => f.status === 'open' && f.severity === 'critical');
  const reasons: string[] = [];
  if (model.decidedBy === 'reviewer' && model.item.status === 'override') reasons.push('A reviewer approved this image although its audit had not.');
  if (model.item.status === 'rejected') reasons.push('A reviewer rejected this image.');
  reasons.push(
    score.approved
      ? `The overall score ${num(score.overall_score)} is at or above the approval threshold ${num(model.threshold)} and no critical finding is open.`
      : `${score.overall_score < model.threshold ? `The overall score ${num(score.overall_score)} is below the approval threshold ${num(model.threshold)}` : `The overall score ${num(score.overall_score)} reaches the threshold ${num(model.threshold)}`}${openCritical.length > 0 ? `${score.overall_score < model.threshold ? ' and' : ', but'} ${openCritical.length} critical finding${openCritical.length === 1 ? ' is' : 's are'} open` : ''}.`,
  );
  if (score.partial) reasons.push('This audit is partial: some categories were not assessed.');
  if (model.item.stale) reasons.push(`The brand is now at version ${model.brand.current_version}; this audit was measured against version ${model.brand.version ?? '?'}.`);
  return reasons.map((r) => `<p>${escapeHtml(r)}</p>`).join('');
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2433;background:#f6f5f2}
main{max-width:1080px;margin:0 auto;padding:32px 28px 48px}h1{font-size:26px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #e3e1dc;padding-bottom:6px}h3{font-size:14px;margin:16px 0 6px}
.muted{color:#667085}.mono,code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}.head{display:flex;justify-content:space-between;gap:24px;align-items:flex-start}
.verdict{display:inline-block;padding:6px 14px;border-radius:999px;font-weight:700;font-size:15px}.v-good{background:#dcfae6;color:#067647}.v-warn{background:#fef0c7;color:#b54708}.v-bad{background:#fee4e2;color:#b42318}
.score{font-size:40px;font-weight:700;line-height:1}.grid{display:grid;grid-template-columns:minmax(0,1.35fr) minmax(0,1fr);gap:24px;margin-top:20px}
.frame{position:relative;line-height:0;border-radius:8px;overflow:hidden;box-shadow:0 1px 3px rgba(16,24,40,.15);background:#fff}.frame img{width:100%;height:auto;display:block}
.overlay{position:absolute;inset:0;width:100%;height:100%}.pin{position:absolute;transform:translate(-30%,-60%);min-width:22px;height:22px;padding:0 5px;border-radius:11px;color:#fff;font:700 12px/22px sans-serif;text-align:center;box-shadow:0 0 0 2px #fff}
.pair{display:inline-block;margin-right:12px}table.small td,table.small th{font-size:12px;padding:2px 6px}
.panel{background:#fff;border:1px solid #e3e1dc;border-radius:10px;padding:14px 16px}
.cats{list-style:none;margin:0;padding:0}.cats li{display:grid;grid-template-columns:110px 1fr 44px;gap:10px;align-items:center;margin:6px 0}
.bar{height:8px;background:#eceae5;border-radius:4px;overflow:hidden;margin:2px 0}.bar i{display:block;height:100%;background:#0b5fa5}.bar.target i{background:#98a2b3}.cats .bar i.pass{background:#17b26a}.cats .bar i.fail{background:#f04438}
ol.findings{list-style:none;padding:0;margin:0}.finding{background:#fff;border:1px solid #e3e1dc;border-radius:8px;padding:10px 12px;margin:8px 0;break-inside:avoid}.finding p{margin:4px 0}.finding.dismissed{opacity:.65}
.fhead{display:flex;gap:8px;align-items:center;flex-wrap:wrap}.num{display:inline-flex;align-items:center;justify-content:center;min-width:22px;height:22px;border-radius:4px;color:#fff;font-weight:700;font-size:12px}.sev{text-transform:uppercase;font-size:12px}
.tag{background:#f2f4f7;border-radius:999px;padding:1px 8px;font-size:12px}.ev{font-size:12px}.sw{display:inline-block;vertical-align:-2px;border-radius:3px;border:1px solid rgba(0,0,0,.15)}
.palette{display:flex;flex-wrap:wrap;gap:10px}.chip{display:flex;gap:8px;align-items:center;background:#fff;border:1px solid #e3e1dc;border-radius:8px;padding:6px 10px;min-width:170px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;vertical-align:top;border-bottom:1px solid #eeece8}table.bars th{width:80px;text-transform:capitalize}table.bars td.mono{width:120px}table.kv th{width:30%;font-weight:600;text-transform:none}
ul.plain{margin:0;padding-left:18px}.timeline{list-style:none;margin:0;padding:0}.timeline li{padding:6px 0;border-bottom:1px solid #eeece8}.change{font-size:12px;color:#475467;margin:2px 0 0 0}
footer{margin-top:32px;font-size:12px}
@media print{body{background:#fff}main{padding:0}.grid{grid-template-columns:1fr}.panel,.finding{box-shadow:none}h2{break-after:avoid}}
`;

/**
 * The compliance report as one self-contained HTML file: inline CSS and
 * images, no scripts, a CSP that forbids every network request, so it reads
 * the same offline, in any browser, years from now, and prints to PDF.
 */
export function renderReport(model: ReportModel): string {
  const { score, item, brand } = model;
  const findings = findingsOf(score);
  const open = findings.filter((f) => f.status === 'open');
  const dismissed = findings.filter((f) => f.status === 'dismissed');
  const tone = item.status === 'approved' ? 'good' : item.status === 'override' ? 'warn' : score.approved ? 'good' : score.overall_score >= 60 ? 'warn' : 'bad';
  const title = item.prompt ?? item.source_name ?? item.asset_id;
  const errors = score.errors.map((e) => `<li>${escapeHtml(e.message)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="${escapeHtml(model.generator)}">
<title>${escapeHtml(brand.name)} — compliance report — ${escapeHtml(title.slice(0, 80))}</title>
<style>${STYLE}</style></head>
<body><main>
<header class="head"><div><p class="muted">${escapeHtml(brand.name)} · brand guidelines v${escapeHtml(brand.version ?? '?')}${item.stale ? ` (brand is now v${brand.current_version})` : ''}</p>
<h1>Compliance report</h1><p class="muted">${escapeHtml(title)}</p></div>
<div style="text-align:right"><div class="score" data-score>${escapeHtml(num(score.overall_score))}<span class="muted" style="font-size:16px"> / 100</span></div>
<p><span class="verdict v-${tone}" data-decision>${escapeHtml(LIBRARY_STATUS_LABELS[item.status])}</span></p></div></header>
<div class="grid">
<section><div class="frame"><img src="${model.image.dataUri}" width="${model.image.width}" height="${model.image.height}" alt="The audited image">${overlays(findings)}</div>
<p class="muted">${model.original.width}×${model.original.height} ${escapeHtml(model.original.mime)} · ${open.length} open finding${open.length === 1 ? '' : 's'}${dismissed.length ? ` · ${dismissed.length} dismissed` : ''}</p></section>
<section><div class="panel"><h3 style="margin-top:0">Decision</h3>${decisionWhy(model, findings)}${score.summary ? `<p class="muted">${escapeHtml(score.summary)}</p>` : ''}${errors ? `<ul class="muted">${errors}</ul>` : ''}</div>
<div class="panel" style="margin-top:14px"><h3 style="margin-top:0">Category scores</h3><ul class="cats">${score.categories
    .map(
      (c) =>
        `<li><span>${escapeHtml(CATEGORY_LABELS[c.category] ?? c.category)}</span><div class="bar"><i class="${c.passed ? 'pass' : 'fail'}" style="width:${c.score.toFixed(1)}%"></i></div><span class="mono">${Math.round(c.score)}</span></li>`,
    )
    .join('')}</ul></div></section>
</div>
<h2>Findings (${open.length} open)</h2>
${open.length === 0 ? '<p class="muted">No open findings.</p>' : `<ol class="findings">${open.map(findingItem).join('')}</ol>`}
<h2>Dismissals</h2>
${dismissed.length === 0 ? '<p class="muted">No findings were dismissed.</p>' : `<ol class="findings">${dismissed.map(findingItem).join('')}</ol>`}
<h2>Brand palette <span class="muted">(v${escapeHtml(brand.version ?? '?')})</span></h2>
<div class="palette">${brand.palette
    .map((c) => `<div class="chip">${swatch(c.hex, 28)}<div><strong>${escapeHtml(c.name || c.hex)}</strong><br><span class="mono">${escapeHtml(c.hex)}</span> <span class="muted">${escapeHtml(c.usage)}${c.usage_weight > 0 ? ` · ${Math.round(c.usage_weight * 100)}%` : ''}</span></div></div>`)
    .join('')}</div>
<h2>Measured evidence</h2>
${measuredSection(score)}
${model.lineage.length > 1 ? `<h2>Lineage</h2><table class="list"><tr><th>Step</th><th>How</th><th>Score</th><th>Status</th></tr>${model.lineage
    .map(
      (s) =>
        `<tr${s.current ? ' style="font-weight:600"' : ''}><td>${s.attempt === null ? '—' : `Attempt ${s.attempt}${s.round && s.round > 1 ? ` (round ${s.round})` : ''}`}${s.current ? ' ← this image' : ''}</td><td>${escapeHtml(s.kind)}${s.instruction ? `: ${escapeHtml(s.instruction.slice(0, 160))}` : ''}</td><td>${s.score === null ? '—' : Math.round(s.score)}</td><td>${escapeHtml(LIBRARY_STATUS_LABELS[s.status])}</td></tr>`,
    )
    .join('')}</table>` : ''}
<h2>History</h2>
<ul class="timeline">${model.events
    .map(
      (e) =>
        `<li><span class="mono muted">${escapeHtml(e.at.slice(0, 16).replace('T', ' '))}</span> · <strong>${escapeHtml(e.by === 'reviewer' ? 'Reviewer' : e.by === 'audit' ? 'Audit' : 'Mobius')}</strong> — ${escapeHtml(e.summary)}${e.changes ? `<p class="change">${escapeHtml(e.changes.headline)}</p>` : ''}</li>`,
    )
    .join('')}</ul>
<footer class="muted"><table class="kv">
<tr><th>Asset</th><td class="mono">${escapeHtml(item.asset_id)}</td></tr>
<tr><th>Image file</th><td>${escapeHtml(model.original.file)}</td></tr>
<tr><th>SHA-256 of the original image</th><td class="mono">${escapeHtml(model.original.sha256)}</td></tr>
<tr><th>Brand</th><td>${escapeHtml(brand.name)} <span class="mono">${escapeHtml(brand.brand_id)}</span></td></tr>
${item.prompt ? `<tr><th>Prompt</th><td>${escapeHtml(item.prompt)}</td></tr>` : ''}
<tr><th>Cost</th><td>$${item.cost.usd.toFixed(4)} · ${item.cost.tokens.toLocaleString('en-US')} tokens</td></tr>
<tr><th>Exported</th><td>${escapeHtml(model.exportedAt)} by ${escapeHtml(model.generator)}</td></tr>
</table></footer>
</main></body></html>
`;
}
