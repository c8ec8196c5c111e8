// `npm run bench:gemini-input`: what preparing an image for Gemini costs the
// calling thread. sharp decodes and encodes on libuv's thread pool, so the
// event loop should only see the base64 encoding of the result. Prints the
// longest event-loop stall while preparing each image, and the preparation
// time as a ratio of a plain sharp decode of the same file measured in the
// same run (the baseline).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { inlineModelImage } from '../electron/core/gemini/image-input';

async function photo(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0, s = 1; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
      const i = (y * width + x) * 3;
      raw[i] = (x >> 5) + ((s >>> 24) & 15);
      raw[i + 1] = (y >> 5) + ((s >>> 16) & 15);
      raw[i + 2] = ((x + y) >> 6) + ((s >>> 8) & 15);
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

async function measure(run: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  histogram.disable();
  return { ms, stallMs: histogram.max / 1e6 };
}

const inputs: Array<[string, () => Promise<Buffer>]> = [
  ['40 MP JPEG', () => photo(8000, 5000)],
  ['16 MP TIFF', async () => sharp(await photo(4896, 3264)).tiff().toBuffer()],
  ['4 MP PNG with alpha', async () => sharp(await photo(2400, 1600)).ensureAlpha(0.5).png().toBuffer()],
];
process.stdout.write('input                 baseline decode   prepare for Gemini   ratio   max event-loop stall\n');
for (const [name, make] of inputs) {
  const bytes = await make();
  const baseline = await measure(() => sharp(bytes).raw().toBuffer());
  const prepared = await measure(() => inlineModelImage({ bytes, mime: 'application/octet-stream' }));
  process.stdout.write(
    `${name.padEnd(21)} ${baseline.ms.toFixed(0).padStart(9)} ms   ${prepared.ms.toFixed(0).padStart(12)} ms   ${(prepared.ms / baseline.ms).toFixed(2).padStart(5)}×   ${prepared.stallMs.toFixed(1).padStart(6)} ms\n`,
  );
}
