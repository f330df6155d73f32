import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspClient } from '../lsp/client';
import { ROOT } from '../helpers';
import { HANG_MS, within } from '../timing';
import { bigSpec, typoWorkspace } from './inputs';

/**
 * The protocol and the queue: lifecycle errors, framing errors, bursts of
 * edits, analyses that fail in the worker. No assertion on elapsed time:
 * the waits below are hang detectors, far above what these take.
 */

const SERVER = path.join(ROOT, 'dist', 'server.js');

function frame(message: object, lengthDelta = 0): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length + lengthDelta}\r\n\r\n`), body]);
}

/** A raw stdio session: frames in, bytes out, exit code. */
function raw() {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, exited, out: () => out, err: () => err };
}

const waitFor = async (pred: () => boolean, what: string) => {
  const until = Date.now() + HANG_MS;
  while (!pred()) {
    if (Date.now() > until) assert.fail(`${what} did not happen within ${HANG_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('protocol lifecycle', () => {
  test('a request before initialize gets ServerNotInitialized (-32002)', async () => {
    const client = new LspClient();
    try {
      await assert.rejects(
        client.request('textDocument/hover', { textDocument: { uri: 'file:///x.yml' }, position: { line: 0, character: 0 } }),
        (e: any) => e.code === -32002,
      );
      await client.initialize();
      assert.equal(
        await client.request('textDocument/hover', { textDocument: { uri: 'file:///x.yml' }, position: { line: 0, character: 0 } }),
        null,
      );
    } finally {
      await client.shutdown();
    }
  });

  test('a request after shutdown gets InvalidRequest (-32600); exit then ends the process with 0', async () => {
    const client = new LspClient();
    await client.initialize();
    await client.conn.sendRequest('shutdown');
    await assert.rejects(
      client.request('textDocument/hover', { textDocument: { uri: 'file:///x.yml' }, position: { line: 0, character: 0 } }),
      (e: any) => e.code === -32600,
    );
    const exited = new Promise<number | null>((r) => client.proc.once('exit', (c) => r(c)));
    await client.conn.sendNotification('exit');
    assert.equal(await exited, 0);
    client.conn.dispose();
  });
});

describe('framing errors end the connection with a log line', () => {
  for (const [name, delta] of [
    ['a Content-Length too short', -5],
    ['a Content-Length that is not a number', NaN],
  ] as const) {
    test(name, async () => {
      const s = raw();
      s.proc.stdin.write(
        frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
      );
      await waitFor(() => s.out().includes('"id":1'), 'the initialize answer');
      if (Number.isNaN(delta)) s.proc.stdin.write(Buffer.from('Content-Length: many\r\n\r\n{}'));
      else s.proc.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }, delta));
      s.proc.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
      const code = await within(s.exited, HANG_MS, 'still running');
      if (code === 'still running') s.proc.kill('SIGKILL');
      assert.notEqual(code, 'still running', 'the server kept reading a broken stream');
      assert.notEqual(code, 0);
      assert.match(s.err(), /aml-yaml: the client sent a message that cannot be read .*; closing the connection\./);
    });
  }

  test('the client closing its end ends the server', async () => {
    const s = raw();
    s.proc.stdin.write(
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
    );
    await waitFor(() => s.out().includes('"id":1'), 'the initialize answer');
    s.proc.stdin.end();
    const code = await within(s.exited, HANG_MS, 'still running');
    if (code === 'still running') s.proc.kill('SIGKILL');
    assert.notEqual(code, 'still running');
  });
});

describe('the analysis queue over LSP', () => {
  let client: LspClient;
  const logs: string[] = [];
  before(async () => {
    client = new LspClient(['--stdio'], { AML_YAML_WORKER_TIMEOUT_MS: '1' });
    client.conn.onNotification('window/logMessage', (p: any) => void logs.push(p.message));
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('a burst of 10,000 didChange: the latest version is analysed, not every one, and a hover after it is answered', async () => {
    const uri = 'file:///burst/workspace.yml';
    const published = () => client.publications.get(uri)?.count ?? 0;
    client.open(uri, typoWorkspace);
    await waitFor(() => published() >= 1, 'the first diagnostics');
    const writes: Array<Promise<void>> = [];
    for (let v = 2; v <= 10_001; v++)
      writes.push(
        client.conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: [{ text: typoWorkspace.replace('name: ws', `name: ws${v}`) }],
        }),
      );
    await Promise.all(writes);
    const hover: any = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.match(hover?.contents?.value ?? '', /\*\*location\*\*/);
    await waitFor(() => client.publications.get(uri)?.version === 10_001, 'the diagnostics of the last version');
    // A handful of intermediate versions at most (the queue waits while changes keep coming, up to COALESCE_MAX_MS each).
    assert.ok(published() < 100, `${published()} publications for 10,000 changes`);
  });

  test('an analysis that fails in the worker is not started again for every request on that version', async () => {
    // AML_YAML_WORKER_TIMEOUT_MS=1: every worker call fails at once, as one that runs out of memory would.
    const uri = 'file:///failing/workspace.yml';
    const diagnostics = client.waitForDiagnostics(uri, () => true, HANG_MS);
    client.open(uri, bigSpec(300_000));
    const ds = await diagnostics;
    assert.deepEqual(
      ds.map((d: any) => d.code),
      ['analysis-stopped'],
    );
    const before = logs.filter((m) => m.includes(uri)).length;
    for (let i = 0; i < 5; i++) {
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } }), null);
      assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    }
    assert.equal(logs.filter((m) => m.includes(uri)).length, before, 'no new analysis of the same version was attempted');
    assert.equal(before, 1, logs.join('\n'));
  });
});
