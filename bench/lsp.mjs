// A minimal LSP client over stdio for the benchmark: the tests' LspProcess
// (test/lsp/process.ts: spawns a server, answers the requests servers send
// to clients) that times requests and diagnostics.
import fs from 'node:fs';
import { load } from './bundle.mjs';

const { LspProcess } = await load('lsp-process.cjs', 'test/lsp/process.ts');

export class BenchClient extends LspProcess {
  /**
   * @param {string[]} argv node arguments (script and flags)
   * @param {{ settings?: Record<string, unknown>, content?: (uri: string) => string | undefined }} options
   *   settings: answers to workspace/configuration by section;
   *   content: answers to `vscode/content` (yaml-language-server's schema requests).
   */
  constructor(argv, options = {}) {
    const settings = options.settings ?? {};
    super(argv, { configuration: (item) => settings[item.section] ?? null });
    this.contentRequests = [];
    this.diagnostics = new Map();
    this.waiters = [];
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.diagnostics.set(p.uri, p.diagnostics);
      this.onDiagnostics?.(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && (w.version === undefined || p.version === undefined || p.version >= w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve({ at, diagnostics: p.diagnostics });
        }
      }
    });
    this.conn.onRequest('vscode/content', (uri) => {
      this.contentRequests.push(uri);
      const text = options.content?.(uri);
      if (text === undefined) throw new Error(`no local content for ${uri}`);
      return text;
    });
    this.conn.listen();
  }

  async initialize(rootUri, initializationOptions, extraCapabilities = {}) {
    const capabilities = {
      ...extraCapabilities,
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true },
      },
    };
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  /** Resolves when diagnostics for uri (at least version, when the server reports versions) arrive. */
  nextDiagnostics(uri, version, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        version,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** didOpen, then milliseconds until its diagnostics. */
  async openTimed(uri, text, version = 1) {
    const wait = this.nextDiagnostics(uri, version);
    const t0 = performance.now();
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const r = await wait;
    return { ms: r.at - t0, diagnostics: r.diagnostics };
  }

  /** An incremental didChange, then milliseconds until diagnostics of that version. */
  async changeTimed(uri, version, changes) {
    const wait = this.nextDiagnostics(uri, version);
    const t0 = performance.now();
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    const r = await wait;
    return { ms: r.at - t0, diagnostics: r.diagnostics };
  }

  async requestTimed(method, params) {
    const t0 = performance.now();
    const result = await this.conn.sendRequest(method, params);
    return { ms: performance.now() - t0, result };
  }

  /** Peak resident set size of the server process in MB (Linux VmHWM). */
  peakRssMb() {
    try {
      const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
      return kb / 1024;
    } catch {
      return NaN;
    }
  }

  shutdown() {
    return this.stop(3000);
  }
}
