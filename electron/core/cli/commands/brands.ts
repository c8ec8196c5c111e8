import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrandDetail } from '../../../../shared/ipc';
import { LOGO_VARIANTS, type LogoVariant } from '../../../../shared/vocab/logos';
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

function logoVariant(value: string | undefined): LogoVariant {
  const variant = value ?? 'primary';
  if (!(LOGO_VARIANTS as readonly string[]).includes(variant)) throw new UsageError(`Unknown logo variant "${variant}". Use one of: ${LOGO_VARIANTS.join(', ')}.`);
  return variant as LogoVariant;
}

/** The brand's logo files, as the app lists them. */
function formatLogos(detail: BrandDetail): string {
  if (detail.logos.length === 0) return `${detail.brand.name} has no logo file. Add one: mobius brand logo add ${detail.brand.brand_id} <logo.svg|png|pdf> [--variant primary|reversed|mark]`;
  return table(
    ['ID', 'VARIANT', 'IN USE', 'CHECKED', 'FROM'],
    detail.logos.map((l) => [l.id, l.variant, l.in_use ? 'yes' : '', l.verified ? 'yes' : `no (${Math.round(l.confidence * 100)} %)`, l.page ? `PDF page ${l.page} (${l.source})` : 'added by hand']),
  );
}

async function logoCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [action, brandId, target] = args;
  const brands = ctx.core().services.brands;
  if (action === 'add') {
    const usage = 'mobius brand logo add <brand> <file> [--variant primary|reversed|mark]';
    const file = path.resolve(requireArg(target, usage));
    const detail = await brands.addLogo({ brand_id: requireArg(brandId, usage), path: file, variant: logoVariant(options.variant) });
    out.result(detail.logos, () => `Added ${path.basename(file)} to "${detail.brand.name}" (version ${detail.brand.version}).

${formatLogos(detail)}`);
    return;
  }
  if (action === 'remove') {
    const usage = 'mobius brand logo remove <brand> <logo-id>';
    const detail = await brands.removeLogo({ brand_id: requireArg(brandId, usage), logo_id: requireArg(target, usage) });
    out.result(detail.logos, () => `Removed logo ${target} from "${detail.brand.name}" (version ${detail.brand.version}).

${formatLogos(detail)}`);
    return;
  }
  if (action === 'use') {
    const usage = 'mobius brand logo use <brand> <logo-id> [--variant primary|reversed|mark]';
    const detail = await brands.chooseLogo({ brand_id: requireArg(brandId, usage), logo_id: requireArg(target, usage), variant: logoVariant(options.variant) });
    out.result(detail.logos, () => `Logo ${target} is now the ${logoVariant(options.variant)} logo of "${detail.brand.name}" (version ${detail.brand.version}).

${formatLogos(detail)}`);
    return;
  }
  throw new UsageError('Usage: mobius brand logo add <brand> <file> [--variant primary|reversed|mark] | mobius brand logo remove <brand> <logo-id> | mobius brand logo use <brand> <logo-id> [--variant …]');
}

export async function brandCommand(ctx: CliContext, out: Output, args: string[], options: ParsedOptions): Promise<void> {
  const [first, second] = args;
  switch (first) {
    case 'logos': {
      const detail = await ctx.core().services.brands.get({ brand_id: requireArg(second, 'mobius brand logos <brand> [--json]') });
      out.result(detail.logos, () => formatLogos(detail));
      return;
    }
    case 'logo':
      return logoCommand(ctx, out, args.slice(1), options);
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
