import { DEFAULT_CONFIG, type AmlConfig } from './core/config';
import { detectKind, type Detection } from './core/detect';
import { parseYaml, type ParsedFile, type YamlSection } from './core/document';
import { Budget } from './core/limits';
import { kindInfo } from './core/kinds';
import { collectValueSecrets, Redactor, redactTokens, secretSpans, underSecretPattern } from './core/redact';
import { reparseEdited } from './core/incremental';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  EditorDiagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  TextSource,
} from './core/types';
import { computeDiagnostics } from './features/diagnostics';
import type { Analysis, DocumentAnalysis, ServiceContext } from './features/analysis';
export { fixKey, type Analysis, type DocumentAnalysis } from './features/analysis';
export { BUILTIN_CODES } from './features/diagnostics';
export { fixAllEdits } from './features/codeActions';
export { planConflictEdits, redHatYamlState, withStarterModeline, yamlServerAtStart, type ConflictEditRequest } from './features/redHat';
export { starters } from './features/starters';
import { doComplete } from './features/completion';
import { doHover } from './features/hover';
import { doCodeActions } from './features/codeActions';
import { documentSymbols } from './features/symbols';
import { conflictActions, providesOutline } from './features/redHat';
import { findDefinition, findReferences, workspaceSymbols } from './features/references';
import {
  bindingCompletion,
  bindingDefinition,
  bindingHover,
  bindingPrepareRename,
  bindingReferences,
  bindingRename,
  decorateBindingSymbols,
  type PrepareRename,
  type RenameResult,
} from './features/bindings';
import { findSchemasDir, SchemaStore } from './schema/store';
import type { WorkspaceView } from './workspace/view';

export interface ServiceOptions {
  schemasDir?: string;
  /** Configuration for a document (defaults, repository file, user settings merged). */
  getConfig?: (uri: string) => AmlConfig;
  workspace?: WorkspaceView;
  /**
   * Re-parse only the edited entry of a document after a change (the LSP
   * server, where each URI's analyses replace each other). The previous
   * parse's syntax tree is then reused in place: a caller that keeps an older
   * Analysis of the same URI (the CLI's passes) leaves this off.
   */
  incrementalParse?: boolean;
  /**
   * Milliseconds one document version may take to analyse; then the rest is
   * skipped with an `analysis-stopped` diagnostic (see core/limits.ts Budget).
   */
  budgetMs?: number;
}

/**
 * The Azure ML YAML language service: a library over text with no LSP or
 * VS Code dependency. The LSP server, the CLI and the tests all drive it.
 */
export class AmlLanguageService implements ServiceContext {
  readonly store: SchemaStore;
  private readonly cache = new Map<string, Analysis>();
  private readonly overrides = new Map<string, string>();
  private getConfig: (uri: string) => AmlConfig;
  private workspace: WorkspaceView | undefined;
  private generation = 0;
  private readonly generationOf = new Map<string, number>();
  private readonly incrementalParse: boolean;
  readonly budgetMs: number;

  constructor(options: ServiceOptions = {}) {
    this.store = new SchemaStore(options.schemasDir ?? findSchemasDir());
    this.getConfig = options.getConfig ?? (() => DEFAULT_CONFIG);
    this.workspace = options.workspace;
    this.incrementalParse = options.incrementalParse ?? false;
    this.budgetMs = options.budgetMs ?? Number.POSITIVE_INFINITY;
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
    this.parses.delete(uri);
  }

  private readonly parses = new Map<string, ParsedFile>();

  /**
   * The parse of a document's text, kept per URI while the text is unchanged:
   * re-analyses after settings or workspace changes, and the workspace index
   * reading an open document, reuse it instead of parsing again. The previous
   * parse is consumed by an incremental re-parse (core/incremental.ts).
   */
  parse(doc: TextSource): ParsedFile {
    const known = this.parses.get(doc.uri);
    if (known && known.text === doc.text) return known;
    // After an edit inside one entry of a block mapping only that entry is parsed again.
    const file = (this.incrementalParse && known && reparseEdited(known, doc.text)) || parseYaml(doc.text);
    if (file !== known && this.cache.get(doc.uri)?.file === known) this.cache.delete(doc.uri); // its tree was reused
    this.parses.set(doc.uri, file);
    return file;
  }

  analyze(doc: TextSource): Analysis {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.file.text === doc.text && this.generationOf.get(doc.uri) === this.generation)
      return cached;
    const config = this.getConfig(doc.uri);
    const file = this.parse(doc);
    const override = this.overrides.get(doc.uri);
    const docs: DocumentAnalysis[] = file.sections.map((section) => ({
      section,
      detection: config.validate || override ? detectSection(section, file, doc.uri, config, override) : undefined,
    }));
    let redactor: Redactor | undefined;
    const analysis: Analysis = {
      uri: doc.uri,
      version: doc.version,
      file,
      docs,
      diagnostics: [],
      fixes: new Map(),
      ruleFailures: [],
      config,
      // Built on first use (diagnostics always use it): the text scan, then each document's value.
      get redactor() {
        return (redactor ??= secretsOf(file, docs));
      },
    };
    if (config.validate) {
      // A kind's validator compiles once, on first use: that one-time cost is not this document's.
      for (const d of docs) if (d.detection) this.store.validator(d.detection.kind);
      computeDiagnostics(this, analysis, new Budget(this.budgetMs));
    }
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

  // Everything these return is shown to the user: it passes through the document's redactor.

  complete(doc: TextSource, position: Position): CompletionList {
    const analysis = this.analyze(doc);
    return analysis.redactor.redactDeep(bindingCompletion(this, analysis, position) ?? doComplete(this, analysis, position));
  }

  hover(doc: TextSource, position: Position): Hover | null {
    const analysis = this.analyze(doc);
    return analysis.redactor.redactDeep(bindingHover(this, analysis, position) ?? doHover(this, analysis, position));
  }

  /** `diagnostics`: those the editor sends (of any source); else the document's own. */
  codeActions(doc: TextSource, range: Range, diagnostics?: readonly EditorDiagnostic[]): CodeAction[] {
    const analysis = this.analyze(doc);
    return analysis.redactor.redactDeep([...doCodeActions(analysis, range, diagnostics), ...conflictActions(analysis, range, diagnostics)]);
  }

  documentSymbols(doc: TextSource): DocumentSymbol[] {
    const analysis = this.analyze(doc);
    // Beside Red Hat YAML, VS Code would show two outlines; by default only Red Hat YAML's remains.
    if (!providesOutline(analysis.config)) return [];
    const symbols = documentSymbols(analysis);
    decorateBindingSymbols(this, analysis, symbols);
    return analysis.redactor.redactDeep(symbols);
  }

  /** Where the binding or reference under the cursor points (an input, output, step, a spec's name or a file). */
  definition(doc: TextSource, position: Position): Location[] {
    const analysis = this.analyze(doc);
    return bindingDefinition(this, analysis, position) ?? findDefinition(this, analysis, position);
  }

  /** Every use of the input, output or step under the cursor, or of the spec (from its `name` or from any reference to it). */
  references(doc: TextSource, position: Position, includeDeclaration = true): Location[] {
    const analysis = this.analyze(doc);
    return bindingReferences(this, analysis, position, includeDeclaration) ?? findReferences(this, analysis, position, includeDeclaration);
  }

  /** The name under the cursor that rename would change (an input, output, step or sweep parameter), or null. */
  prepareRename(doc: TextSource, position: Position): PrepareRename | null {
    return bindingPrepareRename(this, this.analyze(doc), position) ?? null;
  }

  /** Renames the input, output, step or sweep parameter under the cursor in its declaration, every binding and command, across files. */
  rename(doc: TextSource, position: Position, newName: string): RenameResult | null {
    return bindingRename(this, this.analyze(doc), position, newName) ?? null;
  }

  /** Every named spec of the workspace view matching a query. */
  workspaceSymbols(query: string): SymbolInformation[] {
    // Other files' secrets are not collected here: names that look like tokens are masked.
    return workspaceSymbols(this.workspace, query).map((s) => ({
      ...s,
      name: redactTokens(s.name),
      containerName: s.containerName === undefined ? undefined : redactTokens(s.containerName),
    }));
  }
}

/** A `$schema:` line (spaces and tabs only where the regular expression may repeat: `\s*` after `^` under /m is quadratic on blank lines). */
const SCHEMA_LINE = /^[ \t]*\$schema[ \t]*:[ \t]*['"]?([^'"\s#]+)/m;

function detectSection(section: YamlSection, file: ParsedFile, uri: string, config: AmlConfig, override?: string): Detection | undefined {
  const found = detectKind(section.value, { path: uri, globKinds: config.fileKinds, override });
  if (found || (section.value !== undefined && section.value !== null && typeof section.value === 'object')) return found;
  // The document did not parse into a mapping: a `$schema:` line still tells the kind.
  const m = SCHEMA_LINE.exec(file.text.slice(section.start, section.end));
  if (m) return detectKind({ $schema: m[1] }, { path: uri, globKinds: config.fileKinds });
  return found;
}

/** A file's secrets: the text scan (parser-independent), then each document's value with its kind's secret fields (`x-secret`, through the kind registry). */
function secretsOf(file: ParsedFile, docs: DocumentAnalysis[]): Redactor {
  const redactor = new Redactor();
  redactor.addSpans(file.text, secretSpans(file.text));
  for (const { section, detection } of docs) {
    const patterns = (detection && kindInfo(detection.kind)?.secrets) || [];
    collectValueSecrets(section.value, redactor, patterns.length ? (path) => underSecretPattern(patterns, path) : undefined);
  }
  return redactor;
}
