// Any LSP client over stdio: `aml-yaml-language-server` (bin/, what `npm i -g
// aml-yaml` puts on PATH) driven by a client written here from the protocol
// alone (Content-Length framing, JSON-RPC 2.0), declaring no capabilities at
// all. Diagnostics, hover and completion arrive; the server sends no request
// the client did not say it supports; shutdown and exit end it with code 0.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, schemaLine } from '../helpers';
import { HANG_MS } from '../timing';

class BareClient {
  readonly proc: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (msg: any) => void>();
  readonly notifications: any[] = [];
  readonly serverRequests: any[] = [];
  private readonly listeners: Array<() => void> = [];

  constructor() {
    // No --stdio flag: the command speaks stdio by default.
    this.proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'aml-yaml-language-server.js')], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerEnd = this.buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
        if (this.buffer.length < headerEnd + 4 + length) return;
        const msg = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
        this.buffer = this.buffer.subarray(headerEnd + 4 + length);
        this.receive(msg);
      }
    });
  }

  private receive(msg: any): void {
    if (msg.id !== undefined && msg.method === undefined) {
      this.pending.get(msg.id)?.(msg);
      this.pending.delete(msg.id);
    } else if (msg.id !== undefined) {
      this.serverRequests.push(msg);
      this.send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `${msg.method} is not supported by this client` } });
    } else {
      this.notifications.push(msg);
    }
    for (const l of this.listeners.splice(0)) l();
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (msg) => (msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result)));
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification matching, waiting for it if needed (bounded by the test's timeout). */
  async notification(pred: (msg: any) => boolean): Promise<any> {
    for (;;) {
      const found = this.notifications.find(pred);
      if (found) return found;
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
  }
}

describe('any LSP client over stdio (aml-yaml-language-server)', () => {
  let client: BareClient;
  const uri = 'file:///bare/workspace.yml';
  const text = `${schemaLine('workspace')}\nname: contoso\nlocation: eastus\npublic_network_access: Disabled\nlocaton: westus\n\n`;

  before(async () => {
    client = new BareClient();
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      clientInfo: { name: 'bare' },
    });
    assert.equal(init.serverInfo.name, 'aml-yaml');
    client.notify('initialized', {});
  });
  after(async () => {
    if (client.proc.exitCode === null) client.proc.kill();
  });

  test('diagnostics arrive for an opened document', { timeout: HANG_MS }, async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const published = await client.notification((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    const byCode = new Map(published.params.diagnostics.map((d: any) => [d.code, d]));
    assert.equal((byCode.get('unknown-key') as any)?.range.start.line, 4, JSON.stringify(published.params.diagnostics));
    assert.equal((byCode.get('private-workspace-image-build-compute') as any)?.range.start.line, 3);
    for (const d of published.params.diagnostics) assert.equal(d.source, 'aml-yaml');
  });

  test('hover and completion answer', { timeout: HANG_MS }, async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.match(hover.contents.value, /image_build_compute/);
    const completion = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 0 } });
    const labels = (completion.items ?? completion).map((i: any) => i.label);
    assert.ok(labels.includes('description') && labels.includes('image_build_compute'), labels.join(', '));
    assert.ok(!labels.includes('name'), 'keys already present are not offered');
  });

  test('no request the client did not declare support for; shutdown and exit end the server with 0', { timeout: HANG_MS }, async () => {
    assert.deepEqual(
      client.serverRequests.map((r) => r.method),
      [],
    );
    await client.request('shutdown', null);
    const exited = new Promise<number | null>((resolve) => client.proc.once('exit', (code) => resolve(code)));
    client.notify('exit', null);
    assert.equal(await exited, 0);
  });
});
