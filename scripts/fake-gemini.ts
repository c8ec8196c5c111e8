// Run the fake Gemini server by hand: `npm run fake-gemini [-- --port 8787 --key SECRET --scale 0.25 --demo-correction --gateway-path /tenant/gemini]`.
// --gateway-path: serve only under that path, like a gateway (uploads then need Mobius' path fix).
// --demo-correction: each new image starts with an off-palette block that the next edit removes,
// so `mobius generate` shows a job correcting itself.
// Point the app or the CLI at it with MOBIUS_GEMINI_BASE_URL.
import { parseArgs } from 'node:util';
import { startFakeGemini } from '../test/fakes/gemini-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string' },
    scale: { type: 'string', default: '1' },
    'demo-correction': { type: 'boolean', default: false },
    'gateway-path': { type: 'string' },
  },
});

const fake = await startFakeGemini({
  port: Number(values.port),
  ...(values.key ? { apiKey: values.key } : {}),
  imageScale: Number(values.scale),
  demoCorrection: values['demo-correction'],
  ...(values['gateway-path'] ? { pathPrefix: values['gateway-path'] } : {}),
});

process.stdout.write(`Fake Gemini listening on ${fake.baseUrl}\n`);
process.stdout.write(`export MOBIUS_GEMINI_BASE_URL=${fake.baseUrl}\n`);
process.stdout.write(values.key ? 'Requests must use the API key given with --key.\n' : 'Any non-empty API key is accepted.\n');

const stop = () => {
  process.stdout.write(`\nServed ${fake.requests.length} requests. Bye.\n`);
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
