import path from 'node:path';
import { fileUri } from '../../server/src/workspace/uri';
import { ROOT } from '../helpers';
import { HANG_MS } from '../timing';
import { LspProcess } from './process';

/** A real LSP client over stdio against `node dist/server.js --stdio`. */
export class LspClient extends LspProcess {
  readonly diagnostics = new Map<string, any[]>();
  readonly kinds = new Map<string, any>();
  /** Per document: how many times diagnostics were published, and the version of the last ones. */
  readonly publications = new Map<string, { count: number; version?: number }>();
  private waiters: Array<{ uri: string; resolve: (d: any[]) => void; pred: (d: any[]) => boolean }> = [];

  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = {}) {
    super([path.join(ROOT, 'dist', 'server.js'), ...args], { env });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      const seen = this.publications.get(p.uri) ?? { count: 0 };
      this.publications.set(p.uri, { count: seen.count + 1, version: p.version });
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.conn.onNotification('aml-yaml/kind', (p: any) => {
      this.kinds.set(p.uri, p);
    });
    this.conn.listen();
  }

  async initialize(rootUri: string | null = null, capabilities: object = { workspace: { configuration: true } }): Promise<any> {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, text: string, version: number): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Resolves with the next diagnostics of `uri` that satisfy `pred`; rejects after `timeoutMs`, a hang detector. */
  waitForDiagnostics(uri: string, pred: (d: any[]) => boolean = () => true, timeoutMs = HANG_MS): Promise<any[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        pred,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  shutdown(): Promise<void> {
    return this.stop();
  }
}

const WORKSPACE_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
};

/**
 * A server on some workspace folders (paths); resolves once its first
 * indexing has ended. `configuration` answers workspace/configuration items
 * by section (default: {}); `capabilities` replaces the client capabilities
 * (default: configuration, workspace folders, dynamic registration of watched
 * files and configuration changes, work-done progress).
 */
export async function startServer(
  folders: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    configuration?: (item: { section?: string; scopeUri?: string }) => unknown;
    capabilities?: object;
  } = {},
): Promise<LspClient & { indexings: number; nextIndexing(): Promise<void> }> {
  const client = new LspClient(['--stdio'], options.env) as LspClient & { indexings: number; nextIndexing(): Promise<void> };
  client.indexings = 0;
  let waiters: Array<() => void> = [];
  client.nextIndexing = () => new Promise<void>((resolve) => waiters.push(resolve));
  const first = client.nextIndexing();
  client.conn.onRequest('window/workDoneProgress/create', () => null);
  client.conn.onRequest('workspace/configuration', (p: any) => p.items.map((item: any) => options.configuration?.(item) ?? {}));
  client.conn.onNotification('$/progress', (p: any) => {
    if (p.value?.kind !== 'end') return;
    client.indexings++;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  });
  await client.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders.length ? fileUri(folders[0]) : null,
    capabilities: options.capabilities ?? WORKSPACE_CAPABILITIES,
    workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: f.split(/[\\/]/).pop() })),
  });
  await client.conn.sendNotification('initialized', {});
  await first;
  return client;
}
