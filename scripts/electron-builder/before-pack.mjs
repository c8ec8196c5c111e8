// electron-builder `beforePack` hook: refuse to package for another OS or CPU.
// The app ships the native modules that `npm ci` installed on this machine
// (sharp, better-sqlite3, keytar, @napi-rs/keyring; npmRebuild is off because
// they are Node-API binaries), so each OS/CPU is built on a machine of that
// kind — see docs/RELEASING.md. A cross build would ship binaries that cannot
// load and the app would fail at launch.

/** electron-builder's Arch enum (builder-util) → Node's process.arch names. */
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64', 4: 'universal' };

/** Why this target cannot be packaged here, or null when it can. */
export function crossBuildProblem(target, host = { platform: process.platform, arch: process.arch }) {
  const arch = ARCH[target.arch] ?? String(target.arch);
  if (target.platform === host.platform && arch === host.arch) return null;
  return (
    `Refusing to package ${target.platform}/${arch} on ${host.platform}/${host.arch}: the native modules in node_modules ` +
    `were installed for ${host.platform}/${host.arch}. Run \`npm ci && npm run dist\` on a ${target.platform}/${arch} machine (docs/RELEASING.md).`
  );
}

export async function beforePack(context) {
  const problem = crossBuildProblem({ platform: context.electronPlatformName, arch: context.arch });
  if (problem) throw new Error(problem);
}

export default beforePack;
