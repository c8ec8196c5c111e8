// Runs a batch export and is SIGKILLed by the parent test in the middle of it (after the line it prints per image).
import { createCore } from '../../../electron/core/core';
import { MemorySecretStore } from '../../../electron/core/secrets';

const [dataDir, target, ...ids] = process.argv.slice(2);
const core = createCore({ dataDir: dataDir!, env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), ocr: false });
await core.services.exports.exportTo({
  assetIds: ids,
  target: target!,
  zip: false,
  embedProvenance: true,
  onProgress: (p) => process.stdout.write(`${p.stage} ${p.done}\n`),
});
process.stdout.write('finished\n');
await core.close();
