import { crc32 } from 'node:zlib';

/**
 * Provenance carried inside an exported image, so a file that travels alone
 * still says where it came from: an XMP packet in a PNG `iTXt` chunk
 * (keyword `XML:com.adobe.xmp`) or a JPEG `APP1` segment — the places
 * Photoshop, exiftool, libvips and browsers' metadata readers look.
 *
 * The block is inserted, never re-encoded: the pixel data stays byte for
 * byte what Mobius stored, and removing the one block gives back the
 * original file exactly (`stripProvenance`).
 */
export interface Provenance {
  asset_id: string;
  brand: string;
  brand_id: string;
  brand_version: number | null;
  score: number | null;
  decision: string;
  approved: boolean | null;
  report_sha256: string;
  original_sha256: string;
  exported_at: string;
  generator: string;
}

export const PROVENANCE_NAMESPACE = 'https://ns.mobius-desktop.app/provenance/1.0/';
const XMP_KEYWORD = 'XML:com.adobe.xmp';
const JPEG_XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Our packet, as opposed to XMP another tool wrote. */
const OURS = 'mobius:asset_id="';

function xmlAttr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function provenanceXmp(p: Provenance): string {
  const attrs: [string, string][] = [
    ['mobius:asset_id', p.asset_id],
    ['mobius:brand', p.brand],
    ['mobius:brand_id', p.brand_id],
    ['mobius:brand_version', p.brand_version === null ? '' : String(p.brand_version)],
    ['mobius:score', p.score === null ? '' : String(Math.round(p.score * 10) / 10)],
    ['mobius:decision', p.decision],
    ['mobius:approved', p.approved === null ? '' : p.approved ? 'True' : 'False'],
    ['mobius:report_sha256', p.report_sha256],
    ['mobius:original_sha256', p.original_sha256],
    ['mobius:exported_at', p.exported_at],
    ['xmp:CreatorTool', p.generator],
  ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `  <rdf:Description rdf:about="" xmlns:mobius="${PROVENANCE_NAMESPACE}" xmlns:xmp="http://ns.adobe.com/xap/1.0/"`,
    ...attrs.map(([k, v]) => `   ${k}="${xmlAttr(v)}"`),
    '  />',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** Attributes of a `mobius:` XMP packet. */
export function parseProvenanceXmp(xmp: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xmp.matchAll(/mobius:([a-z_0-9]+)="([^"]*)"/g)) {
    out[m[1]!] = m[2]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 33 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

export function canEmbedProvenance(mime: string): boolean {
  return mime === 'image/png' || mime === 'image/jpeg';
}

/** The original bytes with the provenance block inserted; null for a format we do not embed into (the sidecar JSON still carries it). */
export function embedProvenance(bytes: Uint8Array, provenance: Provenance): Uint8Array | null {
  const xmp = provenanceXmp(provenance);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(buf)) {
    // iTXt: keyword \0 compression-flag compression-method language \0 translated-keyword \0 text (UTF-8).
    const data = Buffer.concat([Buffer.from(`${XMP_KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from(xmp, 'utf8')]);
    const ihdrEnd = 8 + 8 + buf.readUInt32BE(8) + 4;
    return Buffer.concat([buf.subarray(0, ihdrEnd), pngChunk('iTXt', data), buf.subarray(ihdrEnd)]);
  }
  if (isJpeg(buf)) {
    const payload = Buffer.concat([Buffer.from(JPEG_XMP_HEADER, 'latin1'), Buffer.from(xmp, 'utf8')]);
    if (payload.length + 2 > 0xffff) return null;
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xffe1, 0);
    segment.writeUInt16BE(payload.length + 2, 2);
    // After SOI and the JFIF / Exif application segments that readers expect first.
    let at = 2;
    while (at + 4 <= buf.length && buf[at] === 0xff && (buf[at + 1] === 0xe0 || (buf[at + 1] === 0xe1 && buf.toString('latin1', at + 4, at + 8) === 'Exif'))) {
      at += 2 + buf.readUInt16BE(at + 2);
    }
    return Buffer.concat([buf.subarray(0, at), segment, payload, buf.subarray(at)]);
  }
  return null;
}

interface Block {
  start: number;
  end: number;
  xmp: string;
}

function findBlock(bytes: Uint8Array): Block | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(buf)) {
    let at = 8;
    while (at + 12 <= buf.length) {
      const length = buf.readUInt32BE(at);
      const type = buf.toString('latin1', at + 4, at + 8);
      const end = at + 12 + length;
      if (type === 'iTXt') {
        const data = buf.subarray(at + 8, at + 8 + length);
        if (data.toString('latin1', 0, XMP_KEYWORD.length + 1) === `${XMP_KEYWORD}\0`) {
          const text = data.subarray(XMP_KEYWORD.length + 5).toString('utf8');
          if (text.includes(OURS)) return { start: at, end, xmp: text };
        }
      }
      if (type === 'IDAT' || type === 'IEND') break;
      at = end;
    }
    return null;
  }
  if (isJpeg(buf)) {
    let at = 2;
    while (at + 4 <= buf.length && buf[at] === 0xff) {
      const marker = buf[at + 1]!;
      if (marker === 0xda || marker === 0xd9) break;
      const end = at + 2 + buf.readUInt16BE(at + 2);
      if (marker === 0xe1 && buf.toString('latin1', at + 4, at + 4 + JPEG_XMP_HEADER.length) === JPEG_XMP_HEADER) {
        const text = buf.subarray(at + 4 + JPEG_XMP_HEADER.length, end).toString('utf8');
        if (text.includes(OURS)) return { start: at, end, xmp: text };
      }
      at = end;
    }
  }
  return null;
}

/** The provenance Mobius embedded, if any. */
export function readProvenance(bytes: Uint8Array): Record<string, string> | null {
  const block = findBlock(bytes);
  return block ? parseProvenanceXmp(block.xmp) : null;
}

/** The file without Mobius' provenance block: the original bytes as stored. */
export function stripProvenance(bytes: Uint8Array): Uint8Array {
  const block = findBlock(bytes);
  if (!block) return bytes;
  return Buffer.concat([bytes.subarray(0, block.start), bytes.subarray(block.end)]);
}
