/**
 * Working beside Red Hat YAML (yaml-language-server in VS Code). Pure
 * decisions over text and settings; the client tells the server whether Red
 * Hat YAML is installed and validating (`AmlConfig.redHatYaml`).
 *
 * - Red Hat YAML reads a file's schema from a modeline, else from its
 *   `$schema` key, and downloads it. The Azure ML schema host no longer
 *   serves the schemas (Azure/azure-sdk-for-python#39051), so every Azure ML
 *   file gets a red "Unable to load schema" error. `redhat-schema-unreachable`
 *   explains it on the `$schema` line, with code actions: a modeline pointing
 *   Red Hat YAML at `none` (preferred) or at aml-yaml's standalone schema,
 *   for the file or the whole workspace, or turning its validation off.
 * - YAML syntax and duplicate-key errors that Red Hat YAML also reports are
 *   left to it (`syntaxDiagnostics`), and so is the outline (`documentSymbols`).
 */
import type { AmlConfig } from '../core/config';
import { parseYaml, type ParsedFile, type YamlSection } from '../core/document';
import { kindFromSchemaUrl } from '../core/kinds';
import { contentStart, modelineOf, modelineText, schemaKeyOf } from '../core/modeline';
import { lineBreakOf } from '../core/text';
import { isAmlDiagnostic, Severity, type CodeAction, type EditorDiagnostic, type Range, type TextEdit } from '../core/types';
import type { OffsetEdit } from '../core/textEdits';
import type {
  ConflictEditPlan,
  ConflictEditRequest,
  ConflictScope,
  InitializationOptions,
  ModelineTarget,
  RedHatYamlState,
} from '../protocol';
import type { Analysis } from './analysis';

export const CONFLICT_CODE = 'redhat-schema-unreachable';
/** Commands the VS Code client implements (code actions name them). */
export const RESOLVE_COMMAND = 'aml-yaml.resolveSchemaConflicts';
export const TURN_OFF_COMMAND = 'aml-yaml.turnOffRedHatValidation';
/** Folder (under a workspace folder) where aml-yaml copies standalone schemas for modelines. */
export const SCHEMA_COPY_DIR = '.aml-yaml/schemas';

export type { ConflictEditPlan, ConflictEditRequest, ConflictScope, ModelineTarget } from '../protocol';

/** Red Hat YAML validates YAML files in this editor. */
export function redHatValidates(config: AmlConfig): boolean {
  return !!config.redHatYaml?.installed && !!config.redHatYaml.validates;
}

/**
 * Red Hat YAML's state as the VS Code client reports it (at start in
 * `redHatYaml`, on change in `aml-yaml/redHatYaml`), checked: anything that
 * is not an object is "not reported".
 */
export function redHatYamlState(state: unknown): RedHatYamlState | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as Partial<RedHatYamlState>;
  return {
    installed: !!s.installed,
    validates: !!s.installed && !!s.validates,
    ...(typeof s.version === 'string' ? { version: s.version } : {}),
  };
}

/**
 * Whether a yaml-language-server validates the client's YAML buffers, from
 * what the client says at start: the VS Code client sends `redHatYaml`;
 * other clients may say `yamlLanguageServer: true`. Undefined when the client
 * says nothing: then `auto` means aml-yaml reports syntax errors and provides
 * the outline itself.
 */
export function yamlServerAtStart(init: InitializationOptions | undefined): RedHatYamlState | undefined {
  const state = redHatYamlState(init?.redHatYaml);
  if (state) return state;
  if (init?.yamlLanguageServer === true) return { installed: true, validates: true };
  return undefined;
}

/** Whether aml-yaml reports YAML syntax and duplicate-key problems for a file with this configuration. */
export function reportsSyntax(config: AmlConfig): boolean {
  const mode = config.syntaxDiagnostics ?? 'auto';
  return mode === 'always' || (mode === 'auto' && !redHatValidates(config));
}

/** Whether aml-yaml provides document symbols (the Outline); with `auto` Red Hat YAML's outline is the only one. */
export function providesOutline(config: AmlConfig): boolean {
  return (config.documentSymbols ?? 'auto') === 'always' || !config.redHatYaml?.installed;
}

/**
 * Why Red Hat YAML cannot load a `$schema` URL, or undefined when it may
 * (any other URL: aml-yaml does not guess about hosts it does not know).
 */
export function unreachableReason(url: string): string | undefined {
  let host: string;
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    host = u.hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'azuremlschemas.azureedge.net') return 'azuremlschemas.azureedge.net no longer serves the Azure ML schemas';
  if (host === 'azureml') return `"${host}" is a name in the Azure ML SDK's schemas, not an address anything can be downloaded from`;
  return undefined;
}

/** Text that may name a URL `unreachableReason` knows (a cheap test before parsing). */
const RETIRED_HOST_TEXT = /azuremlschemas\.azureedge\.net|\/\/azureml\//i;

/** A document of a file whose schema Red Hat YAML would try, and fail, to download. */
export interface SchemaConflict {
  section: YamlSection;
  url: string;
  reason: string;
  /** The kind the URL names, if aml-yaml knows it. */
  kind?: string;
  /** Where the URL is: the `$schema` value, or a modeline that names it. */
  start: number;
  end: number;
  /** The offending modeline, when the URL comes from one (a fix replaces it). */
  modeline?: { start: number; end: number };
}

/** Every document of a file with an unreachable schema, as Red Hat YAML would pick it. */
export function schemaConflicts(file: ParsedFile): SchemaConflict[] {
  const out: SchemaConflict[] = [];
  for (const section of file.sections) {
    const modeline = modelineOf(file, section);
    if (modeline) {
      const reason = unreachableReason(modeline.schema);
      if (reason)
        out.push({
          section,
          url: modeline.schema,
          reason,
          kind: kindFromSchemaUrl(modeline.schema)?.id ?? schemaKeyKind(section),
          start: modeline.start,
          end: modeline.end,
          modeline,
        });
      continue;
    }
    const key = schemaKeyOf(section);
    if (!key) continue;
    const reason = unreachableReason(key.url);
    if (reason) out.push({ section, url: key.url, reason, kind: kindFromSchemaUrl(key.url)?.id, start: key.start, end: key.end });
  }
  return out;
}

function schemaKeyKind(section: YamlSection): string | undefined {
  const key = schemaKeyOf(section);
  return key ? kindFromSchemaUrl(key.url)?.id : undefined;
}

/** A problem in the shape computeDiagnostics collects. */
export interface ConflictProblem {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

/** `redhat-schema-unreachable` on each affected `$schema` line, when Red Hat YAML validates the file. */
export function conflictProblems(analysis: Analysis): ConflictProblem[] {
  if (!redHatValidates(analysis.config)) return [];
  return schemaConflicts(analysis.file).map((c) => ({
    code: CONFLICT_CODE,
    severity: Severity.Information,
    message:
      `Red Hat YAML cannot load this $schema (${c.reason}), so it reports "Unable to load schema" for this file. ` +
      'aml-yaml checks the file offline with its own schema. Quick fixes: "# yaml-language-server: $schema=none" ' +
      "(Red Hat YAML skips the schema and keeps checking YAML syntax), a modeline to aml-yaml's schema, or Red Hat YAML's validation off for this workspace.",
    start: c.start,
    end: c.end,
  }));
}

/** The YAML parser's own errors and warnings, which Red Hat YAML reports too (same parser). */
function parserProblemStarts(section: YamlSection): Set<number> {
  const doc = section.doc as unknown as { errors?: Array<{ pos: [number, number] }>; warnings?: Array<{ pos: [number, number] }> };
  return new Set([...(doc.errors ?? []), ...(doc.warnings ?? [])].map((e) => e.pos[0]));
}

/**
 * Whether a problem of a document is one Red Hat YAML reports as well and
 * aml-yaml should leave to it: a YAML syntax or duplicate-key problem that
 * comes from the parser (not aml-yaml's own notes, such as PyYAML leniency).
 */
export function leftToRedHat(config: AmlConfig, section: YamlSection, problem: { code: string; start: number }): boolean {
  if (reportsSyntax(config)) return false;
  // yaml-language-server parses with unique keys: it reports every repeated key.
  if (problem.code === 'duplicate-key') return true;
  return problem.code === 'yaml-syntax' && parserProblemStarts(section).has(problem.start);
}

// ---------------------------------------------------------------------------
// Modelines

/** How a document's modeline names aml-yaml's schema of its kind: the path relative to the file's folder. */
export type SchemaPathFor = (kind: string) => string | undefined;

/**
 * Edits that give every conflicting document of a file a modeline: a new
 * comment line before its content (after its `---`), or the replacement of
 * a modeline that names an unreachable URL. `schemaPath` undefined or a kind
 * it cannot place: `none`.
 */
export function modelineEdits(
  file: ParsedFile,
  target: ModelineTarget,
  schemaPath?: SchemaPathFor,
): { edits: OffsetEdit[]; kinds: string[] } {
  const eol = lineBreakOf(file.text);
  const edits: OffsetEdit[] = [];
  const kinds: string[] = [];
  for (const c of schemaConflicts(file)) {
    const path = target === 'schema' && c.kind ? schemaPath?.(c.kind) : undefined;
    if (path && c.kind) kinds.push(c.kind);
    const line = modelineText(path ?? 'none');
    if (c.modeline) edits.push({ start: c.modeline.start, end: c.modeline.end, newText: line });
    else {
      const at = lineStartOf(file.text, contentStart(c.section));
      edits.push({ start: at, end: at, newText: `${line}${eol}` });
    }
  }
  return { edits, kinds: [...new Set(kinds)] };
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function toTextEdits(file: ParsedFile, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: file.lines.range(e.start, e.end), newText: e.newText }));
}

/** Relative path (with `/`) from a file's folder to a target, both given as absolute `/`-paths. */
export function relativePath(fromFile: string, to: string): string {
  const from = fromFile.split('/').slice(0, -1).filter(Boolean);
  const dest = to.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < dest.length - 1 && from[i] === dest[i]) i++;
  const up = from.length - i;
  return [...Array<string>(up).fill('..'), ...dest.slice(i)].join('/');
}

export interface PlanInput {
  request: ConflictEditRequest;
  /** The files to consider: the one acted on, or every Azure ML file of the workspace (text of open documents wins). */
  files: Array<{ uri: string; text: string; file?: ParsedFile }>;
  /** Workspace folder URIs. */
  roots: string[];
  /** The standalone schema text of a kind. */
  schemaText: (kind: string) => string | undefined;
}

/**
 * The edits of a modeline fix over a set of files. `schema` modelines point
 * at `<workspace folder>/.aml-yaml/schemas/<kind>.schema.json` by a path
 * relative to the file, so the line works on every machine that has the
 * repository; the schemas are written there.
 */
export function planConflictEdits(input: PlanInput): ConflictEditPlan {
  const plan: ConflictEditPlan = { changes: [], schemas: [], fellBackToNone: [] };
  const schemaKinds = new Map<string, Set<string>>();
  for (const f of input.files) {
    // Only files that name a retired host are parsed (a workspace may hold thousands of specs).
    if (!f.file && !RETIRED_HOST_TEXT.test(f.text)) continue;
    const file = f.file ?? parseYaml(f.text);
    const root = input.request.target === 'schema' ? rootOf(f.uri, input.roots) : undefined;
    const schemaPath: SchemaPathFor | undefined = root
      ? (kind) =>
          input.schemaText(kind) ? relativePath(uriPath(f.uri), `${uriPath(root)}/${SCHEMA_COPY_DIR}/${kind}.schema.json`) : undefined
      : undefined;
    const { edits, kinds } = modelineEdits(file, input.request.target, schemaPath);
    if (!edits.length) continue;
    if (input.request.target === 'schema' && !root) plan.fellBackToNone.push(f.uri);
    plan.changes.push({ uri: f.uri, edits: toTextEdits(file, edits) });
    if (root) for (const k of kinds) (schemaKinds.get(root) ?? schemaKinds.set(root, new Set()).get(root)!).add(k);
  }
  for (const [root, kinds] of schemaKinds) {
    for (const kind of [...kinds].sort()) {
      const text = input.schemaText(kind);
      if (text) plan.schemas.push({ uri: `${root.replace(/\/$/, '')}/${SCHEMA_COPY_DIR}/${kind}.schema.json`, kind, text });
    }
  }
  return plan;
}

/** The workspace folder (longest match) that holds a file URI. */
export function rootOf(uri: string, roots: string[]): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    const prefix = r.endsWith('/') ? r : `${r}/`;
    if (uri.startsWith(prefix) && (!best || r.length > best.length)) best = r;
  }
  return best;
}

function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

// ---------------------------------------------------------------------------
// Code actions, starters and completion

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** The code actions offered on `redhat-schema-unreachable`. */
export function conflictActions(analysis: Analysis, range: Range, diagnostics?: readonly EditorDiagnostic[]): CodeAction[] {
  const ds = (diagnostics ?? analysis.diagnostics)
    .filter(isAmlDiagnostic)
    .filter((d) => d.code === CONFLICT_CODE && overlaps(d.range, range));
  if (!ds.length) return [];
  const { edits } = modelineEdits(analysis.file, 'none');
  if (!edits.length) return [];
  const uri = analysis.uri;
  const kinds = [
    ...new Set(
      schemaConflicts(analysis.file)
        .map((c) => c.kind)
        .filter((k): k is string => !!k),
    ),
  ];
  const schemaName = kinds.length === 1 ? `${kinds[0]}.schema.json` : 'its kind’s schema';
  const cmd = (title: string, target: ModelineTarget, scope: ConflictScope): CodeAction => ({
    title,
    kind: 'quickfix',
    diagnostics: ds,
    edit: { changes: {} },
    command: { title, command: RESOLVE_COMMAND, arguments: [{ target, scope, uri } satisfies ConflictEditRequest] },
  });
  const actions: CodeAction[] = [
    {
      title: 'Add "# yaml-language-server: $schema=none" to this file (Red Hat YAML skips its schema; aml-yaml keeps checking)',
      kind: 'quickfix',
      diagnostics: ds,
      isPreferred: true,
      edit: { changes: { [uri]: toTextEdits(analysis.file, edits) } },
    },
    cmd(
      'Add "# yaml-language-server: $schema=none" to every Azure ML file of the workspace (you confirm the list of files)...',
      'none',
      'workspace',
    ),
  ];
  if (kinds.length) {
    actions.push(
      cmd(
        `Point Red Hat YAML at aml-yaml's schema in this file (a modeline to ${SCHEMA_COPY_DIR}/${schemaName}, copied into the workspace)...`,
        'schema',
        'file',
      ),
      cmd(
        `Point Red Hat YAML at aml-yaml's schemas in every Azure ML file of the workspace (copied into ${SCHEMA_COPY_DIR}/; you confirm the list of files)...`,
        'schema',
        'workspace',
      ),
    );
  }
  actions.push(
    {
      title: "Turn off Red Hat YAML's validation in this workspace (all YAML files)...",
      kind: 'quickfix',
      diagnostics: ds,
      edit: { changes: {} },
      command: { title: 'Turn off Red Hat YAML validation', command: TURN_OFF_COMMAND, arguments: [] },
    },
    {
      title: 'Explain: aml-yaml beside Red Hat YAML',
      kind: 'quickfix',
      diagnostics: ds,
      edit: { changes: {} },
      command: { title: 'Explain', command: 'aml-yaml.showRuleDocs', arguments: [CONFLICT_CODE] },
    },
  );
  return actions;
}

/** The modeline a new spec should carry so Red Hat YAML does not try to download its `$schema` (undefined: none needed). */
export function newSpecModeline(config: AmlConfig): string | undefined {
  return redHatValidates(config) ? modelineText('none') : undefined;
}

/** A starter snippet with the modeline before its `$schema` line, when Red Hat YAML would otherwise mark it. */
export function withStarterModeline<T extends { snippet: string }>(starter: T, config: AmlConfig): T {
  const line = newSpecModeline(config);
  if (!line) return starter;
  const url = /^\\\$schema:\s*(\S+)/m.exec(starter.snippet)?.[1];
  if (!url || !unreachableReason(url) || /yaml-language-server:/.test(starter.snippet)) return starter;
  // `$` is special in snippets.
  return { ...starter, snippet: `${line.replace(/\$/g, '\\$')}\n${starter.snippet}` };
}

/**
 * For a `$schema` URL completion in a document that Red Hat YAML validates
 * and that has no modeline: the modeline inserted with it, and why.
 */
export function schemaCompletionExtras(
  analysis: Analysis,
  offset: number,
  url: string,
): { additionalTextEdits?: TextEdit[]; documentation?: { kind: 'markdown'; value: string } } {
  const m = schemaCompletionModeline(analysis, offset, url);
  return m ? { additionalTextEdits: [m.edit], documentation: { kind: 'markdown', value: m.note } } : {};
}

/** The line to insert above the document's content with a `$schema` URL completion, when one is needed. */
export function schemaCompletionModeline(analysis: Analysis, offset: number, url: string): { edit: TextEdit; note: string } | undefined {
  const line = newSpecModeline(analysis.config);
  if (!line || !unreachableReason(url)) return undefined;
  const { file } = analysis;
  const section = file.sections.find((s) => offset >= s.start && offset <= s.end) ?? file.sections[0];
  if (!section || modelineOf(file, section)) return undefined;
  const start = Math.min(contentStart(section), lineStartOf(file.text, offset));
  const at = lineStartOf(file.text, start);
  return {
    edit: { range: file.lines.range(at, at), newText: `${line}${lineBreakOf(file.text)}` },
    note: `Also adds "${line}" above: Red Hat YAML cannot download this URL (${unreachableReason(url)}) and would mark the file with an error.`,
  };
}
