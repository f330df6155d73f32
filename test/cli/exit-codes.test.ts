import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { positionOf } from '../markers';
import { runCli, schema, scratchTrees } from './helpers';

const CLEAN = `${schema('amlCompute')}
name: cpu-cluster
type: amlcompute
size: Standard_DS3_v2
min_instances: 0
max_instances: 2
`;
/** One warning: a password written into the file (plaintext-secret). */
const WARNING = `${schema('amlCompute')}
name: gpu-cluster
type: amlcompute
ssh_settings:
  admin_username: azureuser
  admin_password: example-passw0rd
`;
/** One error: batch endpoints reject public_network_access. */
const ERROR = `${schema('batchEndpoint')}
name: nightly
public_network_access: disabled
`;
const WORKFLOW = `name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

const { tree } = scratchTrees();

describe('exit codes', () => {
  test('0 and a closing count line when clean', async () => {
    const cwd = tree({ 'compute.yml': CLEAN });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
  });

  test('0 with warnings only; 1 once --max-warnings is exceeded', async () => {
    const cwd = tree({ 'a.yml': WARNING, 'b.yml': WARNING });
    const plain = await runCli(['check', '.'], { cwd });
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stdout, /2 problems \(0 errors, 2 warnings, 0 infos\) in 2 files\./);
    assert.equal((await runCli(['check', '--max-warnings', '2'], { cwd })).status, 0);
    const over = await runCli(['check', '--max-warnings=1'], { cwd });
    assert.equal(over.status, 1);
    assert.match(over.stderr, /2 warnings, more than --max-warnings 1/);
  });

  test('1 with errors', async () => {
    const cwd = tree({ 'endpoint.yml': ERROR, 'compute.yml': CLEAN });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 1);
    const at = positionOf(ERROR, 'public_network_access');
    assert.match(
      r.stdout,
      new RegExp(`^endpoint\\.yml\\n {2}${at.line + 1}:${at.character + 1} {2}error {2}.+ {2}batch-endpoint-network-keys$`, 'm'),
    );
    assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 infos\) in 2 files\./);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['check', '--frobnicate'], /unknown option "--frobnicate"/],
    ['a bad format name', ['check', '--format', 'xml'], /unknown format "xml": use one of stylish, json, sarif, github/],
    ['a format without value', ['check', '--format'], /option --format needs a value/],
    ['a bad --max-warnings', ['check', '--max-warnings', 'many'], /--max-warnings needs a whole number/],
    ['a nonexistent path', ['check', 'no/such/dir'], /"no\/such\/dir" does not exist/],
    ['a glob that matches nothing', ['check', 'nothing/**/*.yml'], /no YAML file matches "nothing\/\*\*\/\*\.yml"/],
    ['no command', [], /missing command/],
    ['an unknown command', ['lint'], /unknown command "lint"/],
  ];
  for (const [what, args, message] of usage) {
    test(`2 for ${what}, with a clear message on stderr`, async () => {
      const cwd = tree({ 'compute.yml': CLEAN });
      const r = await runCli(args, { cwd });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^aml-yaml: /);
    });
  }

  test('2 for an .aml-yaml.json that is not JSON', async () => {
    const cwd = tree({ 'compute.yml': CLEAN, '.aml-yaml.json': '{ "rules": ' });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.aml-yaml\.json is not valid JSON/);
    assert.equal(r.stdout, '');
  });

  test('2 for an .aml-yaml.json with an invalid severity', async () => {
    const config = '{ "rules": { "unknown-key": "loud" } }';
    const cwd = tree({ 'sub/compute.yml': CLEAN, '.aml-yaml.json': config });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 2);
    assert.ok(
      r.stderr.includes(
        `.aml-yaml.json:1:${config.indexOf('"loud"') + 1}: rules["unknown-key"]: severity "loud" is not one of off, hint, info, warning, error.`,
      ),
      r.stderr,
    );
  });

  test('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: aml-yaml check/);
    const version = await runCli(['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});

describe('configuration and suppression', () => {
  test('.aml-yaml.json severities are honoured (error -> warning -> off)', async () => {
    const cwd = tree({ 'endpoint.yml': ERROR, '.aml-yaml.json': '{ "rules": { "batch-endpoint-network-keys": "warning" } }' });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 0);
    const at = positionOf(ERROR, 'public_network_access');
    assert.match(r.stdout, new RegExp(`^ {2}${at.line + 1}:${at.character + 1} {2}warning {2}.+ {2}batch-endpoint-network-keys$`, 'm'));
    fs.writeFileSync(path.join(cwd, '.aml-yaml.json'), '{ "rules": { "batch-endpoint-network-keys": "off" } }');
    assert.equal((await runCli(['check'], { cwd })).stdout, 'No problems in 1 file.\n');
  });

  test('"validate": false turns checking off', async () => {
    const cwd = tree({ 'endpoint.yml': ERROR, '.aml-yaml.json': '{ "validate": false }' });
    const r = await runCli(['check', '-f', 'json'], { cwd });
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.stdout).summary.errors, 0);
  });

  test('an unknown rule id in .aml-yaml.json is a warning on stderr', async () => {
    const cwd = tree({ 'compute.yml': CLEAN, '.aml-yaml.json': '{ "rules": { "no-such-rule": "off" } }' });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /"no-such-rule" is not an aml-yaml rule id/);
  });

  test('suppression comments are honoured', async () => {
    const text = ERROR.replace('public_network_access', '# aml-yaml-disable-next-line batch-endpoint-network-keys\npublic_network_access');
    const cwd = tree({ 'endpoint.yml': text });
    const r = await runCli(['check'], { cwd });
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
  });
});

describe('finding files', () => {
  test('non-Azure ML YAML is skipped silently; --verbose lists it and the kinds', async () => {
    const cwd = tree({
      'compute.yml': CLEAN,
      '.github/workflows/ci.yml': WORKFLOW,
      'environment/conda.yaml': 'name: env\ndependencies:\n  - python=3.10\n',
    });
    const quiet = await runCli(['check', '-f', 'json'], { cwd });
    assert.equal(quiet.stderr, '');
    assert.deepEqual(
      JSON.parse(quiet.stdout).files.map((f: { path: string }) => f.path),
      ['compute.yml'],
    );
    const verbose = await runCli(['check', '--verbose'], { cwd });
    assert.match(verbose.stderr, /read 3 YAML files: 1 Azure ML, 2 skipped/);
    assert.match(verbose.stderr, /checked {2}compute\.yml: amlCompute \(\$schema names amlCompute\)/);
    assert.match(verbose.stderr, /skipped {2}\.github\/workflows\/ci\.yml: not an Azure ML spec/);
    assert.match(verbose.stderr, /skipped {2}environment\/conda\.yaml/);
  });

  test('node_modules and .git are not walked; --ignore skips paths and globs', async () => {
    const cwd = tree({
      'specs/compute.yml': CLEAN,
      'specs/old/endpoint.yml': ERROR,
      'specs/gen/x.generated.yml': ERROR,
      'node_modules/pkg/endpoint.yml': ERROR,
      '.git/endpoint.yml': ERROR,
    });
    const paths = async (args: string[]) =>
      JSON.parse((await runCli([...args, '-f', 'json'], { cwd })).stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(await paths(['check']), ['specs/compute.yml', 'specs/gen/x.generated.yml', 'specs/old/endpoint.yml']);
    assert.deepEqual(await paths(['check', '--ignore', 'specs/old', '--ignore', '**/*.generated.yml']), ['specs/compute.yml']);
    // A path named explicitly is checked even inside node_modules.
    assert.deepEqual(await paths(['check', 'node_modules/pkg/endpoint.yml']), ['node_modules/pkg/endpoint.yml']);
  });

  test('globs and several roots; paths are relative to the working folder', async () => {
    const cwd = tree({ 'a/compute.yml': CLEAN, 'b/endpoint.yaml': ERROR, 'c/other.yml': CLEAN });
    const r = await runCli(['check', 'a', 'b/*.yaml', '-f', 'json'], { cwd });
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
      ['a/compute.yml', 'b/endpoint.yaml'],
    );
    const nested = await runCli(['check', '../a', '-f', 'json'], { cwd: path.join(cwd, 'c') });
    assert.deepEqual(
      JSON.parse(nested.stdout).files.map((f: { path: string }) => f.path),
      ['../a/compute.yml'],
    );
  });

  test('the given roots form the workspace for cross-file rules', async () => {
    const workspace = `${schema('workspace')}\nname: ws\nlocation: westeurope\npublic_network_access: Disabled\nimage_build_compute: cpu\n`;
    const cluster = `${schema('amlCompute')}\nname: cpu\ntype: amlcompute\nlocation: northeurope\n`;
    const cwd = tree({ 'ws/workspace.yml': workspace, 'ws/compute/cpu.yml': cluster });
    const codes = async (args: string[]): Promise<string[]> =>
      JSON.parse((await runCli([...args, '-f', 'json'], { cwd })).stdout).files.flatMap((f: { diagnostics: Array<{ code: string }> }) =>
        f.diagnostics.map((d) => d.code),
      );
    assert.ok((await codes(['check', 'ws'])).includes('compute-region-mismatch'));
    // Checked alone, the cluster has no workspace: the cross-file rule stays silent.
    assert.ok(!(await codes(['check', 'ws/compute'])).includes('compute-region-mismatch'));
  });
});
