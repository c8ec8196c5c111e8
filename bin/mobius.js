#!/usr/bin/env node
// The CLI runs the engine's TypeScript sources through tsx, so it works right
// after `npm ci` without a build step.
import { register } from 'tsx/esm/api';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`mobius: Node.js 22 or newer is required (this is ${process.version}).\n`);
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
