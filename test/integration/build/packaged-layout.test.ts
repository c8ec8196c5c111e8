import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { build } from 'electron-vite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askWorker } from '../../support/workers';
import { DEFAULT_BUDGET } from '../../../electron/core/ingest/pdf-evidence';
import { INSTALL_TIME_ROOTS, productionPackages } from '../../support/dependency-graph';
import { cjkPdf } from '../../fixtures/pdf/cjk-pdf';
import { testGuidelines } from '../../fixtures/images/generate';

// Electron cannot be downloaded or launched here, but electron-builder can still
// package the app around a stand-in Electron binary: this runs the real
// configuration (files, asarUnpack, fuses, hooks) and then inspects what a user
// would receive — the asar, what is unpacked beside it, the fuse wire — and runs
// the packaged workers from an extracted copy of it. Linux only: the beforePack
// hook (rightly) refuses to package another OS, and macOS packaging needs a real .app.
const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const linux = process.platform === 'linux';

/** @electron/fuses: the sentinel, then the wire version and length, then one byte per fuse ('0' off, '1' on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

let work = '';
let appDir = '';
let asarFile = '';
let files: string[] = [];
let extracted = '';

function fakeElectron(dir: string): void {
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  // Every fuse starts "on", so a fuse the configuration turns off shows up as a flipped byte.
  const wire = Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from('1'.repeat(FUSES.length))]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
  for (const name of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html']) writeFileSync(path.join(dir, name), '');
  writeFileSync(path.join(dir, 'version'), JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version);
}

/** The app as a plain folder: packed files written out, unpacked ones hard-linked from app.asar.unpacked (no copy). */
function extract(archive: string, dest: string): void {
  for (const entry of listPackage(archive, { isPack: false })) {
    const file = entry.replace(/^[\\/]/, '');
    const info = statFile(archive, file, false) as { files?: unknown; link?: string; unpacked?: boolean };
    const target = path.join(dest, file);
    if (info.files) mkdirSync(target, { recursive: true });
    else if (info.link) symlinkSync(path.relative(path.dirname(target), path.join(dest, info.link)), target);
    else if (info.unpacked) linkSync(path.join(`${archive}.unpacked`, file), target);
    else writeFileSync(target, extractFile(archive, file));
  }
}

beforeAll(async () => {
  if (!linux) return;
  work = mkdtempSync(path.join(tmpdir(), 'mobius-package-'));
  // What `npm run build` produces, into out/ where electron-builder takes it from.
  await build({ root, configFile: path.join(root, 'electron.vite.config.ts'), logLevel: 'silent' } as never);
  const electronDist = path.join(work, 'electron-dist');
  fakeElectron(electronDist);
  const output = path.join(work, 'release');
  await run(
    process.execPath,
    [path.join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
    { cwd: root, timeout: 200_000, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  appDir = path.join(output, readdirSync(output).find((name) => name.startsWith('linux') && name.endsWith('unpacked'))!);
  asarFile = path.join(appDir, 'resources', 'app.asar');
  files = listPackage(asarFile, { isPack: false }).map((f) => f.replace(/^[\\/]/, '').split(path.sep).join('/'));
  extracted = path.join(work, 'extracted');
  extract(asarFile, extracted);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const has = (file: string) => files.includes(file);
const unpacked = (file: string) => Boolean((statFile(asarFile, file) as { unpacked?: boolean }).unpacked);
const packageOf = (file: string) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];


describe.runIf(linux)('the packaged app (electron-builder, real configuration)', () => {
  it('flips the fuses: no RunAsNode, no NODE_OPTIONS or inspect flags, asar only and verified, no extra file:// privileges', () => {
    const binary = readFileSync(path.join(appDir, 'mobius-desktop'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i]!)]));
    expect(wire).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });

  it('ships the main bundle, both workers, the preload and the renderer, and every module they import', () => {
    for (const file of ['out/main/index.js', 'out/main/audit.worker.js', 'out/main/evidence.worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect(has(file), file).toBe(true);
    }
    // No native binary may be bundled into out/: it would be the build machine's, outside asarUnpack.
    expect(files.filter((f) => f.startsWith('out/') && f.endsWith('.node'))).toEqual([]);
    const builtins = new Set([...builtinModules, 'electron']);
    const problems: string[] = [];
    for (const file of files.filter((f) => /^out\/main\/.*\.js$/.test(f))) {
      const code = readFileSync(path.join(extracted, file), 'utf8');
      for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"']+)["']/g)) {
        if (specifier!.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier!));
          if (!has(target)) problems.push(`${file} imports missing ${target}`);
        } else if (!builtins.has(specifier!.replace(/^node:/, '').split('/')[0]!) && !specifier!.startsWith('node:')) {
          const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
          const optional = name === 'keytar'; // optionalDependencies: loaded lazily, absent where it could not be built
          if (!has(`node_modules/${name}/package.json`) && !(optional && !existsSync(path.join(root, 'node_modules', name)))) {
            problems.push(`${file} imports ${name}, which is not in the package`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps native modules out of the main entry\'s static imports, so a module that cannot load becomes the start-up dialog', () => {
    // Follow index.js's static imports (not import()): what Electron loads before any code of ours runs.
    const staticBare = new Set<string>();
    const visit = (file: string, seen: Set<string>) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(path.join(extracted, file), 'utf8');
      for (const [, specifier] of code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["'];?$|^import\s*["']([^"']+)["'];?$/gm)) {
        if (!specifier) continue;
        if (specifier.startsWith('.')) visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)), seen);
        else if (!specifier.startsWith('node:')) staticBare.add(specifier);
      }
    };
    visit('out/main/index.js', new Set());
    expect([...staticBare].sort()).toEqual(['electron', 'zod']);
  });

  it('unpacks every native module, all built for this OS and CPU', () => {
    const natives = files.filter((f) => f.endsWith('.node'));
    expect(natives.length).toBeGreaterThanOrEqual(3);
    const machine = { x64: 62, arm64: 183 }[process.arch as 'x64' | 'arm64'];
    for (const file of natives) {
      expect(unpacked(file), `${file} must be unpacked (dlopen cannot read inside an asar)`).toBe(true);
      const head = readFileSync(path.join(`${asarFile}.unpacked`, file)).subarray(0, 20);
      expect(head.subarray(0, 4).toString('latin1'), `${file} is not a Linux binary`).toBe('\x7fELF');
      // better-sqlite3 carries every CPU's binary for this OS and loads its own; everything else must be ours.
      if (!file.startsWith('node_modules/better-sqlite3/prebuilds/')) expect(head.readUInt16LE(18), `${file} CPU`).toBe(machine);
    }
    for (const pkg of ['better-sqlite3', 'sharp', '@napi-rs/keyring']) expect(natives.some((f) => f.startsWith(`node_modules/${pkg}`) || f.includes(pkg.replace('@napi-rs/', '@napi-rs/') + '-')), pkg).toBe(true);
    expect(natives).toContain(`node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`);
    if (existsSync(path.join(root, 'node_modules/keytar/build/Release/keytar.node'))) expect(natives).toContain('node_modules/keytar/build/Release/keytar.node');
  });

  it('unpacks the data read by path: tesseract English (one copy) and pdf.js CMaps, fonts, wasm and ICC', () => {
    const traineddata = 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz';
    expect(has(traineddata) && unpacked(traineddata)).toBe(true);
    expect(files.filter((f) => f.startsWith('node_modules/@tesseract.js-data/eng/4.0.0/'))).toEqual([]);
    for (const file of [
      'node_modules/pdfjs-dist/cmaps/UniJIS-UCS2-H.bcmap',
      'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf',
      'node_modules/pdfjs-dist/wasm/openjpeg.wasm',
      'node_modules/pdfjs-dist/wasm/jbig2.wasm',
      'node_modules/pdfjs-dist/iccs/CGATS001Compat-v2-micro.icc',
    ]) {
      expect(has(file), file).toBe(true);
      expect(unpacked(file), `${file} must be unpacked`).toBe(true);
    }
  });

  it('ships exactly the run-time dependencies: no dev tools, no install-time tooling, nothing missing', () => {
    const shipped = new Set(files.map(packageOf).filter((name): name is string => Boolean(name)));
    // By name: electron-builder hoists nested packages into the app's top-level node_modules.
    const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const needed = new Set([...productionPackages(root, { runtimeOnly: true })].map(nameOf));
    const all = new Set([...productionPackages(root, { runtimeOnly: false })].map(nameOf));
    expect([...needed].filter((name) => !shipped.has(name)), 'run-time packages missing from the app').toEqual([]);
    const toolingOnly = [...all].filter((name) => !needed.has(name));
    expect(toolingOnly.filter((name) => shipped.has(name)), 'install-time or type-only packages in the app (add them to the files excludes)').toEqual([]);
    for (const dev of ['tsx', 'esbuild', 'vite', 'vitest', 'electron', 'electron-builder', 'typescript', 'playwright-core', 'pdf-lib', 'fast-check', 'react', ...INSTALL_TIME_ROOTS]) {
      expect(shipped.has(dev), `${dev} must not ship`).toBe(false);
    }
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('runs the packaged workers from an extracted copy: OCR with the shipped data, CJK text with the shipped CMaps', async () => {
    const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0B5FA5' } }).png().toBuffer();
    const audit = await askWorker<{ ok: boolean; value?: { coverage: { exact: number } }; error?: unknown }>(
      path.join(extracted, 'out/main/audit.worker.js'),
      { id: 1, bytes: new Uint8Array(bytes), guidelines: testGuidelines(), options: { ocr: true } },
      () => true,
    );
    expect(audit.error).toBeUndefined();
    expect(audit.value?.coverage.exact).toBe(1);

    const pdf = await cjkPdf('ブランド');
    const evidence = await askWorker<{ type: string; run?: { empty: boolean; warnings: string[] }; message?: string }>(
      path.join(extracted, 'out/main/evidence.worker.js'),
      { bytes: pdf, budget: DEFAULT_BUDGET, filename: 'cjk.pdf', now: new Date(0).toISOString() },
      (m) => m.type !== 'page',
    );
    expect(evidence.message).toBeUndefined();
    // The page holds only CJK text: it is read (not "empty") only when the shipped CMaps load.
    expect(evidence.run?.empty).toBe(false);
  });

  it('loads every package the bundles import, and the chunks, from the packaged node_modules alone', () => {
    // Bare specifiers of every bundle except `electron` (index.js needs the real one; the app chunk shares modules with it).
    const specifiers = new Set<string>();
    for (const file of files.filter((f) => /^out\/main\/.*\.js$/.test(f))) {
      for (const [, specifier] of readFileSync(path.join(extracted, file), 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
        if (!specifier!.startsWith('node:') && specifier !== 'electron' && !builtinModules.includes(specifier!)) specifiers.add(specifier!);
      }
    }
    for (const required of ['sharp', 'better-sqlite3', '@google/genai', 'pdfjs-dist/legacy/build/pdf.mjs', '@napi-rs/keyring', 'tesseract.js']) expect(specifiers, required).toContain(required);
    if (!existsSync(path.join(root, 'node_modules/keytar'))) specifiers.delete('keytar');
    const chunks = files
      .filter((f) => /^out\/main\/chunks\/.*\.js$/.test(f) && !readFileSync(path.join(extracted, f), 'utf8').includes('"../index.js"'))
      .map((f) => `./${path.posix.relative('out/main', f)}`);
    // Written inside the extracted app, so every import resolves from the packaged node_modules only.
    const probe = path.join(extracted, 'out/main/load-check.mjs');
    writeFileSync(probe, `for (const s of ${JSON.stringify([...specifiers, ...chunks])}) await import(s);\nconsole.log('loaded');\n`);
    const out = execFileSync(process.execPath, [probe], { cwd: extracted, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 });
    expect(out.trim()).toBe('loaded');
  });
});
