import path from 'node:path';

/**
 * In the packaged app, dependencies resolve inside `resources/app.asar`. Data
 * that native code or a worker thread reads by path (pdf.js CMaps, fonts and
 * wasm, tesseract's language data) is unpacked by electron-builder (asarUnpack)
 * to `app.asar.unpacked`; point there so plain `fs` reads work in any thread,
 * with or without Electron's asar file-system patch. Outside a package the path
 * is returned unchanged.
 */
export function unpackedPath(file: string): string {
  const marker = `${path.sep}app.asar${path.sep}`;
  return file.includes(marker) ? file.replace(marker, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}
