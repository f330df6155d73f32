import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { ROOT } from '../helpers';

/**
 * The code is linted (ESLint with typescript-eslint, eslint.config.mjs) and
 * formatted (prettier, .prettierrc.json) as part of npm test: `npm run lint`
 * says the same, `npm run format` fixes what can be fixed.
 */

const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', '.cache', '.git', '.vscode-test']);

/** Code files of the repository (what git would track: build output and dependencies left out). */
function codeFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...codeFiles(p));
    } else if (e.isFile() && CODE.test(e.name)) out.push(p);
  }
  return out;
}

describe('lint and format', () => {
  test('ESLint reports no problem', { timeout: 300_000 }, async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['.']);
    const problems = results.filter((r) => r.errorCount + r.warningCount > 0);
    if (problems.length) {
      const formatter = await eslint.loadFormatter('stylish');
      assert.fail(`ESLint (npm run lint):\n${await formatter.format(problems)}`);
    }
    // The linter did look at the code (a broken config that matches nothing would pass silently).
    assert.ok(results.length > 200, `ESLint linted only ${results.length} files`);
  });

  test('every code file is formatted as prettier formats it', { timeout: 300_000 }, async () => {
    const ignorePath = path.join(ROOT, '.prettierignore');
    const unformatted: string[] = [];
    let checked = 0;
    for (const file of codeFiles()) {
      const info = await prettier.getFileInfo(file, { ignorePath });
      if (info.ignored || !info.inferredParser) continue;
      const options = await prettier.resolveConfig(file);
      checked++;
      if (!(await prettier.check(fs.readFileSync(file, 'utf8'), { ...options, filepath: file })))
        unformatted.push(path.relative(ROOT, file));
    }
    assert.ok(checked > 200, `prettier checked only ${checked} files`);
    assert.deepEqual(unformatted, [], 'not formatted: run npm run format');
  });
});
