import type { Brand, Color } from '../schema/brand';
import { COLOR_USAGES } from '../vocab/colors';

/**
 * Adobe Swatch Exchange (.ase, version 1.0): the palette as Illustrator,
 * InDesign, Photoshop, Affinity and Figma plug-ins import it. One group per
 * role (primary, secondary, accent, neutral, semantic) holding the brand's
 * colours by name, as global RGB swatches. All numbers are big-endian;
 * names are UTF-16BE with a terminating NUL.
 */
const BLOCK_GROUP_START = 0xc001;
const BLOCK_GROUP_END = 0xc002;
const BLOCK_COLOR = 0x0001;
const SWATCH_GLOBAL = 0;

class Writer {
  private chunks: number[] = [];
  u16(v: number): void {
    this.chunks.push((v >> 8) & 0xff, v & 0xff);
  }
  u32(v: number): void {
    this.chunks.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }
  f32(v: number): void {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, v, false);
    for (let i = 0; i < 4; i++) this.chunks.push(view.getUint8(i));
  }
  ascii(text: string): void {
    for (const ch of text) this.chunks.push(ch.charCodeAt(0) & 0x7f);
  }
  /** Length in UTF-16 code units including the NUL, then the string. */
  name(text: string): void {
    const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
    this.u16(units.length + 1);
    for (const u of units) this.u16(u);
    this.u16(0);
  }
  bytes(other: Writer): void {
    for (const byte of other.chunks) this.chunks.push(byte);
  }
  get length(): number {
    return this.chunks.length;
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function block(out: Writer, type: number, body: Writer): void {
  out.u16(type);
  out.u32(body.length);
  out.bytes(body);
}

function colorBody(color: Pick<Color, 'name' | 'hex'>): Writer {
  const body = new Writer();
  body.name(color.name.trim() || color.hex);
  body.ascii('RGB ');
  for (const offset of [1, 3, 5]) body.f32(parseInt(color.hex.slice(offset, offset + 2), 16) / 255);
  body.u16(SWATCH_GLOBAL);
  return body;
}

const ROLE_TITLE: Record<string, string> = { primary: 'Primary', secondary: 'Secondary', accent: 'Accent', neutral: 'Neutral', semantic: 'Semantic' };

export function toAse(brand: Pick<Brand, 'name' | 'guidelines'>): Uint8Array {
  const out = new Writer();
  const blocks = new Writer();
  let count = 0;
  for (const usage of COLOR_USAGES) {
    const colors = brand.guidelines.colors.filter((c) => c.usage === usage);
    if (colors.length === 0) continue;
    const group = new Writer();
    group.name(`${brand.name} — ${ROLE_TITLE[usage] ?? usage}`);
    block(blocks, BLOCK_GROUP_START, group);
    count++;
    for (const color of colors) {
      block(blocks, BLOCK_COLOR, colorBody(color));
      count++;
    }
    block(blocks, BLOCK_GROUP_END, new Writer());
    count++;
  }
  out.ascii('ASEF');
  out.u16(1);
  out.u16(0);
  out.u32(count);
  out.bytes(blocks);
  return out.toBytes();
}
