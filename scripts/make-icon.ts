// Renders the app icon (build/icon.png, 1024²) that electron-builder turns into
// .icns/.ico/.png per platform: the title bar's conic-gradient mark with a Möbius loop, drawn as SVG.
// Run with `npx tsx scripts/make-icon.ts` after changing the mark.
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const SIZE = 1024;
const COLORS = ['#4f46e5', '#06b6d4', '#f59e0b', '#ef4444', '#4f46e5'];

// SVG has no conic gradient: approximate it with thin wedges around the centre.
function wedges(count = 360): string {
  const c = SIZE / 2;
  const r = SIZE;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const a0 = ((200 + (i * 360) / count) * Math.PI) / 180 - Math.PI / 2;
    const a1 = ((200 + ((i + 1.5) * 360) / count) * Math.PI) / 180 - Math.PI / 2;
    const t = (i / count) * (COLORS.length - 1);
    const k = Math.floor(t);
    const mix = (a: string, b: string, f: number) => {
      const pa = [1, 3, 5].map((j) => parseInt(a.slice(j, j + 2), 16));
      const pb = [1, 3, 5].map((j) => parseInt(b.slice(j, j + 2), 16));
      return `rgb(${pa.map((v, j) => Math.round(v + (pb[j]! - v) * f)).join(',')})`;
    };
    const fill = mix(COLORS[k]!, COLORS[Math.min(k + 1, COLORS.length - 1)]!, t - k);
    parts.push(`<path d="M${c},${c} L${c + r * Math.cos(a0)},${c + r * Math.sin(a0)} L${c + r * Math.cos(a1)},${c + r * Math.sin(a1)} Z" fill="${fill}"/>`);
  }
  return parts.join('');
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs><clipPath id="r"><rect x="64" y="64" width="896" height="896" rx="200"/></clipPath></defs>
  <g clip-path="url(#r)">${wedges()}</g>
  <path d="M512 512C600 392 792 392 792 512S600 632 512 512 232 392 232 512 424 632 512 512Z" fill="none" stroke="#fff" stroke-width="64" stroke-linejoin="round" opacity="0.94"/>
</svg>`;

const out = fileURLToPath(new URL('../build/icon.png', import.meta.url));
await sharp(Buffer.from(svg)).png().toFile(out);
process.stdout.write(`Wrote ${out}\n`);
