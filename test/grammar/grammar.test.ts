// Grammar tests for syntaxes/aml-yaml.injection.tmLanguage.json, injected into
// VS Code's own YAML grammar (test/grammar/yaml, see its README):
// scope assertions (cases/*.yml) and token snapshots (snap/*.yml.snap).
// Update the snapshots after an intended change with:
//   npx vscode-tmgrammar-snap --config test/grammar/grammars.json --updateSnapshot 'test/grammar/snap/*.yml'
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const bin = (name: string) => path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', `${name}.js`);
const config = path.join('test', 'grammar', 'grammars.json');

function run(tool: string, glob: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [bin(tool), '--config', config, glob], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('grammar: scope assertions of test/grammar/cases', () => {
  const r = run('unit', 'test/grammar/cases/*.yml');
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /expressions\.yml run successfuly/);
  assert.match(r.out, /references\.yml run successfuly/);
});

test('grammar: token snapshots of test/grammar/snap', () => {
  const r = run('snapshot', 'test/grammar/snap/*.yml');
  assert.equal(r.status, 0, r.out);
});

const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

test('grammar: package.json injects the grammar into source.yaml', () => {
  const pkg = readJson('package.json');
  const g = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === 'aml-yaml.injection');
  assert.ok(g, 'contributes.grammars has aml-yaml.injection');
  assert.deepEqual(g.injectTo, ['source.yaml']);
  const grammar = readJson(g.path);
  assert.equal(grammar.scopeName, 'aml-yaml.injection');
  assert.match(grammar.injectionSelector, /^L:source\.yaml/);
});
