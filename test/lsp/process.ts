import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface LspProcessOptions {
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Answers one `workspace/configuration` item (default: `{}`). */
  configuration?: (item: { section?: string; scopeUri?: string }) => unknown;
}

/**
 * A language server in a child process (`node <argv>`), spoken to with
 * JSON-RPC over its stdio, as an editor does: it answers the requests a
 * server sends to its client (configuration; registrations, progress and
 * refreshes accepted), ignores notifications nobody listens to, and keeps
 * the server's stderr. The tests' clients of aml-yaml (`client.ts`) and of
 * yaml-language-server (`../editors/yamlLs.ts`) and the benchmark's
 * (`bench/lsp.mjs`, through bench/bundle.mjs) build on it.
 */
export class LspProcess {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  stderr = '';

  constructor(argv: string[], options: LspProcessOptions = {}) {
    this.proc = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.proc.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    const configuration = options.configuration ?? (() => ({}));
    this.conn.onRequest('workspace/configuration', (p: any) => p.items.map(configuration));
    for (const method of [
      'client/registerCapability',
      'client/unregisterCapability',
      'window/workDoneProgress/create',
      'window/showMessageRequest',
      'workspace/codeLens/refresh',
    ])
      this.conn.onRequest(method, () => null);
    this.conn.onNotification(() => undefined);
  }

  request<T = any>(method: string, params?: object): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  /** `shutdown` (answered or not within graceMs), `exit`, then the process is killed if it has not ended within graceMs. */
  async stop(graceMs = 2000): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, graceMs))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, graceMs);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
