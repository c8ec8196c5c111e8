// Runs a batch export and is SIGKILLed by the parent test in the middle of it (while it holds after the third image).
import { createCore } from '../../../electron/core/core';
import { MemorySecretStore } from '../../../electron/core/secrets';

const [dataDir, target, ...ids] = process.argv.slice(2);
const core = createCore({ dataDir: dataDir!, env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), ocr: false });
await core.services.exports.exportTo({
  assetIds: ids,
  target: target!,
  zip: false,
  embedProvenance: true,
  onProgress: (p) => {
    process.stdout.write(`${p.stage} ${p.done}\n`);
    // Hold still mid-export (stdout to a pipe is synchronous on Linux) so the kill always lands
    // here, however fast or loaded the machine is, instead of racing the rest of the export.
    if (p.stage === 'writing' && p.done === 3) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
  },
});
process.stdout.write('finished\n');
await core.close();
