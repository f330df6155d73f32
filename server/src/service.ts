import { DEFAULT_CONFIG, type AmlConfig } from './core/config';
import { detectKind, type Detection } from './core/detect';
import { parseYaml, type ParsedFile, type YamlSection } from './core/document';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Position,
  Range,
  TextSource,
} from './core/types';
import { computeDiagnostics, type FixEntry } from './features/diagnostics';
import { doComplete } from './features/completion';
import { doHover } from './features/hover';
import { doCodeActions } from './features/codeActions';
import { documentSymbols } from './features/symbols';
import { findSchemasDir, SchemaStore } from './schema/store';
import type { WorkspaceView } from './workspace/view';

export interface DocumentAnalysis {
  section: YamlSection;
  detection?: Detection;
}

/** Everything computed for one version of one document; cached. */
export interface Analysis {
  uri: string;
  version: number;
  file: ParsedFile;
  docs: DocumentAnalysis[];
  diagnostics: Diagnostic[];
  /** Fixes by diagnostic key (see fixKey). */
  fixes: Map<string, FixEntry[]>;
  /** Rules that threw; reported to the log, never to the user's Problems. */
  ruleFailures: Array<{ rule: string; error: string }>;
  config: AmlConfig;
}

export interface ServiceOptions {
  schemasDir?: string;
  /** Configuration for a document (defaults, repository file, user settings merged). */
  getConfig?: (uri: string) => AmlConfig;
  workspace?: WorkspaceView;
}

export function fixKey(code: string, range: Range): string {
  return `${code}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/**
 * The Azure ML YAML language service: a library over text with no LSP or
 * VS Code dependency. The LSP server, the CLI and the tests all drive it.
 */
export class AmlLanguageService {
  readonly store: SchemaStore;
  private readonly cache = new Map<string, Analysis>();
  private readonly overrides = new Map<string, string>();
  private getConfig: (uri: string) => AmlConfig;
  private workspace: WorkspaceView | undefined;
  private generation = 0;
  private readonly generationOf = new Map<string, number>();

  constructor(options: ServiceOptions = {}) {
    this.store = new SchemaStore(options.schemasDir ?? findSchemasDir());
    this.getConfig = options.getConfig ?? (() => DEFAULT_CONFIG);
    this.workspace = options.workspace;
  }

  setConfigProvider(getConfig: (uri: string) => AmlConfig): void {
    this.getConfig = getConfig;
    this.invalidate();
  }

  setWorkspace(view: WorkspaceView | undefined): void {
    this.workspace = view;
    this.invalidate();
  }

  get workspaceView(): WorkspaceView | undefined {
    return this.workspace;
  }

  /** Forget every cached analysis (settings or related files changed). */
  invalidate(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else {
      this.generation++;
      this.cache.clear();
    }
  }

  /** A kind the user picked for a file, or undefined to go back to detection. */
  setKindOverride(uri: string, kind: string | undefined): void {
    if (kind) this.overrides.set(uri, kind);
    else this.overrides.delete(uri);
    this.cache.delete(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  analyze(doc: TextSource): Analysis {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.file.text === doc.text && this.generationOf.get(doc.uri) === this.generation) return cached;
    const config = this.getConfig(doc.uri);
    const file = parseYaml(doc.text);
    const override = this.overrides.get(doc.uri);
    const docs: DocumentAnalysis[] = file.sections.map((section) => ({
      section,
      detection: config.validate || override ? detectSection(section, file, doc.uri, config, override) : undefined,
    }));
    const analysis: Analysis = { uri: doc.uri, version: doc.version, file, docs, diagnostics: [], fixes: new Map(), ruleFailures: [], config };
    if (config.validate) computeDiagnostics(this, analysis);
    this.cache.set(doc.uri, analysis);
    this.generationOf.set(doc.uri, this.generation);
    return analysis;
  }

  diagnostics(doc: TextSource): Diagnostic[] {
    return this.analyze(doc).diagnostics;
  }

  /** The detected kind of the file's first Azure ML document. */
  kindOf(doc: TextSource): Detection | undefined {
    return this.analyze(doc).docs.find((d) => d.detection)?.detection;
  }

  complete(doc: TextSource, position: Position): CompletionList {
    return doComplete(this, this.analyze(doc), position);
  }

  hover(doc: TextSource, position: Position): Hover | null {
    return doHover(this, this.analyze(doc), position);
  }

  codeActions(doc: TextSource, range: Range, diagnostics?: Diagnostic[]): CodeAction[] {
    return doCodeActions(this.analyze(doc), range, diagnostics);
  }

  documentSymbols(doc: TextSource): DocumentSymbol[] {
    return documentSymbols(this.analyze(doc));
  }
}

const SCHEMA_LINE = /^\s*\$schema\s*:\s*['"]?([^'"\s#]+)/m;

function detectSection(section: YamlSection, file: ParsedFile, uri: string, config: AmlConfig, override?: string): Detection | undefined {
  const found = detectKind(section.value, { path: uri, globKinds: config.fileKinds, override });
  if (found || section.value !== undefined && section.value !== null && typeof section.value === 'object') return found;
  // The document did not parse into a mapping: a `$schema:` line still tells the kind.
  const m = SCHEMA_LINE.exec(file.text.slice(section.start, section.end));
  if (m) return detectKind({ $schema: m[1] }, { path: uri, globKinds: config.fileKinds });
  return found;
}
