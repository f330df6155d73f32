import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspClient } from '../lsp/client';
import { ROOT } from '../helpers';
import { HANG_MS } from '../timing';
import { bigSpec, schema } from './inputs';

/**
 * No network, ever: the server and the CLI run with a preload that makes every
 * socket, DNS lookup, HTTP(S) request and fetch fail and be recorded, while
 * they analyse files whose `$schema` (and modelines, and `$ref`-looking
 * values) name remote URLs. Nothing may be attempted.
 */

const PRELOAD = path.join(__dirname, 'no-network.cjs');

const FILES: Record<string, string> = {
  'workspace.yml': `${schema('workspace')}name: ws\nlocation: eastus\npublic_network_acess: Disabled\n`,
  'job.yml': `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: echo hi\nenvironment: azureml:env:1\ncompute: azureml:cpu\n`,
  'preview.yml': `$schema: https://azuremlsdk2.blob.core.windows.net/preview/0.0.1/autoMLJob.schema.json\ntype: automl\ntask: classification\n`,
  'unknown.yml': `$schema: https://example.com/schemas/not-azure-ml.schema.json\nname: x\n`,
  'unknown-azureml.yml': `$schema: https://azuremlschemas.azureedge.net/latest/noSuchKind.schema.json\nname: x\n`,
  'modeline.yml': `# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\non: push\njobs: {}\n`,
  'ref.yml': `${schema('data')}name: d\npath: https://example.com/data.csv\n$ref: https://example.com/remote.json#/x\n`,
};

function newLog(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-net-')), 'net.log');
  fs.writeFileSync(file, '');
  return file;
}

function readLog(file: string): { armed: string[]; attempts: string[] } {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return { armed: lines.filter((l) => l.startsWith('armed')), attempts: lines.filter((l) => l.startsWith('attempt')) };
}

const env = (log: string) => ({ NODE_OPTIONS: `--require "${PRELOAD.replace(/(["\\])/g, '\\$1')}"`, AML_YAML_NET_LOG: log });

describe('no network access', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-nonet-'));
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the guard itself records and blocks connections (so the tests below prove something)', () => {
    const log = newLog();
    const code = `
      const tryIt = (f) => { try { f(); } catch {} };
      tryIt(() => require('net').connect(80, 'example.com'));
      tryIt(() => require('https').get('https://example.com/'));
      tryIt(() => require('dns').lookup('example.com', () => {}));
      tryIt(() => fetch('https://example.com/'));
      new (require('worker_threads').Worker)("require('net').connect(443, 'example.com')", { eval: true }).on('error', () => {});
    `;
    const r = spawnSync(process.execPath, ['-e', code], { env: { ...process.env, ...env(log) }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { armed, attempts } = readLog(log);
    assert.ok(armed.length >= 2, `the preload runs in the process and its worker threads: ${armed.join(', ')}`);
    assert.equal(attempts.length, 5, attempts.join('\n'));
  });

  test('the language server opens no socket while analysing files with $schema URLs', async () => {
    const log = newLog();
    const client = new LspClient(['--stdio'], env(log));
    try {
      await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, workspaceFolders: true } });
      for (const [name, text] of Object.entries(FILES)) {
        const uri = pathToFileURL(path.join(dir, name)).toString();
        const wait = client.waitForDiagnostics(uri);
        client.open(uri, text);
        const diagnostics = await wait;
        for (let line = 0; line < 4; line++) {
          const position = { line, character: 12 };
          await client.request('textDocument/hover', { textDocument: { uri }, position });
          await client.request('textDocument/completion', { textDocument: { uri }, position });
          await client.request('textDocument/definition', { textDocument: { uri }, position });
        }
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        for (const d of diagnostics)
          await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      }
      // A large document is analysed in the worker thread: it must not reach out either.
      const large = pathToFileURL(path.join(dir, 'large.yml')).toString();
      const wait = client.waitForDiagnostics(large, () => true, HANG_MS);
      client.open(large, bigSpec(400_000));
      await wait;
      await client.request('textDocument/hover', { textDocument: { uri: large }, position: { line: 0, character: 12 } });
      await client.request('workspace/symbol', { query: 'ws' });
    } finally {
      await client.shutdown();
    }
    const { armed, attempts } = readLog(log);
    assert.ok(armed.length >= 2, `guard armed in the server and its analysis worker: ${armed.join(', ')}`);
    assert.deepEqual(attempts, []);
  });

  test('the CLI opens no socket while checking files with $schema URLs', () => {
    const log = newLog();
    const cli = path.join(ROOT, 'dist', 'cli.js');
    for (const args of [
      ['check', dir],
      ['check', '--format', 'sarif', dir],
      ['check', '--format', 'json', dir],
    ]) {
      const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env(log) }, encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    }
    const { armed, attempts } = readLog(log);
    assert.ok(armed.length >= 3);
    assert.deepEqual(attempts, []);
  });
});
