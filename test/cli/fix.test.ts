import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { runCheck } from '../../server/src/cli/check';
import { cliService, copyExamples, EXAMPLES, removeTree, runCli, type CliRun } from './helpers';

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe('--fix on a copy of examples/', () => {
  let dir = '';
  let first: CliRun;
  before(async () => {
    dir = copyExamples();
    first = await runCli(['check', 'examples', '--fix', '-f', 'json'], { cwd: dir });
  });
  after(() => removeTree(dir));

  test('applies fixes in place and reports what remains', async () => {
    const remaining = JSON.parse(first.stdout);
    assert.equal(first.status, remaining.summary.errors ? 1 : 0, first.stderr);
    const before = JSON.parse((await runCli(['check', 'examples', '--ignore', 'examples/fixed', '-f', 'json'])).stdout);
    assert.ok(remaining.summary.errors + remaining.summary.warnings < before.summary.errors + before.summary.warnings);
    const changed = yamlFiles(path.join(dir, 'examples')).filter(
      (f) => fs.readFileSync(f, 'utf8') !== fs.readFileSync(path.join(EXAMPLES, path.relative(path.join(dir, 'examples'), f)), 'utf8'),
    );
    assert.ok(changed.length >= 3, `only ${changed.length} files changed`);
  });

  test('afterwards no fixable diagnostic remains', async () => {
    const result = await runCheck({ cwd: dir, paths: ['examples'], service: cliService() });
    const fixable = result.files.filter((f) => f.fixable).map((f) => `${f.path}: ${f.fixable}`);
    assert.deepEqual(fixable, []);
    assert.doesNotMatch((await runCli(['check', 'examples'], { cwd: dir })).stdout, /can be fixed with --fix/);
  });

  test('every file still parses and keeps its comments and layout', async () => {
    for (const file of yamlFiles(path.join(dir, 'examples'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], `${file} no longer parses`);
      const original = fs.readFileSync(path.join(EXAMPLES, path.relative(path.join(dir, 'examples'), file)), 'utf8');
      const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l) && !/# expect /.test(l)).length;
      assert.ok(comments(text) >= comments(original) - 1, `${file} lost comments`);
      assert.equal(text.split('\n')[0], original.split('\n')[0], `${file}: the header comment changed`);
    }
  });

  test('a second --fix has nothing left to do', async () => {
    const again = await runCli(['check', 'examples', '--fix'], { cwd: dir });
    assert.doesNotMatch(again.stdout, /Applied \d+ fix/);
  });

  test('only preferred fixes are applied: a choice between clusters is left to the user', async () => {
    const ws = fs.readFileSync(path.join(dir, 'examples', 'workspace.yml'), 'utf8');
    assert.doesNotMatch(ws, /^image_build_compute:/m);
  });
});
