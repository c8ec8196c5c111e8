#!/usr/bin/env node
// The CLI runs the engine's TypeScript sources through tsx, so it works right
// after `npm ci` without a build step. tsx is a development dependency: it
// never ships inside the packaged app, which runs the bundled main process.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`mobius: Node.js 22 or newer is required (this is ${process.version}).\n`);
  process.exit(1);
}

let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write(
    'mobius: the command line runs from the source tree and needs its development dependencies (tsx).\n' +
      'Run `npm ci` (or `npm install`) in the repository without --omit=dev, then try again.\n',
  );
  process.exit(1);
}
register();
const { main } = await import('../electron/core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
