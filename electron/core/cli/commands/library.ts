import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AssetHistory, LibraryFilter, LibraryItem, ReauditProgress, ReauditResult } from '../../../../shared/schema';
import { LIBRARY_SORTS, LIBRARY_STATUSES, LIBRARY_STATUS_LABELS, type LibrarySort, type LibraryStatus } from '../../../../shared/vocab/library';
import { BATCH_LIMIT } from '../../services/library';
import type { CliContext } from '../context';
import { table } from '../format';
import { UsageError, type CliIO, type Output } from '../io';
import type { ParsedOptions } from '../options';
import { createProgress } from '../progress';
import { createCliRunner, finish, runUntilIdle } from './generate';

const STATUS_WORDS = [...LIBRARY_STATUSES, 'stale'] as const;

/** `--status approved,override` and `--status stale` as a library filter; --brand, --search, --stale, --since-version too. */
export function filterFromOptions(options: ParsedOptions): LibraryFilter {
  const filter: LibraryFilter = {};
  if (options.brand) filter.brand_id = options.brand;
  if (options.search) filter.search = options.search;
  if (options.stale) filter.stale = true;
  if (options.sinceVersion !== undefined) {
    const version = Number(options.sinceVersion);
    if (!Number.isInteger(version) || version < 1) throw new UsageError('--since-version takes a brand version number, e.g. --since-version 3.');
    filter.version_min = version;
  }
  if (options.status) {
    const words = options.status.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
    for (const word of words) {
      if (!(STATUS_WORDS as readonly string[]).includes(word)) throw new UsageError(`Unknown status "${word}". Use one or more of: ${STATUS_WORDS.join(', ')}.`);
    }
    const statuses = words.filter((w): w is LibraryStatus => w !== 'stale');
    if (statuses.length > 0) filter.statuses = statuses;
    if (words.includes('stale')) filter.stale = true;
  }
  return filter;
}

function short(text: string | null, max: number): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function formatItems(items: readonly LibraryItem[], total: number): string {
  if (total === 0) return 'No images match.';
  const rows = items.map((i) => [
    i.asset_id,
    i.brand_name,
    `${LIBRARY_STATUS_LABELS[i.status]}${i.stale ? ' (stale)' : ''}`,
    i.score === null ? '–' : i.score.toFixed(1),
    i.audited_version === null ? '–' : `v${i.audited_version}`,
    i.created_at.slice(0, 10),
    `$${i.cost.usd.toFixed(3)}`,
    short(i.prompt ?? i.source_name, 48),
  ]);
  const more = total > items.length ? `\n… ${total - items.length} more (use --limit, --json, or narrow with --status / --search).` : '';
  return `${table(['ID', 'BRAND', 'STATUS', 'SCORE', 'VERSION', 'CREATED', 'COST', 'PROMPT / FILE'], rows)}${more}`;
}

/** `mobius assets`: the library, filtered. --json prints `{total, offset, items: LibraryItem[]}` (docs/CLI.md). */
export async function assetsCommand(ctx: CliContext, out: Output, options: ParsedOptions): Promise<void> {
  const sort = (options.sort ?? 'newest') as LibrarySort;
  if (!LIBRARY_SORTS.includes(sort)) throw new UsageError(`--sort takes one of: ${LIBRARY_SORTS.join(', ')}.`);
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a number from 1 to 500.');
  const page = await ctx.core().services.library.query({ ...filterFromOptions(options), sort, offset: 0, limit });
  out.result({ total: page.total, offset: page.offset, items: page.items }, () => formatItems(page.items, page.total));
}

function formatHistory(h: AssetHistory): string {
  const { item } = h;
  const lines = [
    `${item.prompt ?? item.source_name ?? item.asset_id}`,
    `${LIBRARY_STATUS_LABELS[item.status]}${item.score === null ? '' : `  ${item.score.toFixed(1)}/100`}  audited against v${item.audited_version ?? '?'}${item.stale ? ` (brand is now v${item.current_version}: stale)` : ''}`,
    `${item.brand_name} · ${item.origin} · ${item.width}×${item.height} · cost $${item.cost.usd.toFixed(4)}${h.job ? ` · job ${h.job.job_id} ($${h.job.cost.usd.toFixed(4)})` : ''}`,
  ];
  if (h.lineage.length > 1) {
    lines.push('', 'Lineage:');
    for (const s of h.lineage) {
      lines.push(`  ${s.current ? '→' : ' '} ${s.attempt === null ? '' : `attempt ${s.attempt} `}${s.kind.padEnd(9)} ${s.score === null ? '  –  ' : s.score.toFixed(1).padStart(5)}  ${LIBRARY_STATUS_LABELS[s.status].padEnd(20)} ${s.asset_id}${s.instruction ? `\n      ${short(s.instruction, 100)}` : ''}`);
    }
  }
  lines.push('', 'History:');
  for (const e of h.events) {
    lines.push(`  ${e.at.slice(0, 16).replace('T', ' ')}  ${e.by.padEnd(8)} ${e.summary}`);
    if (e.changes) lines.push(`      ${e.changes.headline}`);
  }
  return lines.join('\n');
}

/** `mobius asset <id>`: lineage, every audit and every decision. --json prints the AssetHistory. */
export async function assetCommand(ctx: CliContext, out: Output, args: string[]): Promise<void> {
  const [id] = args;
  if (!id) throw new UsageError('Usage: mobius asset <id> [--json]');
  const history = await ctx.core().services.library.history({ asset_id: id });
  out.result(history, () => formatHistory(history));
}

/** `mobius export <asset-id>… --out <dir>` or `mobius export --brand <id> --status approved --out <dir>`. */
export async function exportCommand(ctx: CliContext, out: Output, io: CliIO, args: string[], options: ParsedOptions): Promise<void> {
  if (!options.out) throw new UsageError('Usage: mobius export <asset-id>… --out <dir> [--zip]  |  mobius export --brand <id> [--status approved] --out <dir>');
  const byFilter = args.length === 0;
  if (byFilter && !options.brand && !options.status && !options.search && !options.stale) {
    throw new UsageError('Name the images to export (asset ids) or a filter (--brand, --status, --search).');
  }
  const { exports } = ctx.core().services;
  const ids = byFilter ? ctx.store().library.ids(filterFromOptions(options), BATCH_LIMIT) : args;
  if (!byFilter) for (const id of ids) ctx.store().assets.require(id);
  if (ids.length === 0) throw new UsageError('No images match this filter; nothing to export.');
  const progress = createProgress(io);
  const outcome = await exports.exportTo({
    assetIds: ids,
    target: path.resolve(options.out),
    zip: options.zip,
    embedProvenance: !options.noProvenance,
    onProgress: (p) => progress.update(p.stage === 'finishing' ? 'Writing manifest…' : `Exporting ${p.done + 1}/${p.total}…`),
  });
  progress.done();
  for (const s of outcome.skipped) out.note(`Skipped ${s.asset_id}: ${s.reason === 'not_audited' ? 'not audited yet' : s.reason}.`);
  out.result(outcome, () => `Exported ${outcome.count} image${outcome.count === 1 ? '' : 's'} to ${outcome.path}\n${outcome.files.map((f) => `  ${f.image}  ${f.report}`).join('\n')}`);
}

/** `mobius reaudit`: re-audit (stale) assets against each brand's current version; waits for the end; prints what changed. */
export async function reauditCommand(ctx: CliContext, out: Output, io: CliIO, args: string[], options: ParsedOptions): Promise<void> {
  const core = ctx.core();
  const filter = filterFromOptions(options);
  if (args.length === 0 && !options.brand && !options.stale && !options.status) throw new UsageError('Usage: mobius reaudit --brand <id> [--stale]  |  mobius reaudit <asset-id>…');
  const reauditId = randomUUID();
  const progress = createProgress(io);
  const results: ReauditResult[] = [];
  const finished = new Promise<ReauditProgress>((resolve) => {
    const off = core.events.on('library.reaudit', (p) => {
      if (p.reaudit_id !== reauditId) return;
      if (p.result) results.push(p.result);
      progress.update(`Re-audited ${p.done}/${p.total} · ${p.decisions_changed} decision(s) changed`);
      if (p.state !== 'running') {
        off();
        resolve(p);
      }
    });
  });
  const onSigint = () => void core.services.library.cancelReaudit({ reaudit_id: reauditId });
  process.once('SIGINT', onSigint);
  try {
    await core.services.library.reaudit({ reaudit_id: reauditId, ...(args.length > 0 ? { asset_ids: args } : { filter }) });
    const last = await finished;
    progress.done();
    const summary = { reaudit_id: reauditId, state: last.state, total: last.total, decisions_changed: last.decisions_changed, results };
    out.result(summary, () => {
      const changed = results.filter((r) => r.changes?.decision_changed);
      const failed = results.filter((r) => !r.ok);
      return [
        `${last.state === 'done' ? 'Re-audited' : `Re-audit ${last.state} after`} ${results.length} of ${last.total} image(s); ${last.decisions_changed} decision(s) changed.`,
        ...changed.map((r) => `  ${r.asset_id}  ${r.changes!.headline}`),
        ...failed.map((r) => `  ${r.asset_id}  failed: ${r.error?.message ?? 'unknown error'}`),
      ].join('\n');
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** `mobius template save|list|generate`. */
export async function templateCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [action, first, ...rest] = args;
  const templates = ctx.core().services.templates;
  switch (action) {
    case 'save': {
      if (!first) throw new UsageError('Usage: mobius template save <asset-id> [--name <name>] [--prompt "<prompt>"]');
      const template = await templates.save({ asset_id: first, ...(options.name ? { name: options.name } : {}), ...(options.prompt ? { prompt: options.prompt } : {}) });
      out.result(template, () => `Saved template "${template.name}" (${template.template_id}).`);
      return;
    }
    case 'list': {
      const list = await templates.list(options.brand ? { brand_id: options.brand } : {});
      out.result(list, () =>
        list.length === 0
          ? 'No templates yet. Save one with `mobius template save <asset-id>`.'
          : table(['ID', 'NAME', 'ASPECT', 'SIZE', 'PROMPT'], list.map((t) => [t.template_id, short(t.name, 30), t.aspect_ratio, t.image_size, short(t.prompt, 50)])),
      );
      return;
    }
    case 'generate': {
      const prompt = rest.join(' ').trim();
      if (!first || !prompt) throw new UsageError('Usage: mobius template generate <template-id> "<prompt>"');
      const runner = await createCliRunner(ctx, out);
      const job = await templates.generate({ template_id: first, prompt, ...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}) });
      await runUntilIdle(runner, out, runner.waitFor(job.job_id));
      finish(ctx, out, ctx.store().jobs.require(job.job_id));
      return;
    }
    default:
      throw new UsageError('Usage: mobius template save <asset-id> | list [--brand <id>] | generate <template-id> "<prompt>"');
  }
}

/** `mobius costs [--brand <id>]`: spend per brand and month. */
export async function costsCommand(ctx: CliContext, out: Output, options: ParsedOptions): Promise<void> {
  const costs = await ctx.core().services.library.costs(options.brand ? { brand_id: options.brand } : {});
  out.result(costs, () =>
    costs.months.length === 0
      ? 'Nothing spent yet.'
      : `${table(['MONTH', 'BRAND', 'IMAGES', 'TOKENS', 'USD'], costs.months.map((m) => [m.month, m.brand_name, String(m.assets), m.tokens.toLocaleString('en-US'), `$${m.usd.toFixed(4)}`]))}\nTotal: $${costs.total_usd.toFixed(4)}`,
  );
}
