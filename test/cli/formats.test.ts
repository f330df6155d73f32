import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineOf, positionOf, rangeOf } from '../markers';
import { runCli, schema, scratchTrees } from './helpers';

const SPEC = `${schema('batchEndpoint')}
name: nightly
public_network_access: disabled
`;
const INSTANCE = `${schema('computeInstance')}
name: ci-alice
type: computeinstance
identity:
  type: system_assigned
idle_time_before_shutdown_minutes: 60
`;
const TYPO = `${schema('amlCompute')}
name: gpu
type: amlcompute
min_instance: 0
`;
/** The CLI rejects unknown keys (an error by default); these tests lower it to a warning, as a repository may. */
const UNKNOWN_KEY_AS_WARNING = JSON.stringify({ rules: { 'unknown-key': 'warning' } });

const { tree } = scratchTrees();

describe('formats', () => {
  test('json has exactly the documented shape', async () => {
    const cwd = tree({ 'endpoint.yml': SPEC, 'typo.yml': TYPO, '.aml-yaml.json': UNKNOWN_KEY_AS_WARNING });
    const out = JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout);
    assert.deepEqual(Object.keys(out), ['version', 'files', 'summary']);
    assert.equal(out.version, 1);
    assert.deepEqual(out.summary, { files: 2, errors: 1, warnings: 1, infos: 0 });
    const [file] = out.files;
    assert.deepEqual(Object.keys(file), ['path', 'kind', 'diagnostics']);
    assert.equal(file.path, 'endpoint.yml');
    assert.equal(file.kind, 'batchEndpoint');
    const d = file.diagnostics[0];
    assert.deepEqual(Object.keys(d), ['range', 'severity', 'code', 'source', 'message']);
    assert.deepEqual(d.range, rangeOf(SPEC, 'public_network_access'));
    assert.equal(d.severity, 1);
    assert.equal(d.code, 'batch-endpoint-network-keys');
    assert.equal(d.source, 'aml-yaml');
  });

  test('json lists a broken Azure ML file with kind null', async () => {
    const cwd = tree({ 'broken.yml': `${schema('batchEndpoint')}\nname: [unclosed\n` });
    const out = JSON.parse((await runCli(['check', '-f', 'json'], { cwd })).stdout);
    assert.equal(out.files.length, 1);
    assert.ok(out.files[0].diagnostics.some((d: { code: string }) => d.code === 'yaml-syntax'));
  });

  test('github: ::error, ::warning and ::notice annotation lines', async () => {
    const cwd = tree({ 'endpoint.yml': SPEC, 'instance.yml': INSTANCE, 'typo.yml': TYPO, '.aml-yaml.json': UNKNOWN_KEY_AS_WARNING });
    const lines = (await runCli(['check', '--format', 'github'], { cwd })).stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    const ep = rangeOf(SPEC, 'public_network_access');
    const idle = rangeOf(INSTANCE, 'idle_time_before_shutdown_minutes').start;
    const typo = rangeOf(TYPO, 'min_instance').start;
    assert.ok(
      lines[0].startsWith(
        `::error file=endpoint.yml,line=${ep.start.line + 1},col=${ep.start.character + 1},endLine=${ep.end.line + 1},endColumn=${ep.end.character + 1},title=aml-yaml batch-endpoint-network-keys::A batch endpoint `,
      ),
      lines[0],
    );
    assert.match(lines[0], / \(batch-endpoint-network-keys\)$/);
    assert.match(
      lines[1],
      new RegExp(
        `^::notice file=instance\\.yml,line=${idle.line + 1},col=${idle.character + 1},.*::.+\\(compute-instance-idle-shutdown-identity\\)$`,
      ),
    );
    assert.match(
      lines[2],
      new RegExp(`^::warning file=typo\\.yml,line=${typo.line + 1},col=${typo.character + 1},.*::Unknown key "min_instance"`),
    );
  });

  test('github escapes workflow-command characters', async () => {
    const cwd = tree({ 'a,b:c%.yml': SPEC });
    const line = (await runCli(['check', '-f', 'github'], { cwd })).stdout.trim();
    assert.ok(line.startsWith(`::error file=a%2Cb%3Ac%25.yml,line=${lineOf(SPEC, 'public_network_access') + 1},`), line);
  });

  test('stylish: grouped by file, no colour off a terminal, colour with --color', async () => {
    const cwd = tree({ 'endpoint.yml': SPEC, 'typo.yml': TYPO, '.aml-yaml.json': UNKNOWN_KEY_AS_WARNING });
    const plain = (await runCli(['check'], { cwd })).stdout;
    assert.doesNotMatch(plain, /\x1b\[/);
    assert.equal(
      plain,
      [
        'endpoint.yml',
        plain.split('\n')[1],
        '',
        'typo.yml',
        plain.split('\n')[4],
        '',
        '2 problems (1 error, 1 warning, 0 infos) in 2 files.',
        '2 of them can be fixed with --fix.',
        '',
      ].join('\n'),
    );
    const ep = positionOf(SPEC, 'public_network_access');
    const typo = positionOf(TYPO, 'min_instance');
    assert.match(
      plain.split('\n')[1],
      new RegExp(`^ {2}${ep.line + 1}:${ep.character + 1} {2}error {2}A batch endpoint .+ {2}batch-endpoint-network-keys$`),
    );
    assert.match(
      plain.split('\n')[4],
      new RegExp(`^ {2}${typo.line + 1}:${typo.character + 1} {2}warning {2}Unknown key "min_instance".+ {2}unknown-key$`),
    );
    const coloured = (await runCli(['check', '--color'], { cwd })).stdout;
    assert.match(coloured, /\x1b\[31merror/);
    assert.equal((await runCli(['check', '--color', '--no-color'], { cwd })).stdout, plain);
  });
});
