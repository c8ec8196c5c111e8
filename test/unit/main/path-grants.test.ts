import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EXTENSIONS, PATH_OPERATIONS, PathGrants, isLocalAbsolutePath } from '../../../electron/main/path-grants';
import { OPERATIONS, OPERATION_NAMES } from '../../../shared/ipc';

const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mobius-grants-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, body = 'x') => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, body);
  return full;
};

describe('isLocalAbsolutePath: refused on the string, before any file-system call', () => {
  it.each([
    ['\\\\evil.example\\share\\brand.pdf', 'win32'],
    ['//evil.example/share/brand.pdf', 'win32'],
    ['\\\\?\\C:\\brand.pdf', 'win32'],
    ['\\\\.\\PhysicalDrive0', 'win32'],
    ['\\\\?\\UNC\\evil\\share\\brand.pdf', 'win32'],
    ['C:\\Users\\me\\brand.pdf:hidden', 'win32'],
    ['C:\\Users\\me\\CON.pdf', 'win32'],
    ['C:\\Users\\me\\nul', 'win32'],
    ['brand.pdf', 'win32'],
    ['C:brand.pdf', 'win32'],
    ['//evil.example/share/brand.pdf', 'linux'],
    ['relative/brand.pdf', 'linux'],
    ['/home/me/brand.pdf\0.png', 'linux'],
    ['', 'linux'],
  ] as const)('%j on %s', (value, platform) => {
    expect(isLocalAbsolutePath(value, platform)).toBe(false);
  });

  it('accepts ordinary local paths', () => {
    expect(isLocalAbsolutePath('C:\\Users\\me\\Brand Guidelines.pdf', 'win32')).toBe(true);
    expect(isLocalAbsolutePath('D:/work/logo.png', 'win32')).toBe(true);
    expect(isLocalAbsolutePath('/home/me/Brand Guidelines.pdf', 'linux')).toBe(true);
  });

  it('never resolves a UNC path (that alone would send the NTLM hash to the server)', () => {
    const realpath = vi.fn((p: string) => p);
    const grants = new PathGrants({ platform: 'win32', realpath, isFile: () => true });
    expect(grants.grant('\\\\evil.example\\share\\brand.pdf')).toBe(false);
    expect(grants.take('\\\\evil.example\\share\\brand.pdf', 'pdf')).toEqual({ ok: false, reason: 'not_a_path' });
    expect(realpath).not.toHaveBeenCalled();
    // A local link that resolves to a UNC target is refused too.
    const linked = new PathGrants({ platform: 'win32', realpath: () => '\\\\evil.example\\share\\brand.pdf', isFile: () => true });
    expect(linked.grant('C:\\Users\\me\\brand.pdf')).toBe(false);
  });
});

describe('PathGrants', () => {
  it('grants only real, regular files with an extension Mobius opens', () => {
    const grants = new PathGrants();
    expect(grants.grant(file('guide.pdf'))).toBe(true);
    expect(grants.grant(file('notes.txt'))).toBe(false);
    expect(grants.grant(file('.ssh/id_rsa'))).toBe(false);
    mkdirSync(path.join(dir, 'folder.pdf'), { recursive: true });
    expect(grants.grant(path.join(dir, 'folder.pdf'))).toBe(false);
    expect(grants.grant(path.join(dir, 'missing.pdf'))).toBe(false);
    expect(grants.grant(42)).toBe(false);
  });

  it('follows symlinks to the real file: a .pdf link to a key file is refused, the engine gets the real path', () => {
    const grants = new PathGrants();
    const secret = file('secrets/id_ed25519');
    symlinkSync(secret, path.join(dir, 'innocent.pdf'));
    expect(grants.grant(path.join(dir, 'innocent.pdf'))).toBe(false);
    const real = file('real/guide.pdf');
    symlinkSync(real, path.join(dir, 'alias.pdf'));
    expect(grants.grant(path.join(dir, 'alias.pdf'))).toBe(true);
    expect(grants.take(path.join(dir, 'alias.pdf'), 'pdf')).toEqual({ ok: true, path: real });
  });

  it('a link swapped after the grant is re-resolved: the new target was never granted', () => {
    const grants = new PathGrants();
    const link = path.join(dir, 'swap.png');
    symlinkSync(file('a/picture.png'), link);
    expect(grants.grant(link)).toBe(true);
    unlinkSync(link);
    symlinkSync(file('b/other.png'), link);
    expect(grants.take(link, 'image')).toEqual({ ok: false, reason: 'not_granted' });
  });

  it('checks the extension per operation, and a dialog grant keeps its kind', () => {
    const grants = new PathGrants();
    const pdf = file('kinds/brand.pdf');
    grants.grant(pdf);
    expect(grants.take(pdf, 'image')).toEqual({ ok: false, reason: 'wrong_kind' });
    const json = file('kinds/brand.json');
    grants.grant(json, 'image');
    expect(grants.grant(json, 'brand')).toBe(true);
    expect(grants.take(json, 'brand')).toEqual({ ok: true, path: json });
    for (const ext of EXTENSIONS.image) {
      const image = file(`kinds/x${ext.toUpperCase()}`);
      expect(grants.grant(image, 'image')).toBe(true);
      expect(grants.take(image, 'image')).toMatchObject({ ok: true });
    }
  });

  it('a dropped SVG or PDF logo opens only for adding a logo; a PNG logo is an image too', () => {
    const grants = new PathGrants();
    const svg = file('logos/mark.svg', '<svg/>');
    grants.grant(svg);
    expect(grants.take(svg, 'image')).toEqual({ ok: false, reason: 'wrong_kind' });
    grants.grant(svg);
    expect(grants.take(svg, 'logo')).toEqual({ ok: true, path: svg });
    const pdf = file('logos/logo.pdf');
    expect(grants.grant(pdf, 'logo')).toBe(true);
    // Chosen in the logo dialog: not an import of guidelines.
    expect(grants.take(pdf, 'pdf')).toEqual({ ok: false, reason: 'wrong_kind' });
    for (const ext of EXTENSIONS.logo) {
      const logo = file(`logos/x${ext}`);
      expect(grants.grant(logo, 'logo')).toBe(true);
      expect(grants.take(logo, 'logo')).toMatchObject({ ok: true });
    }
  });

  it('an export folder is granted only from the folder dialog, once, and never stands in for a file', () => {
    const grants = new PathGrants();
    const folder = path.join(dir, 'exports-here');
    mkdirSync(folder, { recursive: true });
    // A drop (no kind) never grants a folder, and a folder grant cannot open a file.
    expect(grants.grant(folder)).toBe(false);
    expect(grants.take(folder, 'folder')).toEqual({ ok: false, reason: 'not_granted' });
    expect(grants.grant(folder, 'folder')).toBe(true);
    expect(grants.take(folder, 'folder')).toEqual({ ok: true, path: folder });
    expect(grants.take(folder, 'folder')).toEqual({ ok: false, reason: 'not_granted' });
    // A file chosen where a folder was asked for, or a folder linked where a file is expected, is refused.
    const pdf = file('exports-file/guide.pdf');
    expect(grants.grant(pdf, 'folder')).toBe(false);
    grants.grant(pdf);
    expect(grants.take(pdf, 'folder')).toEqual({ ok: false, reason: 'not_granted' });
    symlinkSync(folder, path.join(dir, 'folder-link.png'));
    expect(grants.grant(path.join(dir, 'folder-link.png'))).toBe(false);
  });

  it('is single use and expires after a few minutes', () => {
    let now = 1_000;
    const grants = new PathGrants({ now: () => now, ttlMs: 60_000 });
    const pdf = file('time/brand.pdf');
    grants.grant(pdf);
    expect(grants.take(pdf, 'pdf')).toMatchObject({ ok: true });
    expect(grants.take(pdf, 'pdf')).toEqual({ ok: false, reason: 'not_granted' });
    grants.grant(pdf);
    now += 60_001;
    expect(grants.take(pdf, 'pdf')).toEqual({ ok: false, reason: 'not_granted' });
    expect(grants.size).toBe(0);
  });

  it('holds a bounded number of grants however many drops a page announces', () => {
    const grants = new PathGrants({ maxGrants: 3 });
    const files = [1, 2, 3, 4, 5].map((i) => file(`many/${i}.png`));
    for (const f of files) grants.grant(f);
    expect(grants.size).toBe(3);
    expect(grants.take(files[0]!, 'image')).toEqual({ ok: false, reason: 'not_granted' });
    expect(grants.take(files[4]!, 'image')).toMatchObject({ ok: true });
  });

  it('covers every operation whose request names a file path', () => {
    const withPath = OPERATION_NAMES.filter((op) => {
      const shape = (OPERATIONS[op].request as unknown as { shape?: Record<string, z.ZodType> }).shape;
      return shape !== undefined && 'path' in shape;
    });
    expect(withPath.sort()).toEqual(Object.keys(PATH_OPERATIONS).sort());
  });
});
