import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Packages needed only to install or type-check, never at run time. */
export const INSTALL_TIME_ROOTS = ['prebuild-install', 'node-addon-api', 'opencollective-postinstall'];
const isTypesOnly = (name: string) => name.startsWith('@types/') || name === 'undici-types';

/**
 * The installed packages the production dependencies reach (package-lock.json
 * paths such as `node_modules/a/node_modules/b`), following node's resolution.
 * With `runtimeOnly`, edges into install-time tooling and type packages are cut:
 * what is left is what the app needs when it runs.
 */
export function productionPackages(root: string, { runtimeOnly }: { runtimeOnly: boolean }): Set<string> {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
  const packages = lock.packages;
  const resolve = (from: string, name: string): string | null => {
    let base = from;
    for (;;) {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[key]) return key;
      if (!base) return null;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const edges = (pkg: LockPackage) => Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
  const seen = new Set<string>();
  const queue = edges(packages['']!).map((name) => resolve('', name));
  while (queue.length > 0) {
    const key = queue.pop();
    // Optional packages for other platforms are in the lock file but not installed here: not followed.
    if (!key || seen.has(key) || !existsSync(path.join(root, key, 'package.json'))) continue;
    seen.add(key);
    for (const name of edges(packages[key]!)) {
      if (runtimeOnly && (INSTALL_TIME_ROOTS.includes(name) || isTypesOnly(name))) continue;
      queue.push(resolve(key, name));
    }
  }
  return seen;
}
