import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { beforePack, crossBuildProblem } from '../../../scripts/electron-builder/before-pack.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  deb: { appArmorProfile: string };
  mac: { entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean };
  asarUnpack: string[];
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | string>;

describe('electron-builder configuration', () => {
  it('turns every fuse a Mobius build needs, including file:// privileges off, and re-signs unsigned arm64 mac builds', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('registers no OS deep-link protocol, and main never asks to become a protocol client', () => {
    expect(config['protocols']).toBeUndefined();
    for (const file of readdirSync(path.join(root, 'electron/main'))) {
      expect(readFileSync(path.join(root, 'electron/main', file), 'utf8'), file).not.toMatch(/setAsDefaultProtocolClient|open-url/);
    }
  });

  it('grants macOS exactly the JIT entitlement', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    for (const file of new Set([config.mac.entitlements, config.mac.entitlementsInherit])) {
      const plist = readFileSync(path.join(root, file), 'utf8');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
      expect(plist).not.toMatch(/allow-unsigned-executable-memory|disable-library-validation|allow-dyld-environment-variables/);
    }
  });

  it('ships an AppArmor profile with the deb that lets exactly the Mobius binary create user namespaces (Ubuntu 23.10+)', () => {
    const profile = readFileSync(path.join(root, config.deb.appArmorProfile), 'utf8');
    expect(profile).toMatch(/^abi <abi\/4\.0>,$/m);
    expect(profile).toContain('profile "${executable}" "/opt/${sanitizedProductName}/${executable}" flags=(unconfined) {');
    expect(profile).toMatch(/^\s+userns,$/m);
    expect((config['linux'] as Record<string, unknown>)['executableName']).toBe('mobius-desktop');
  });

  it('gives the deb its homepage and a maintainer with an e-mail address', () => {
    expect(pkg['homepage']).toMatch(/^https:\/\//);
    expect(pkg['author']).toMatchObject({ name: expect.any(String), email: expect.stringMatching(/^[^@\s]+@[^@\s]+\.[a-z]+$/) });
  });

  it('unpacks native modules and the data read by path', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/@tesseract.js-data/**', 'node_modules/pdfjs-dist/{cmaps,standard_fonts,wasm,iccs}/**']));
  });

  it('refuses to package for another OS or CPU than the machine that installed node_modules', async () => {
    expect(config['npmRebuild']).toBe(false);
    expect(config['beforePack']).toBe('./scripts/electron-builder/before-pack.mjs');
    expect(crossBuildProblem({ platform: 'linux', arch: 1 }, { platform: 'linux', arch: 'x64' })).toBeNull();
    expect(crossBuildProblem({ platform: 'darwin', arch: 3 }, { platform: 'darwin', arch: 'arm64' })).toBeNull();
    expect(crossBuildProblem({ platform: 'darwin', arch: 3 }, { platform: 'linux', arch: 'x64' })).toMatch(/Refusing to package darwin\/arm64 on linux\/x64/);
    expect(crossBuildProblem({ platform: 'darwin', arch: 1 }, { platform: 'darwin', arch: 'arm64' })).toMatch(/darwin\/x64/);
    expect(crossBuildProblem({ platform: 'darwin', arch: 4 }, { platform: 'darwin', arch: 'arm64' })).toMatch(/universal/);
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(beforePack({ electronPlatformName: other, arch: 1 })).rejects.toThrow(/docs\/RELEASING\.md/);
  });
});

describe('dependencies', () => {
  const deps = pkg['dependencies'] as Record<string, string>;
  const optional = pkg['optionalDependencies'] as Record<string, string>;
  const dev = pkg['devDependencies'] as Record<string, string>;

  it('installs without system libraries: keytar is optional, the prebuilt keychain binding is required', () => {
    expect(optional).toHaveProperty('keytar');
    expect(deps).not.toHaveProperty('keytar');
    expect(deps).toHaveProperty('@napi-rs/keyring');
  });

  it('keeps the CLI runner and the dev bridge out of the app (devDependencies never ship)', () => {
    for (const name of ['tsx', 'ws', 'esbuild']) {
      expect(deps, name).not.toHaveProperty(name);
      expect(optional, name).not.toHaveProperty(name);
    }
    expect(dev).toHaveProperty('tsx');
    expect(dev).toHaveProperty('ws');
    expect(existsSync(path.join(root, 'bin/mobius.js'))).toBe(true);
  });
});
