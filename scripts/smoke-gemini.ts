// `npm run smoke:gemini [-- --data-dir <dir>]`: one tiny call per Gemini
// operation against the real endpoint, with latency, tokens and cost per
// call; exits 1 if any call fails. Without a key it prints what it would do
// and exits 0. CI never runs it (it costs money: about $0.30 per run). How to
// read its output: docs/TROUBLESHOOTING.md, "The live smoke test".
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { isMobiusError } from '../shared/errors';
import { Settings, type Settings as SettingsType } from '../shared/schema/settings';
import { deriveCompressedTwin } from '../shared/twin';
import { createGeminiClient, resolveEndpoint, sessionSignatures, type GeminiClient, type GeneratedImage, type ImageSink } from '../electron/core/gemini';
import { endpointHost } from '../electron/core/gemini/endpoint';
import { createMemoryLogger, type MemoryLogger } from '../electron/core/log';
import { createSecretStore, resolveGeminiApiKey } from '../electron/core/secrets';
import { SettingsService } from '../electron/core/settings';
import { openStore } from '../electron/core/store';
import { sha256Hex } from '../electron/core/store/file-store';
import type { BrandGuidelines } from '../shared/schema/brand';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });

const PALETTE = [
  { name: 'Smoke Blue', hex: '#1F5FAD', role: 'Primary' },
  { name: 'Signal Orange', hex: '#F2762E', role: 'Accent' },
  { name: 'Paper', hex: '#F7F5F0', role: 'Neutral (backgrounds)' },
];

const PLAN = [
  ['countTokens', 'reasoning model', 'counts the tokens of one sentence'],
  ['extract', 'reasoning model', 'reads a generated one-page guideline PDF (3 colours, 1 typeface, 1 rule) into structured JSON'],
  ['generate', 'image model', 'one 1K square image from a one-line prompt with the extracted twin'],
  ['edit', 'image model', 'one edit turn of that image, replaying its thought signatures'],
  ['audit', 'reasoning model', 'audits the edited image against the extracted guidelines'],
] as const;

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The settings the app would use: a data directory's saved settings, or the defaults (MOBIUS_GEMINI_BASE_URL applies either way). */
function loadSettings(): SettingsType {
  const dataDir = values['data-dir'];
  if (!dataDir) {
    const { endpoint } = resolveEndpoint(null, process.env);
    return Settings.parse({ gemini_base_url: endpoint.baseUrl });
  }
  const store = openStore({ dataDir });
  try {
    return new SettingsService(store.settings, { env: process.env }).get();
  } finally {
    store.close();
  }
}

/** A one-page guideline PDF written here, so the smoke test never depends on a file. */
async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawText('Smoke Test Co. — Brand guidelines', { x: 48, y: 780, size: 22, font: bold });
  page.drawText('Colour palette', { x: 48, y: 730, size: 14, font: bold });
  PALETTE.forEach((c, i) => {
    const n = Number.parseInt(c.hex.slice(1), 16);
    const y = 660 - i * 70;
    page.drawRectangle({ x: 48, y, width: 56, height: 48, color: rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255) });
    page.drawText(`${c.name} — ${c.role} — HEX ${c.hex}`, { x: 120, y: y + 18, size: 12, font });
  });
  page.drawText('Typography: Helvetica for headlines and body copy.', { x: 48, y: 430, size: 12, font });
  page.drawText('Never use Signal Orange as a background colour.', { x: 48, y: 400, size: 12, font });
  return doc.save();
}

function memorySink(): ImageSink {
  const stored = new Map<string, Uint8Array>();
  return {
    put(bytes) {
      const sha256 = sha256Hex(bytes);
      stored.set(sha256, bytes);
      return { sha256, uri: `memory://${sha256}` };
    },
    read({ sha256 }) {
      const bytes = stored.get(sha256);
      if (!bytes) throw new Error(`image ${sha256} is not in this run`);
      return bytes;
    },
  };
}

interface StepResult {
  ok: boolean;
  detail: string;
}

/** Latency, tokens and cost of the calls a step made, from the client's own log lines. */
function callSummary(logger: MemoryLogger, from: number): string {
  const calls = logger.records().slice(from).filter((r) => r['event'] === 'gemini.call');
  const latency = calls.reduce((s, c) => s + Number(c['latency_ms'] ?? 0), 0);
  const tokens = { prompt: 0, output: 0, thoughts: 0 };
  for (const call of calls) {
    const t = (call['tokens'] ?? {}) as { prompt?: number; candidates?: number; thoughts?: number };
    tokens.prompt += t.prompt ?? 0;
    tokens.output += t.candidates ?? 0;
    tokens.thoughts += t.thoughts ?? 0;
  }
  const cost = calls.reduce((s, c) => s + Number(c['cost_usd'] ?? 0), 0);
  return `${String(latency).padStart(6)} ms  tokens in ${tokens.prompt} / out ${tokens.output} / thinking ${tokens.thoughts}  $${cost.toFixed(4)}  (${calls.length} request${calls.length === 1 ? '' : 's'})`;
}

async function run(client: GeminiClient, logger: MemoryLogger): Promise<boolean> {
  let guidelines: BrandGuidelines | null = null;
  let image: GeneratedImage | null = null;
  let edited: GeneratedImage | null = null;
  const steps: Record<(typeof PLAN)[number][0], () => Promise<string>> = {
    countTokens: async () => `${await client.countTokens('Mobius checks that Gemini answers.')} tokens`,
    extract: async () => {
      guidelines = await client.extractGuidelines(await onePagePdf(), { filename: 'smoke-test.pdf' });
      const found = guidelines.colors.map((c) => `${c.hex} ${c.usage}`).join(', ');
      return `colours: ${found || 'none'}`;
    },
    generate: async () => {
      if (!guidelines) throw new Error('needs the extraction');
      image = await client.generateImage('A minimal square poster with one bold shape and generous white space.', deriveCompressedTwin(guidelines), { image_size: '1K', aspect_ratio: '1:1' });
      return `${image.width}×${image.height} ${image.mime}, ${sessionSignatures(image.session).length} thought signature(s) kept`;
    },
    edit: async () => {
      if (!image) throw new Error('needs the generated image');
      edited = await client.editImage(image.session, 'Make the shape a little smaller; keep everything else.');
      return `${edited.width}×${edited.height} ${edited.mime}, turn ${edited.session.turns}`;
    },
    audit: async () => {
      if (!guidelines) throw new Error('needs the extraction');
      const subject = edited ?? image;
      const bytes = subject ? subject.bytes : await sharp({ create: { width: 256, height: 256, channels: 3, background: PALETTE[2]!.hex } }).png().toBuffer();
      const { audit } = await client.auditImage({ bytes, mime: subject?.mime ?? 'image/png' }, guidelines);
      return audit.categories.map((c) => `${c.category} ${Math.round(c.score)}`).join(', ');
    },
  };
  let failed = 0;
  for (const [name] of PLAN) {
    const from = logger.records().length;
    let result: StepResult;
    try {
      result = { ok: true, detail: await steps[name]() };
    } catch (error) {
      failed++;
      result = { ok: false, detail: isMobiusError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error) };
    }
    out(`${result.ok ? 'ok  ' : 'FAIL'} ${name.padEnd(12)} ${callSummary(logger, from)}`);
    out(`     ${result.detail}`);
  }
  const total = logger
    .records()
    .filter((r) => r['event'] === 'gemini.call')
    .reduce((s, c) => s + Number(c['cost_usd'] ?? 0), 0);
  out();
  out(failed === 0 ? `All ${PLAN.length} operations answered. Total cost about $${total.toFixed(4)}.` : `${failed} of ${PLAN.length} operations failed (see above; docs/TROUBLESHOOTING.md explains each code). Total cost about $${total.toFixed(4)}.`);
  return failed === 0;
}

const settings = loadSettings();
const host = endpointHost(settings.gemini_base_url);
out(`Gemini smoke test: endpoint ${host}, reasoning model ${settings.reasoning_model}, image model ${settings.vision_model}.`);
for (const [name, model, what] of PLAN) out(`  ${name.padEnd(12)} ${model.padEnd(16)} ${what}`);
out();

const secrets = await createSecretStore({ env: process.env });
const apiKey = await resolveGeminiApiKey(secrets.store, process.env);
if (!apiKey) {
  out('Skipped: no Gemini API key is set (GEMINI_API_KEY, or the key saved in the app / `mobius key set`). Nothing was sent.');
  process.exit(0);
}
out(`Running against ${host} (about $0.30 at list prices) …`);
const logger = createMemoryLogger();
const client = createGeminiClient({ settings, apiKey, logger, images: memorySink() });
process.exit((await run(client, logger)) ? 0 : 1);
