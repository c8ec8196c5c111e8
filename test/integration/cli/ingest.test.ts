import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Brand } from '../../../shared/schema';
import { generateBrandPdf } from '../../fixtures/pdf/brand-pdf';
import { runCli } from '../../support/cli';

describe('mobius ingest', () => {
  it('builds the brand twin from a generated PDF offline and prints the Brand JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mobius-ingest-cli-'));
    const { bytes, truth } = await generateBrandPdf({
      colors: [
        { name: 'Harbour Navy', hex: '#14305E', role: 'primary', notation: 'hex' },
        { name: 'Sand', hex: '#EFE6D8', role: 'neutral', notation: 'hex-bare' },
        { name: 'Signal Orange', hex: '#FF6A13', role: 'accent', notation: 'rgb-only' },
      ],
      fonts: [{ family: 'Inter', label: 'Primary font' }],
      dos: ['use generous white space'],
      donts: ['place the logo on busy photography'],
      misuseColors: [],
      layout: 'table',
      specimen: false,
      minLogoPx: 96,
    });
    const pdf = path.join(dir, 'harbour-guidelines.pdf');
    writeFileSync(pdf, bytes);

    const run = await runCli(['ingest', pdf, '--offline', '--name', 'Harbour', '--json', '--data-dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    const brand = Brand.parse(JSON.parse(run.stdout));
    expect(brand.name).toBe('Harbour');
    const palette = brand.guidelines.colors.map((c) => [c.hex, c.usage]).sort();
    expect(palette).toEqual(truth.palette.map((c) => [c.hex, c.role]).sort());
    expect(brand.compressed_twin?.accent_colors).toEqual(['#FF6A13']);
    expect(brand.pdf_url).toMatch(/^mobius-asset:\/\//);
    expect(run.stderr).toMatch(/Reading pages/);

    const listed = JSON.parse((await runCli(['brands', '--json', '--data-dir', dir])).stdout) as Brand[];
    expect(listed.map((b) => b.brand_id)).toEqual([brand.brand_id]);
  });

  it('rejects a file that is not a PDF with exit 1 and stores nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mobius-ingest-cli-'));
    const fake = path.join(dir, 'notes.pdf');
    writeFileSync(fake, 'just some notes, renamed');
    const run = await runCli(['ingest', fake, '--offline', '--json', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('INVALID_FILE_TYPE');
    expect(JSON.parse((await runCli(['brands', '--json', '--data-dir', dir])).stdout)).toEqual([]);
  });
});
