import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Brand } from '../../../shared/schema';
import { runCli, spawnCli } from '../../support/cli';

const LEGACY = path.resolve(import.meta.dirname, '../../fixtures/brands/mobius-legacy-brand.json');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mobius-cli-'));
});

const stripIdentity = (b: Brand) => {
  const { brand_id: _id, created_at: _c, updated_at: _u, ...rest } = b;
  return rest;
};

describe('mobius brands / brand import / brand export', () => {
  it('the installed bin prints [] for a new library', async () => {
    const run = await spawnCli(['brands', '--json', '--data-dir', dataDir]);
    expect(run).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('imports Mobius JSON (legacy background usage) and round-trips through export', async () => {
    const imported = await runCli(['brand', 'import', LEGACY, '--json', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    const brand = Brand.parse(JSON.parse(imported.stdout));
    expect(brand.name).toBe('Northwind Coffee');
    expect(brand.organization_id).toBe('org_42');
    expect(brand.guidelines.colors.find((c) => c.name === 'Crema')?.usage).toBe('neutral');
    expect(brand.compressed_twin?.neutral_colors).toEqual(['#F3E9DC']);
    expect(brand.compressed_twin?.visual_donts).toEqual(['Never recolour the logo']);
    expect(brand.guidelines.identity_core?.archetype).toBe('Caregiver');

    const original = JSON.parse(readFileSync(LEGACY, 'utf8')) as { guidelines: { colors: { hex: string }[] } };
    expect(brand.guidelines.colors.map((c) => c.hex)).toEqual(original.guidelines.colors.map((c) => c.hex.replace(/^#?/, '#').toUpperCase()));

    const exported = await runCli(['brand', 'export', brand.brand_id, '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    const first = Brand.parse(JSON.parse(exported.stdout));
    expect(first).toEqual(brand);

    // Export → import → export is stable: nothing is lost or changed by a round trip.
    const file = path.join(dataDir, 'exported.json');
    writeFileSync(file, exported.stdout);
    const again = await runCli(['brand', 'import', file, '--json', '--data-dir', dataDir]);
    const second = Brand.parse(JSON.parse(again.stdout));
    expect(second.brand_id).not.toBe(first.brand_id);
    expect(stripIdentity(second)).toEqual(stripIdentity(first));

    const list = await runCli(['brands', '--json', '--data-dir', dataDir]);
    expect((JSON.parse(list.stdout) as Brand[]).map((b) => b.name)).toEqual(['Northwind Coffee', 'Northwind Coffee']);
  });

  it('exports design tokens and CSS variables', async () => {
    const imported = Brand.parse(JSON.parse((await runCli(['brand', 'import', LEGACY, '--json', '--data-dir', dataDir])).stdout));
    const tokens = JSON.parse((await runCli(['brand', 'export', imported.brand_id, '--format', 'tokens', '--data-dir', dataDir])).stdout);
    expect(tokens.color.primary['roast-brown']).toMatchObject({ $type: 'color', $value: '#5C3A21' });
    expect(tokens.color.neutral.crema.$value).toBe('#F3E9DC');
    expect(tokens.font.inter).toEqual({ $type: 'fontFamily', $value: ['Inter'], $description: 'Body copy' });
    const css = (await runCli(['brand', 'export', imported.brand_id, '--format', 'css', '--data-dir', dataDir])).stdout;
    expect(css).toContain('--brand-accent-sunrise: #FFB300;');
    expect(css).toContain('--brand-font-source-serif-pro: "Source Serif Pro";');
  });

  it('shows a brand for people and as JSON', async () => {
    const imported = Brand.parse(JSON.parse((await runCli(['brand', 'import', LEGACY, '--json', '--data-dir', dataDir])).stdout));
    const human = await runCli(['brand', imported.brand_id, '--data-dir', dataDir]);
    expect(human.stdout).toContain('#F3E9DC  Crema');
    expect(human.stdout).toMatch(/neutral\n\s+#F3E9DC/);
    const versions = await runCli(['brand', 'versions', imported.brand_id, '--json', '--data-dir', dataDir]);
    expect(JSON.parse(versions.stdout)).toHaveLength(1);
  });

  it('deletes softly and restores', async () => {
    const imported = Brand.parse(JSON.parse((await runCli(['brand', 'import', LEGACY, '--json', '--data-dir', dataDir])).stdout));
    expect((await runCli(['brand', 'delete', imported.brand_id, '--data-dir', dataDir])).code).toBe(0);
    expect(JSON.parse((await runCli(['brands', '--json', '--data-dir', dataDir])).stdout)).toEqual([]);
    expect((await runCli(['brand', 'restore', imported.brand_id, '--data-dir', dataDir])).code).toBe(0);
    expect(JSON.parse((await runCli(['brands', '--json', '--data-dir', dataDir])).stdout)).toHaveLength(1);
  });
});

describe('errors', () => {
  it('unknown brand → exit 1 with BRAND_NOT_FOUND in the JSON envelope', async () => {
    const run = await runCli(['brand', 'nope', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'BRAND_NOT_FOUND' } });
    expect(run.stderr).toMatch(/No brand with id "nope"/);
  });

  it('usage mistakes → exit 2', async () => {
    expect((await runCli(['frobnicate', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['brands', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['brand', 'import', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['brand', 'export', 'x', '--format', 'pdf', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['--help'])).code).toBe(0);
  });

  it('a file that is not a brand → exit 1 with a clear message and nothing stored', async () => {
    const notJson = path.join(dataDir, 'notes.json');
    writeFileSync(notJson, '{ this is not json');
    const a = await runCli(['brand', 'import', notJson, '--data-dir', dataDir]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/notes\.json is not valid JSON/);
    const bad = path.join(dataDir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'X', guidelines: { colors: [{ name: 'c', hex: 'blue', usage: 'primary' }] } }));
    const b = await runCli(['brand', 'import', bad, '--data-dir', dataDir]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/not a Mobius brand: .*hex code/);
    expect(JSON.parse((await runCli(['brands', '--json', '--data-dir', dataDir])).stdout)).toEqual([]);
  });

  it('a corrupted database file → exit 1, DATABASE_CORRUPT, file left as it was', async () => {
    const db = path.join(dataDir, 'mobius.db');
    writeFileSync(db, 'this is not a database at all, just some text that got here somehow');
    const before = readFileSync(db);
    const run = await runCli(['brands', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('DATABASE_CORRUPT');
    expect(readFileSync(db)).toEqual(before);
  });

  it('an unwritable data dir → exit 1, DATA_DIR_UNWRITABLE', async () => {
    const file = path.join(dataDir, 'a-file');
    writeFileSync(file, 'x');
    const run = await runCli(['brands', '--json', '--data-dir', path.join(file, 'library')]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('DATA_DIR_UNWRITABLE');
  });

  it('a settings value out of range → exit 1, VALIDATION, nothing changed', async () => {
    const run = await runCli(['settings', 'set', 'compliance_threshold=1.5', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('VALIDATION');
    expect(run.stderr).toMatch(/compliance_threshold/);
    const shown = JSON.parse((await runCli(['settings', '--json', '--data-dir', dataDir])).stdout);
    expect(shown.compliance_threshold).toBe(0.8);
    const ok = await runCli(['settings', 'set', 'compliance_threshold=0.9', 'max_generation_attempts=4', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ compliance_threshold: 0.9, max_generation_attempts: 4 });
  });
});

describe('mobius key', () => {
  const KEY = 'AIzaSyD-SENTINEL-cli-key-0123456789abcdef';

  it('reports a key from the environment without printing it', async () => {
    const run = await runCli(['key', 'status', '--json', '--data-dir', dataDir], { env: { GEMINI_API_KEY: KEY } });
    expect(JSON.parse(run.stdout)).toEqual({ has_key: true, source: 'env', keychain: null });
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('refuses to "save" a key when no keychain is available and says what to do', async () => {
    const run = await runCli(['key', 'set', '--data-dir', dataDir], { stdin: `${KEY}\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/GEMINI_API_KEY/);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });
});
