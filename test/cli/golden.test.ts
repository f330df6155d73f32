import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { GOLDEN, ROOT, runCli } from './helpers';

/**
 * The CLI's output on examples/ in every format, compared with the files in
 * golden/. Rules are still landing: after a deliberate change, regenerate
 * with UPDATE_GOLDEN=1 node test/run.mjs test/cli and review the diff.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FORMATS: Array<{ format: string; file: string }> = [
  { format: 'stylish', file: 'examples.stylish.txt' },
  { format: 'json', file: 'examples.json' },
  { format: 'sarif', file: 'examples.sarif.json' },
  { format: 'github', file: 'examples.github.txt' },
];

/** The package version is not part of the golden output. */
function normalise(text: string): string {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  return text.split(`"version": "${version}"`).join('"version": "<package version>"');
}

describe('golden output on examples/', () => {
  for (const { format, file } of FORMATS) {
    test(`--format ${format}`, async () => {
      const r = await runCli(['check', 'examples', '--ignore', 'examples/fixed', '--format', format]);
      assert.equal(r.status, 1, `examples/ has deliberate errors, so the exit code is 1; stderr: ${r.stderr}`);
      assert.equal(r.stderr, '', 'nothing on stderr');
      const actual = normalise(r.stdout);
      const target = path.join(GOLDEN, file);
      if (UPDATE) {
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(target, actual);
        return;
      }
      assert.ok(fs.existsSync(target), `${file} is missing: run UPDATE_GOLDEN=1 node test/run.mjs test/cli`);
      const expected = fs.readFileSync(target, 'utf8');
      assert.equal(
        actual,
        expected,
        `output differs from test/cli/golden/${file}; if the change is intended, run UPDATE_GOLDEN=1 node test/run.mjs test/cli and review the diff`,
      );
    });
  }
});
