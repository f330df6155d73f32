import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../helpers';
import { HANG_MS } from '../timing';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

/**
 * Red Hat's yaml-language-server (the npm package, a devDependency) over
 * stdio, configured like a user's editor with validation on, the schema
 * store and the Kubernetes CRD store off, and `yaml.schemas` as given.
 * It never downloads: `vscode/content` requests (http schemas) are refused.
 */
export class YamlLanguageServer {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly contentRequests: string[] = [];
  private readonly published = new Map<string, { version?: number; diagnostics: LspDiagnostic[] }>();
  private readonly waiters: Array<() => void> = [];
  stderr = '';

  constructor(private readonly settings: { schemas?: Record<string, string | string[]> } = {}) {
    this.proc = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.proc.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      for (const w of this.waiters.splice(0)) w();
    });
    this.conn.onRequest('workspace/configuration', (p: any) => p.items.map((i: any) => this.section(i.section)));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('vscode/content', (uri: string) => {
      this.contentRequests.push(uri);
      throw new Error(`offline: ${uri} is not downloaded`);
    });
    this.conn.onNotification(() => undefined);
    this.conn.listen();
  }

  private yamlSettings(): Record<string, unknown> {
    return {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      schemas: this.settings.schemas ?? {},
    };
  }

  private section(name: string): unknown {
    if (name === 'yaml') return this.yamlSettings();
    if (name === 'http') return { proxy: '', proxyStrictSSL: false };
    if (name === 'editor') return { tabSize: 2 };
    return null;
  }

  async start(rootUri: string): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    // The client asks yaml-language-server to request http(s) schemas through it (refused above: nothing is downloaded).
    await this.conn.sendNotification('yaml/registerContentRequest', {});
    await this.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { yaml: this.yamlSettings(), http: this.section('http') },
    });
  }

  /** Opens (or replaces) a document and resolves with the diagnostics published for that version. */
  async diagnostics(uri: string, text: string, version: number, timeoutMs = HANG_MS): Promise<LspDiagnostic[]> {
    if (version === 1)
      await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    else await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const end = Date.now() + timeoutMs;
    for (;;) {
      const p = this.published.get(uri);
      if (p && (p.version === undefined || p.version >= version)) return p.diagnostics;
      if (Date.now() > end)
        throw new Error(
          `yaml-language-server published no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(uri: string): Promise<void> {
    this.published.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T = any>(method: string, params: object): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* gone */
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc.kill('SIGKILL');
          resolve();
        }, 2000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
