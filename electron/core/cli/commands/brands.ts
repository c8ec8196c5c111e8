import { writeFile } from 'node:fs/promises';
import { BRAND_EXPORT_FORMATS, type BrandExportFormat } from '../../brands/brand-io';
import type { CliContext } from '../context';
import { formatBrand, formatBrandList, table } from '../format';
import { UsageError, type Output } from '../io';
import type { ParsedOptions } from '../options';

export function listBrands(ctx: CliContext, out: Output): void {
  const brands = ctx.store().brands.list();
  out.result(brands, () => formatBrandList(brands));
}

function exportFormat(value: string | undefined): BrandExportFormat {
  const format = value ?? 'mobius';
  if (!(BRAND_EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown export format "${format}". Use one of: ${BRAND_EXPORT_FORMATS.join(', ')}.`);
  }
  return format as BrandExportFormat;
}

function requireArg(value: string | undefined, usage: string): string {
  if (!value) throw new UsageError(`Missing argument. Usage: ${usage}`);
  return value;
}

export async function brandCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [first, second] = args;
  switch (first) {
    case 'import': {
      const file = requireArg(second, 'mobius brand import <brand.json>');
      const brand = await ctx.core().services.brands.import({ path: file });
      ctx.logger().info('brand_imported', { brand_id: brand.brand_id, colors: brand.guidelines.colors.length });
      out.result(brand, () => `Imported "${brand.name}" as ${brand.brand_id}.\n\n${formatBrand(brand)}`);
      return;
    }
    case 'export': {
      const id = requireArg(second, 'mobius brand export <id> [--format mobius|tokens|css|ase] [--out <file>]');
      const format = exportFormat(options.format);
      const file = await ctx.core().services.brands.export({ brand_id: id, format });
      const content = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content;
      if (options.out) {
        await writeFile(options.out, content);
        out.note(`Wrote ${format} export to ${options.out}.`);
      } else if (typeof content === 'string') {
        out.raw(content);
      } else {
        throw new UsageError('An ASE export is binary: give a file with --out <brand.ase>.');
      }
      return;
    }
    case 'versions': {
      const id = requireArg(second, 'mobius brand versions <id>');
      const versions = ctx.store().brands.listVersions(id);
      out.result(versions, () =>
        table(
          ['VERSION', 'CREATED', 'COLOURS', 'NOTE'],
          versions.map((v) => [`v${v.version}`, v.created_at.slice(0, 16).replace('T', ' '), String(v.guidelines.colors.length), v.note ?? '']),
        ),
      );
      return;
    }
    case 'delete': {
      const id = requireArg(second, 'mobius brand delete <id>');
      const brand = ctx.store().brands.require(id);
      ctx.store().brands.softDelete(id);
      out.result({ brand_id: id, deleted: true }, () => `Deleted "${brand.name}". Its versions and assets are kept; restore it with \`mobius brand restore ${id}\`.`);
      return;
    }
    case 'restore': {
      const id = requireArg(second, 'mobius brand restore <id>');
      const brand = ctx.store().brands.restore(id);
      out.result(brand, () => `Restored "${brand.name}".`);
      return;
    }
    case 'show':
    default: {
      const id = requireArg(first === 'show' ? second : first, 'mobius brand <id>');
      const brand = ctx.store().brands.require(id);
      out.result(brand, () => formatBrand(brand));
    }
  }
}
