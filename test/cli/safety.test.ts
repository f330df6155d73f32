import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { main, PROGRESS_THRESHOLD, type CliIO } from '../../server/src/cli/main';
import { SecretRedactor } from '../../server/src/cli/secrets';
import { copyExamples, EXAMPLE_SECRETS, runCli, schema, scratchTrees, spawnCli } from './helpers';

const NO_NETWORK = path.join(__dirname, 'no-network.cjs');

const { tree, keep } = scratchTrees();

function mustNotLeak(text: string, where: string): void {
  for (const secret of EXAMPLE_SECRETS) {
    assert.ok(!text.includes(secret), `${where} prints a secret`);
    assert.ok(!text.includes(secret.slice(0, 12)), `${where} prints part of a secret`);
  }
}

describe('secrets and network', () => {
  test('the examples really contain the secrets (the test below means something)', async () => {
    const text = ['examples/datastores/transactions.yml', 'examples/compute/cpu-cluster.yml']
      .map((f) => fs.readFileSync(path.join(__dirname, '..', '..', f), 'utf8'))
      .join('\n');
    for (const s of EXAMPLE_SECRETS) assert.ok(text.includes(s));
  });

  test('no output of any format, --verbose or --fix prints a secret', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const r = await runCli(['check', 'examples', '--ignore', 'examples/fixed', '--verbose', '--format', format]);
      mustNotLeak(r.stdout + r.stderr, `--format ${format}`);
    }
    const dir = keep(copyExamples());
    const fixed = await runCli(['check', 'examples', '--fix', '--verbose'], { cwd: dir });
    mustNotLeak(fixed.stdout + fixed.stderr, '--fix');
  });

  test('a message that quotes a secret is redacted', async () => {
    const r = new SecretRedactor();
    r.collect({
      credentials: { account_key: 'c2VjcmV0LWtleS12YWx1ZQ==', client_id: 'not-secret-id' },
      ssh_settings: { admin_password: 'hunter2-pass' },
    });
    assert.equal(r.redact('key c2VjcmV0LWtleS12YWx1ZQ== and hunter2-pass, id not-secret-id'), 'key **** and ****, id not-secret-id');
  });

  test('no network connection is opened', async () => {
    // A real process with a preload that refuses every connection.
    const r = spawnCli(['check', 'examples', '--format', 'sarif'], { nodeArgs: ['--require', NO_NETWORK] });
    assert.doesNotMatch(r.stderr, /NETWORK ACCESS/);
    assert.equal(r.status, 1);
    assert.ok(JSON.parse(r.stdout).runs[0].results.length > 0);
  });
});

describe('progress', () => {
  function io(tty: boolean): CliIO & { out: string; err: string } {
    const s = { out: '', err: '' } as CliIO & { out: string; err: string };
    return Object.assign(s, {
      cwd: '',
      env: {},
      stdout: { write: (t: string) => (s.out += t), isTTY: false },
      stderr: { write: (t: string) => (s.err += t), isTTY: tty },
    });
  }
  const files: Record<string, string> = {};
  for (let i = 0; i <= PROGRESS_THRESHOLD; i++) files[`c${i}.yml`] = `${schema('amlCompute')}\nname: c${i}\ntype: amlcompute\n`;

  test(`a progress line on a terminal's stderr above ${PROGRESS_THRESHOLD} files, none otherwise`, async () => {
    const cwd = tree(files);
    const tty = Object.assign(io(true), { cwd });
    assert.equal(await main(['check', '-f', 'json'], tty), 0);
    assert.match(tty.err, new RegExp(`checked ${PROGRESS_THRESHOLD + 1}/${PROGRESS_THRESHOLD + 1} files`));
    assert.equal(JSON.parse(tty.out).summary.files, PROGRESS_THRESHOLD + 1);
    const pipe = Object.assign(io(false), { cwd });
    await main(['check', '-f', 'json'], pipe);
    assert.equal(pipe.err, '');
    // Exactly the threshold on a terminal: no progress line either.
    const atThreshold = Object.assign(io(true), { cwd });
    assert.equal(await main(['check', '-f', 'json', '--ignore', 'c0.yml'], atThreshold), 0);
    assert.equal(JSON.parse(atThreshold.out).summary.files, PROGRESS_THRESHOLD);
    assert.equal(atThreshold.err, '');
  });
});
