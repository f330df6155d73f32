import path from 'node:path';
import { ROOT } from '../helpers';
import { LspProcess } from '../lsp/process';
import { HANG_MS } from '../timing';
import { yamlLsSettings } from './yamlLsSettings';

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
export class YamlLanguageServer extends LspProcess {
  readonly contentRequests: string[] = [];
  private readonly published = new Map<string, { version?: number; diagnostics: LspDiagnostic[] }>();
  private readonly waiters: Array<() => void> = [];
  private readonly sections: Record<string, unknown>;

  constructor(settings: { schemas?: Record<string, string | string[]> } = {}) {
    const sections = yamlLsSettings(settings.schemas);
    super([path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], {
      configuration: (item) => (item.section !== undefined ? sections[item.section] : undefined) ?? null,
    });
    this.sections = sections;
    this.conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      for (const w of this.waiters.splice(0)) w();
    });
    this.conn.onRequest('vscode/content', (uri: string) => {
      this.contentRequests.push(uri);
      throw new Error(`offline: ${uri} is not downloaded`);
    });
    this.conn.listen();
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
      settings: { yaml: this.sections.yaml, http: this.sections.http },
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
}
