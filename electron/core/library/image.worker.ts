import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from '../audit/limits';
import { runBehindCallingThread } from '../workers/background-priority';

/**
 * Image work for the library and exports, off the calling thread: thumbnails
 * for the grid and display-sized renditions for reports. Requests run
 * concurrently (sharp works on libuv's pool); each reads its source file here,
 * so the image bytes never cross the thread boundary on the way in.
 */
export type ImageWorkerRequest =
  | { id: number; kind: 'thumbnail'; path: string; size: number }
  | { id: number; kind: 'preview'; path: string; maxEdge: number };

export type ImageWorkerReply =
  | { id: number; ok: true; bytes: Uint8Array; mime: string; width: number; height: number }
  | { id: number; ok: false; error: { code: string; message: string } };

function source(bytes: Buffer) {
  // rotate(): honour EXIF orientation, as the audit does.
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate();
}

async function thumbnail(path: string, size: number) {
  const { data, info } = await source(await readFile(path))
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78, effort: 2 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, mime: 'image/webp', width: info.width, height: info.height };
}

/** The image as a report shows it: the original when it is already small, else a high-quality rendition. */
async function preview(path: string, maxEdge: number) {
  const bytes = await readFile(path);
  const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const browserSafe = meta.format === 'png' || meta.format === 'jpeg' || meta.format === 'webp';
  if (browserSafe && Math.max(width, height) <= maxEdge && bytes.length <= 4 * 1024 * 1024 && (meta.orientation ?? 1) === 1) {
    return { bytes, mime: `image/${meta.format}`, width, height };
  }
  const pipeline = source(bytes).resize(maxEdge, maxEdge, { fit: 'inside', withoutEnlargement: true });
  const out = meta.hasAlpha ? pipeline.png({ compressionLevel: 6 }) : pipeline.jpeg({ quality: 88, mozjpeg: true });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return { bytes: data, mime: meta.hasAlpha ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
}

runBehindCallingThread();

parentPort?.on('message', (req: ImageWorkerRequest) => {
  void (async () => {
    try {
      const result = req.kind === 'thumbnail' ? await thumbnail(req.path, req.size) : await preview(req.path, req.maxEdge);
      const bytes = new Uint8Array(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
      parentPort?.postMessage({ id: req.id, ok: true, ...result, bytes } satisfies ImageWorkerReply);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({ id: req.id, ok: false, error: { code: 'UNSUPPORTED_IMAGE', message } } satisfies ImageWorkerReply);
    }
  })();
});
