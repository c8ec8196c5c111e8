import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/import-boundaries').map((m) => m.message);
}

describe('import boundaries (docs/ARCHITECTURE.md, "Processes and layers") are lint errors', () => {
  it.each([
    ['renderer/src/features/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /only electron\/main/],
    ['renderer/src/features/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /without Node.js APIs/],
    ['renderer/src/features/x.ts', "import fs from 'fs';\nexport const x = fs;\n", /without Node.js APIs/],
    ['renderer/src/features/x.ts', "import { openStore } from '../../../electron/core/store';\nexport const x = openStore;\n", /core is not a dependency/],
    ['electron/core/store/x.ts', "import { app } from 'electron';\nexport const x = app;\n", /only electron\/main/],
    ['electron/core/store/x.ts', "export const x = await import('electron');\n", /only electron\/main/],
    ['shared/x.ts', "import React from 'react';\nexport const x = React;\n", /may only use zod/],
    ['shared/x.ts', "import { join } from 'node:path';\nexport const x = join;\n", /without Node.js APIs/],
    ['shared/x.ts', "export { openStore } from '../electron/core/store';\n", /core is not a dependency of shared/],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /without Node.js APIs/],
    ['electron/preload/x.ts', "import { compileTwin } from '../../shared/twin';\nexport const x = compileTwin;\n", /shared is not a dependency of preload/],
  ])('%s: %s is rejected', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['electron/core/store/x.ts', "import { join } from 'node:path';\nimport { Brand } from '../../../shared/schema';\nexport const x = [join, Brand];\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { compileTwin } from '../../shared/twin';\nexport const x = [app, compileTwin];\n"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['renderer/src/features/x.ts', "import { useState } from 'react';\nimport { Color } from '../../../shared/schema';\nexport const x = [useState, Color];\n"],
    ['shared/x.ts', "import { z } from 'zod';\nimport { Color } from './schema';\nexport const x = [z, Color];\n"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
