import type { CursorContext } from '../core/context';
import { nodeAtPath, type YamlPath, type YamlSection } from '../core/document';
import { kindInfo } from '../core/kinds';
import {
  CompletionItemKind,
  Severity,
  SymbolKind,
  type CompletionItem,
  type Location,
  type Position,
  type Range,
  type SymbolInformation,
} from '../core/types';
import type { FieldFacts } from '../schema/navigate';
import type { Analysis, ServiceContext } from './analysis';
import {
  BUILTIN_DATASTORES,
  collectReferences,
  parseAssetReference,
  referenceMatches,
  REFERENCE_KINDS,
  targetKinds,
  type SpecReference,
} from '../workspace/refs';
import { baseName, normalizeUri, relativePath } from '../workspace/uri';
import type { ReferenceSite, SpecSummary, WorkspaceView } from '../workspace/view';

export { REFERENCE_KINDS, parseAssetReference };

/** Fields that name other specs even where the schema has no annotation. */
export function referenceCategory(path: YamlPath, facts?: FieldFacts): string | undefined {
  if (facts?.reference) return facts.reference;
  const last = String(path[path.length - 1] ?? '');
  if (last === 'compute' || last === 'image_build_compute' || last === 'default_compute') return 'compute';
  if (last === 'environment' || last === 'default_environment') return 'environment';
  if (last === 'endpoint_name') return 'endpoint';
  if (last === 'model') return 'model';
  if (last === 'component') return 'component';
  if (last === 'datastore' || last === 'default_datastore') return 'datastore';
  if (last === 'path' && path.includes('inputs')) return 'data';
  if (path.length >= 2 && path[path.length - 2] === 'inputs') return 'data'; // `inputs: {x: azureml:...}`
  return undefined;
}

// ---------------------------------------------------------------------------
// References of an analysed document

export interface DocReference {
  ref: SpecReference;
  kind: string;
  section: YamlSection;
}

const refCache = new WeakMap<Analysis, DocReference[]>();

/** Every reference the analysed document makes (cached per analysis). */
export function documentReferences(analysis: Analysis): DocReference[] {
  const hit = refCache.get(analysis);
  if (hit) return hit;
  const out: DocReference[] = [];
  for (const { section, detection } of analysis.docs) {
    if (!detection) continue;
    for (const ref of collectReferences(section, detection.kind, analysis.file.text, analysis.uri))
      out.push({ ref, kind: detection.kind, section });
  }
  refCache.set(analysis, out);
  return out;
}

function referenceAtOffset(analysis: Analysis, offset: number): DocReference | undefined {
  return documentReferences(analysis).find((r) => offset >= r.ref.valueStart && offset <= r.ref.valueEnd);
}

/** The specs a name reference points at: same workspace first, then the nearest folder; highest version first for `@label`. */
export function resolveTargets(
  view: WorkspaceView,
  fromUri: string,
  fromKind: string,
  ref: Pick<SpecReference, 'category' | 'name' | 'version' | 'label'>,
): SpecSummary[] {
  if (ref.category === 'file') return [];
  const all = view.byName(targetKinds(ref.category, fromKind), ref.name);
  const exact = ref.version !== undefined ? all.filter((s) => s.version === undefined || String(s.version) === ref.version) : all;
  const ws = view.workspaceFor(fromUri);
  const from = normalizeUri(fromUri);
  const score = (s: SpecSummary) => {
    const sameWs = ws && view.workspaceFor(s.uri)?.uri === ws.uri ? 1 : 0;
    return sameWs * 10_000 + commonPrefix(s.uri, from);
  };
  return [...exact].sort((a, b) => score(b) - score(a) || compareVersions(b.version, a.version));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function compareVersions(a?: string, b?: string): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : 1;
}

// ---------------------------------------------------------------------------
// Completion

/** Completion of known spec names for reference fields. */
export function referenceCompletions(
  service: ServiceContext,
  analysis: Analysis,
  kind: string,
  ctx: CursorContext,
  facts: FieldFacts,
  range: Range,
): CompletionItem[] {
  const view = service.workspaceView;
  const category = referenceCategory(ctx.path, facts);
  if (!view || !category) return [];
  const kinds = targetKinds(category, kind);
  const last = ctx.path[ctx.path.length - 1];
  const bare = category === 'endpoint' || last === 'image_build_compute';
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const spec of view.specs(kinds)) {
    if (!spec.name || spec.uri === analysis.uri) continue;
    const versioned = spec.version !== undefined && category !== 'compute' && category !== 'datastore';
    const text = bare ? spec.name : `azureml:${spec.name}${versioned ? `:${spec.version}` : ''}`;
    if (seen.has(text)) continue;
    seen.add(text);
    items.push({
      label: text,
      kind: CompletionItemKind.Reference,
      detail: `${kindInfo(spec.kind)?.title ?? spec.kind} in ${relativePath(spec.uri, analysis.uri)}`,
      textEdit: { range, newText: text },
      sortText: `0_${text}`,
    });
  }
  return items;
}

// ---------------------------------------------------------------------------
// Hover

/** Markdown summarising what a reference at a path points at, or undefined. */
export function referenceHover(
  service: ServiceContext,
  analysis: Analysis,
  section: YamlSection,
  path: YamlPath,
  kind: string,
): string | undefined {
  const view = service.workspaceView;
  if (!view) return undefined;
  const key = JSON.stringify(path);
  const found = documentReferences(analysis).find((r) => r.section === section && JSON.stringify(r.ref.path) === key);
  if (!found) return undefined;
  const { ref } = found;
  if (ref.form === 'file') {
    if (!ref.target) return undefined;
    const exists = view.exists?.(ref.target);
    const rel = relativePath(ref.target, analysis.uri);
    if (exists === false) return `\`${ref.name}\` does not exist (looked for \`${rel}\`).`;
    const specs = view.specs().filter((s) => s.uri === ref.target);
    if (specs.length) return summarise(specs[0], analysis.uri);
    return `${view.stat?.(ref.target) === 'directory' ? 'Folder' : 'File'} \`${rel}\``;
  }
  const targets = resolveTargets(view, analysis.uri, kind, ref);
  if (!targets.length) {
    const what = categoryTitle(ref.category);
    return `**${ref.name}**${ref.version ? ` version ${ref.version}` : ''}: no ${what} spec with this name in the repository; Azure ML looks it up in the workspace.`;
  }
  const more =
    targets.length > 1
      ? `\n\n${targets.length - 1} more: ${targets
          .slice(1, 6)
          .map((t) => `\`${relativePath(t.uri, analysis.uri)}\``)
          .join(', ')}`
      : '';
  return summarise(targets[0], analysis.uri) + more;
}

function categoryTitle(category: string): string {
  return category === 'data' ? 'data asset' : category;
}

const SUMMARY_KEYS = [
  'type',
  'version',
  'size',
  'location',
  'public_network_access',
  'image',
  'auth_mode',
  'account_name',
  'container_name',
  'min_instances',
  'max_instances',
];

/** Markdown for a spec: name, kind, file and a few key facts. */
export function summarise(spec: SpecSummary, from: string): string {
  const facts: string[] = [];
  const v = spec.value;
  for (const key of SUMMARY_KEYS) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'object') facts.push(`${key}: \`${String(v[key])}\``);
  }
  const identity = v.identity as Record<string, unknown> | undefined;
  if (identity && typeof identity === 'object' && typeof identity.type === 'string') facts.push(`identity: \`${identity.type}\``);
  if (v.credentials && typeof v.credentials === 'object') facts.push('has credentials');
  if (v.customer_managed_key && typeof v.customer_managed_key === 'object') facts.push('customer-managed key');
  const title = kindInfo(spec.kind)?.title ?? spec.kind;
  return [
    `**${spec.name ?? baseName(spec.uri)}** · ${title}`,
    '',
    `Defined in \`${relativePath(spec.uri, from)}\``,
    ...(facts.length ? ['', facts.join(' · ')] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Go to definition, find references

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function specLocation(spec: SpecSummary): Location {
  return { uri: spec.uri, range: spec.nameRange ?? spec.range ?? START };
}

/** Where the reference under the cursor points: the spec's name, or the file. */
export function findDefinition(service: ServiceContext, analysis: Analysis, position: Position): Location[] {
  const view = service.workspaceView;
  if (!view) return [];
  const hit = referenceAtOffset(analysis, analysis.file.lines.offsetAt(position));
  if (!hit) return [];
  const { ref, kind } = hit;
  if (ref.form === 'file') {
    // A folder (`code: ./src`) cannot be opened in an editor: no location.
    if (!ref.target || view.exists?.(ref.target) === false || view.stat?.(ref.target) === 'directory') return [];
    const specs = view.specs().filter((s) => s.uri === ref.target);
    return [specs.length ? { uri: ref.target, range: specs[0].range ?? START } : { uri: ref.target, range: START }];
  }
  let targets = resolveTargets(view, analysis.uri, kind, ref);
  if (!targets.length && ref.version !== undefined) targets = resolveTargets(view, analysis.uri, kind, { ...ref, version: undefined });
  return targets.map(specLocation);
}

interface Target {
  kind: string;
  name?: string;
  version?: string;
  uri: string;
  location?: Location;
}

/**
 * Every use of the spec under the cursor: on a spec's `name` (or anywhere in
 * a spec without references under the cursor) the spec itself; on a
 * reference, what it points at (or, when it resolves to nothing in the
 * repository, every use of the same name).
 */
export function findReferences(service: ServiceContext, analysis: Analysis, position: Position, includeDeclaration = true): Location[] {
  const view = service.workspaceView;
  if (!view) return [];
  const offset = analysis.file.lines.offsetAt(position);
  const hit = referenceAtOffset(analysis, offset);
  const targets: Target[] = [];
  let byName: { category: string; name: string; fromKind: string } | undefined;
  if (hit) {
    const { ref, kind } = hit;
    if (ref.form === 'file') {
      if (ref.target) targets.push({ kind: '', uri: ref.target, location: { uri: ref.target, range: START } });
    } else {
      const resolved = resolveTargets(view, analysis.uri, kind, ref);
      if (resolved.length)
        targets.push(...resolved.map((s) => ({ kind: s.kind, name: s.name, version: s.version, uri: s.uri, location: specLocation(s) })));
      else byName = { category: ref.category, name: ref.name, fromKind: kind };
    }
  } else {
    const own = ownSpecAt(analysis, offset);
    if (!own) return [];
    targets.push(own);
  }
  const sites: ReferenceSite[] = [];
  const self = normalizeUri(analysis.uri);
  for (const site of view.references?.() ?? []) if (normalizeUri(site.uri) !== self) sites.push(site);
  for (const { ref, kind, section } of documentReferences(analysis)) {
    sites.push({
      uri: analysis.uri,
      docIndex: section.index,
      fromKind: kind,
      form: ref.form,
      category: ref.category,
      name: ref.name,
      version: ref.version,
      label: ref.label,
      target: ref.target,
      key: ref.key,
      range: analysis.file.lines.range(ref.start, ref.end),
    });
  }
  const out: Location[] = [];
  const seen = new Set<string>();
  const add = (l: Location) => {
    const k = `${l.uri}#${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(l);
  };
  if (includeDeclaration) for (const t of targets) if (t.location && t.kind) add(t.location);
  for (const site of sites) {
    const matches = byName
      ? site.form !== 'file' && site.category === byName.category && site.name === byName.name
      : targets.some((t) =>
          site.form === 'file'
            ? site.target === t.uri
            : t.kind !== '' && referenceMatches(site, { kind: t.kind, name: t.name, version: t.version }, site.fromKind),
        );
    if (matches) add({ uri: site.uri, range: site.range });
  }
  return out;
}

/** The spec of the document under the cursor (with the range of its name). */
function ownSpecAt(analysis: Analysis, offset: number): Target | undefined {
  for (const { section, detection } of analysis.docs) {
    if (!detection || offset < section.start || offset > section.end) continue;
    const v = section.value as Record<string, unknown> | undefined;
    if (!v || typeof v !== 'object') return undefined;
    const name = typeof v.name === 'string' || typeof v.name === 'number' ? String(v.name) : undefined;
    const node = nodeAtPath(section.doc.contents, ['name']);
    const location = node?.range ? { uri: analysis.uri, range: analysis.file.lines.range(node.range[0], node.range[1]) } : undefined;
    return {
      kind: detection.kind,
      name,
      version: v.version === undefined || v.version === null ? undefined : String(v.version),
      uri: analysis.uri,
      location,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Workspace symbols

const FAMILY_SYMBOL: Record<string, SymbolKind> = {
  workspace: SymbolKind.Namespace,
  compute: SymbolKind.Class,
  job: SymbolKind.Event,
  component: SymbolKind.Function,
  asset: SymbolKind.Variable,
  endpoint: SymbolKind.Module,
  deployment: SymbolKind.Module,
  datastore: SymbolKind.Field,
  other: SymbolKind.File,
};

/** Every named spec of the repository whose name contains the query's characters in order (case-insensitive). */
export function workspaceSymbols(view: WorkspaceView | undefined, query: string, limit = 1000): SymbolInformation[] {
  if (!view) return [];
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: SymbolInformation[] = [];
  for (const spec of view.specs()) {
    const name = spec.name ?? (typeof spec.value.display_name === 'string' ? spec.value.display_name : undefined);
    if (!name || !fuzzy(name.toLowerCase(), q)) continue;
    const info = kindInfo(spec.kind);
    out.push({
      name,
      kind: FAMILY_SYMBOL[info?.family ?? 'other'] ?? SymbolKind.File,
      location: specLocation(spec),
      containerName: `${info?.title ?? spec.kind}${spec.version !== undefined ? ` ${spec.version}` : ''}`,
    });
    if (out.length >= limit) break;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.location.uri.localeCompare(b.location.uri));
}

function fuzzy(name: string, q: string): boolean {
  let i = 0;
  for (let j = 0; j < name.length && i < q.length; j++) if (name[j] === q[i]) i++;
  return i === q.length;
}

// ---------------------------------------------------------------------------
// Diagnostics

export interface ReferenceProblem {
  code: 'unresolved-reference' | 'missing-file';
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

/**
 * `missing-file` (warning) for a relative path that does not exist, and
 * `unresolved-reference` (hint) for a name no spec of the repository has:
 * the asset may live only in the cloud, so never more than a hint, and only
 * once the index is complete and covers the file.
 */
export function referenceDiagnostics(service: ServiceContext, analysis: Analysis, section: YamlSection, kind: string): ReferenceProblem[] {
  const view = service.workspaceView;
  if (!view) return [];
  const out: ReferenceProblem[] = [];
  const names = view.ready !== false && view.covers?.(analysis.uri) === true;
  for (const { ref, section: s } of documentReferences(analysis)) {
    if (s !== section) continue;
    if (ref.form === 'file') {
      if (!ref.target || !view.exists) continue;
      if (view.exists(ref.target) === false) {
        out.push({
          code: 'missing-file',
          severity: Severity.Warning,
          message: `"${ref.name}" does not exist (${ref.key} paths are relative to this file's folder).`,
          start: ref.start,
          end: ref.end,
        });
      }
      continue;
    }
    if (!names || skipUnresolved(ref)) continue;
    const all = view.byName(targetKinds(ref.category, kind), ref.name);
    const what = categoryTitle(ref.category);
    if (!all.length) {
      out.push({
        code: 'unresolved-reference',
        severity: Severity.Hint,
        message: `No ${what} spec named "${ref.name}" in this repository; Azure ML resolves it in the workspace.`,
        start: ref.start,
        end: ref.end,
      });
    } else if (ref.version !== undefined && !all.some((s) => s.version === undefined || String(s.version) === ref.version)) {
      const versions = [...new Set(all.map((s) => s.version))].join(', ');
      out.push({
        code: 'unresolved-reference',
        severity: Severity.Hint,
        message: `The repository defines ${what} "${ref.name}" in version ${versions}, not ${ref.version}; Azure ML resolves it in the workspace.`,
        start: ref.start,
        end: ref.end,
      });
    }
  }
  return out;
}

function skipUnresolved(ref: SpecReference): boolean {
  if (ref.category === 'datastore' && BUILTIN_DATASTORES.has(ref.name.toLowerCase())) return true;
  // Curated environments and models come with Azure ML.
  if (ref.category === 'environment' && /^azureml[-_]/i.test(ref.name)) return true;
  return false;
}
