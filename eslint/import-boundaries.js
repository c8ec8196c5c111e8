// The layering of docs/ARCHITECTURE.md ("Processes and layers") as one lint rule, in the spirit of VS Code's
// `code-layering`: every import is resolved to a layer and checked against the
// importing file's layer. A boundary error is a design question, not noise.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Layers by path prefix (POSIX, relative to the repository root); first match wins. */
const LAYERS = [
  ['shared/ipc/', 'shared-ipc'],
  ['shared/', 'shared'],
  ['electron/core/', 'core'],
  ['electron/main/', 'main'],
  ['electron/preload/', 'preload'],
  ['renderer/', 'renderer'],
];

/**
 * What each layer may import. `layers`: project layers reachable by relative
 * import; `electron`/`node`: the `electron` module and Node built-ins;
 * `packages`: npm packages (true = any, array = only these).
 */
const POLICY = {
  shared: { layers: ['shared', 'shared-ipc'], electron: false, node: false, packages: ['zod'] },
  'shared-ipc': { layers: ['shared', 'shared-ipc'], electron: false, node: false, packages: ['zod'] },
  core: { layers: ['core', 'shared', 'shared-ipc'], electron: false, node: true, packages: true },
  main: { layers: ['main', 'core', 'shared', 'shared-ipc'], electron: true, node: true, packages: true },
  preload: { layers: ['preload', 'shared-ipc'], electron: true, node: false, packages: [] },
  renderer: { layers: ['renderer', 'shared', 'shared-ipc'], electron: false, node: false, packages: true },
};

function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  for (const [prefix, layer] of LAYERS) if (p.startsWith(prefix)) return layer;
  return null;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import boundaries between shared, core, main, preload and renderer' },
    schema: [],
    messages: {
      forbidden: '{{layer}} must not import {{what}} ({{why}}). See docs/ARCHITECTURE.md, "Processes and layers".',
    },
  },
  create(context) {
    const root = context.cwd;
    const filename = context.filename;
    const fromLayer = layerOf(path.relative(root, filename));
    if (!fromLayer) return {};
    const policy = POLICY[fromLayer];

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const report = (what, why) =>
        context.report({ node, messageId: 'forbidden', data: { layer: fromLayer, what, why } });
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.relative(root, path.resolve(path.dirname(filename), spec));
        const toLayer = layerOf(target);
        if (toLayer === null) {
          report(`'${spec}'`, 'a file outside the application layers');
        } else if (!policy.layers.includes(toLayer)) {
          report(`'${spec}'`, `${toLayer} is not a dependency of ${fromLayer}`);
        }
        return;
      }
      const name = packageName(spec);
      if (name === 'electron') {
        if (!policy.electron) report(`'${spec}'`, 'only electron/main and electron/preload may use Electron');
        return;
      }
      if (NODE_BUILTINS.has(name) || NODE_BUILTINS.has(spec)) {
        if (!policy.node) report(`'${spec}'`, `${fromLayer} code runs without Node.js APIs`);
        return;
      }
      if (policy.packages !== true && !policy.packages.includes(name)) {
        report(`'${spec}'`, `${fromLayer} may only use ${policy.packages.join(', ') || 'no npm packages'}`);
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
