import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { HANG_MS } from '../timing';
import { BIN, schema, scratchTrees, spawnCli } from './helpers';

/**
 * The few things only a real process shows: exit codes as the shell sees
 * them through bin/aml-yaml.js, standard input left alone, and colours on a
 * real terminal. Everything else calls the CLI's main(argv, io) in process.
 */

const CLEAN = `${schema('amlCompute')}\nname: cpu-cluster\ntype: amlcompute\nsize: Standard_DS3_v2\n`;
const ERROR = `${schema('batchEndpoint')}\nname: nightly\npublic_network_access: disabled\n`;

const { tree } = scratchTrees();

describe('the aml-yaml process', () => {
  test('exit codes 0, 1 and 2 reach the shell', () => {
    const clean = spawnCli(['check'], { cwd: tree({ 'compute.yml': CLEAN }) });
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, 'No problems in 1 file.\n');
    const errors = spawnCli(['check', '-f', 'json'], { cwd: tree({ 'endpoint.yml': ERROR }) });
    assert.equal(errors.status, 1, errors.stderr);
    assert.equal(JSON.parse(errors.stdout).summary.errors, 1);
    const usage = spawnCli(['check', '--frobnicate']);
    assert.equal(usage.status, 2);
    assert.equal(usage.stdout, '');
    assert.match(usage.stderr, /^aml-yaml: unknown option "--frobnicate"\.\nRun "aml-yaml --help" for usage\.\n$/);
  });

  test('standard input is never read: an open, silent stdin does not keep it waiting', async () => {
    const cwd = tree({ 'compute.yml': CLEAN });
    const child = spawn(process.execPath, [BIN, 'check'], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // stdin stays open and empty; a CLI that read it would wait here until the hang detector fires.
    const status = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(`still running after ${HANG_MS} ms`);
      }, HANG_MS);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code ?? -1);
      });
    });
    child.stdin.destroy();
    assert.equal(status, 0);
    assert.equal(out, 'No problems in 1 file.\n');
  });

  test('colours by default on a terminal, not with NO_COLOR, forced by FORCE_COLOR through a pipe', () => {
    const cwd = tree({ 'endpoint.yml': ERROR });
    // script(1) gives the command a pseudo-terminal for stdout.
    const onTty = (env: Record<string, string>) => {
      const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" check`, '/dev/null'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '', NO_COLOR: '', ...env },
      });
      if (r.error) throw r.error;
      return r.stdout;
    };
    const coloured = onTty({});
    assert.match(coloured, /\x1b\[31merror/);
    assert.match(coloured, /batch-endpoint-network-keys/);
    const plain = onTty({ NO_COLOR: '1' });
    assert.doesNotMatch(plain, /\x1b\[/);
    assert.match(plain, /batch-endpoint-network-keys/);
    assert.doesNotMatch(spawnCli(['check'], { cwd }).stdout, /\x1b\[/);
    assert.match(spawnCli(['check'], { cwd, env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[31merror/);
  });
});
