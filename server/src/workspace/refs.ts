import { isMap, isScalar, isSeq, keyText, type YamlNode, type YamlPath, type YamlSection } from '../core/document';
import { kindInfo, kindsReferencedAs, referenceKeys } from '../core/kinds';
import { resolveRelative } from './uri';

/**
 * The references one Azure ML document makes to other specs and files:
 * `azureml:<name>[:<version>|@<label>]`, `azureml://datastores/<name>/...`,
 * bare compute and endpoint names, and relative local paths. Pure: works on
 * the parsed document; the index stores the result per file and the
 * navigation features compute it for the open document.
 */

export type RefCategory = 'compute' | 'environment' | 'data' | 'model' | 'component' | 'datastore' | 'endpoint' | 'file';
export type RefForm = 'asset' | 'bare' | 'datastore' | 'file';

/** Kinds a reference of each category may point at (`x-kind.referencedAs` in the schemas). */
export const REFERENCE_KINDS: Record<string, readonly string[]> = Object.fromEntries(
  (['compute', 'environment', 'data', 'model', 'component', 'datastore', 'endpoint'] as const).map((c) => [c, kindsReferencedAs(c)]),
);

const BATCH_DEPLOYMENTS = new Set(['batchDeployment', 'modelBatchDeployment', 'pipelineComponentBatchDeployment']);

/** The kinds a reference may resolve to, narrowed by the referring kind where that is certain. */
export function targetKinds(category: string, fromKind?: string): readonly string[] {
  if (category === 'endpoint' && fromKind) {
    if (BATCH_DEPLOYMENTS.has(fromKind)) return ['batchEndpoint'];
    if (fromKind === 'managedOnlineDeployment') return ['managedOnlineEndpoint'];
    if (fromKind === 'kubernetesOnlineDeployment') return ['kubernetesOnlineEndpoint'];
  }
  return REFERENCE_KINDS[category] ?? [];
}

/** What a reference names: shared by a document's references and the index's reference sites (view.ts). */
export interface ReferenceFacts {
  form: RefForm;
  category: RefCategory;
  /** The name (assets, datastores, bare names) or the path as written (files, without `file:`). */
  name: string;
  version?: string;
  label?: string;
  /** Files: the resolved URI (undefined when the document has no resolvable location). */
  target?: string;
  /** The key holding the reference (`compute`, `path`, ...). */
  key: string;
}

export interface SpecReference extends ReferenceFacts {
  /** YAML path of the scalar. */
  path: YamlPath;
  /** Offsets of the name inside the file (the whole path for files). */
  start: number;
  end: number;
  /** Offsets of the whole value, without quotes. */
  valueStart: number;
  valueEnd: number;
}

/** Keys that name an asset of each category: the fields annotated `x-reference` in the schemas. */
export const COMPUTE_KEYS = referenceKeys('compute');
const ENVIRONMENT_KEYS = referenceKeys('environment');
const MODEL_KEYS = referenceKeys('model');
const DATASTORE_KEYS = referenceKeys('datastore');
const COMPONENT_KEYS = referenceKeys('component');
const MODEL_TYPES = new Set(['mlflow_model', 'custom_model', 'triton_model']);
const FILE_KEYS = new Set(['component', 'code', 'conda_file', 'path']);
/** Datastores every workspace has; never reported as unresolved. */
export const BUILTIN_DATASTORES = new Set([
  'workspaceblobstore',
  'workspacefilestore',
  'workspaceartifactstore',
  'workspaceworkingdirectory',
]);

const ASSET = /^azureml:(?!\/)([A-Za-z0-9][A-Za-z0-9_.-]*)(?::([^@:\s/]+)|@([A-Za-z0-9_.-]+))?$/;
const DATASTORE_URI =
  /^azureml:\/\/(?:subscriptions\/[^/]+\/resource[Gg]roups\/[^/]+\/(?:providers\/Microsoft\.MachineLearningServices\/)?workspaces\/[^/]+\/)?datastores\/([^/\s]+)(?:\/|$)/i;
const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;
const MAX_REFS = 5000;

/** Parses `azureml:<name>`, `azureml:<name>:<version>` and `azureml:<name>@<label>`. */
export function parseAssetReference(text: string): { name: string; version?: string; label?: string } | undefined {
  const m = ASSET.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1], version: m[2], label: m[3] };
}

/** The datastore name of an `azureml://datastores/<name>/...` URI and its offset in the text. */
export function parseDatastoreUri(text: string): { name: string; index: number } | undefined {
  const m = DATASTORE_URI.exec(text);
  if (!m) return undefined;
  return { name: m[1], index: m[0].lastIndexOf(m[1]) };
}

/** A relative local path worth resolving, without a `file:` prefix; undefined for URLs, absolute paths, globs and expressions. */
export function localPath(text: string): string | undefined {
  let t = text.trim();
  if (t.startsWith('file:')) t = t.slice(5);
  if (!t || t.includes('${{') || /[*?[\]{}]/.test(t)) return undefined;
  if (SCHEME.test(t) || t.startsWith('/') || t.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(t) || t.startsWith('~')) return undefined;
  if (t.length > 1024) return undefined;
  return t;
}

function siblingString(map: unknown, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  for (const p of map.items) {
    if (keyText(p.key) === key && isScalar(p.value) && typeof p.value.value === 'string') return p.value.value;
  }
  return undefined;
}

/** Whether a scalar under this key could be a reference (the cases collectReferences handles). */
function mayReference(key: string, value: unknown): boolean {
  return (
    typeof value === 'string' && (value.startsWith('azureml:') || COMPUTE_KEYS.has(key) || key === 'endpoint_name' || FILE_KEYS.has(key))
  );
}

/** The references of a parsed document, kept as long as the parse lives. */
const REFERENCES = new WeakMap<YamlSection, { kind: string; text: string; uri?: string; refs: SpecReference[] }>();

/** Every reference made by one document of a file. `uri` locates relative paths. */
export function collectReferences(section: YamlSection, kind: string, text: string, uri?: string): SpecReference[] {
  // The index and the diagnostics both ask for the references of the same parse of an open document: walk it once.
  const known = REFERENCES.get(section);
  if (known && known.kind === kind && known.text === text && known.uri === uri) return known.refs;
  const refs = collectReferencesUncached(section, kind, text, uri);
  REFERENCES.set(section, { kind, text, uri, refs });
  return refs;
}

function collectReferencesUncached(section: YamlSection, kind: string, text: string, uri?: string): SpecReference[] {
  const out: SpecReference[] = [];
  const root = section.doc.contents as YamlNode | null;
  if (!isMap(root)) return out;
  const family = kindInfo(kind)?.family;
  for (const candidate of candidateScalars(root)) {
    const ref = referenceAt(candidate, text, family, uri);
    if (ref && out.push(ref) >= MAX_REFS) break;
  }
  return out;
}

/** A scalar that may hold a reference: its path (a link to its parent's) and the mapping holding it. */
interface Candidate {
  node: YamlNode;
  at: PathLink;
  parent: YamlNode;
}

/**
 * The scalars of a document that may be references, in document order:
 * mappings and sequences of mappings to depth 40, at most 200,000 nodes.
 * Most leaves are skipped by their key before anything is allocated.
 */
function* candidateScalars(root: YamlNode): Generator<Candidate> {
  const stack: Candidate[] = [];
  const pushMap = (map: YamlNode, at: PathLink | undefined) => {
    if (!isMap(map)) return;
    const depth = (at?.depth ?? 0) + 1;
    for (let i = map.items.length - 1; i >= 0; i--) {
      const p = map.items[i];
      const k = keyText(p.key);
      if (k === undefined || !p.value) continue;
      if (isScalar(p.value) && !mayReference(k, p.value.value)) continue;
      stack.push({ node: p.value as YamlNode, at: { seg: k, up: at, depth }, parent: map });
    }
  };
  pushMap(root, undefined);
  let visited = 0;
  while (stack.length && visited++ < 200_000) {
    const candidate = stack.pop()!;
    const { node, at } = candidate;
    if (isMap(node)) {
      if (at.depth < 40) pushMap(node, at);
    } else if (isSeq(node)) {
      if (at.depth < 40) node.items.forEach((item, i) => isMap(item) && pushMap(item as YamlNode, { seg: i, up: at, depth: at.depth + 1 }));
    } else yield candidate;
  }
}

/** What a value names, and where the name is inside the value (`index`, `length`). */
type Named = Omit<ReferenceFacts, 'key'> & { index: number; length: number };

/** The reference a candidate scalar makes, with its ranges; undefined when it makes none. */
function referenceAt(
  { node, at: link, parent }: Candidate,
  text: string,
  family: string | undefined,
  uri: string | undefined,
): SpecReference | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  const value = node.value;
  if (value.includes('${{')) return undefined;
  const path = pathOf(link);
  const key = String(path[path.length - 1]);
  const named = nameIn(value, key, path, parent, family, uri);
  if (!named) return undefined;
  // Offsets inside the value only when the source spells the value as it reads (no escapes or folding); else the whole value.
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const valueStart = node.range[0] + (quoted ? 1 : 0);
  const exact = text.slice(valueStart, valueStart + value.length) === value;
  const valueEnd = exact ? valueStart + value.length : node.range[1];
  const { index, length, ...facts } = named;
  const [start, end] = exact ? [valueStart + index, valueStart + index + length] : [valueStart, valueEnd];
  return { key, path, valueStart, valueEnd, ...facts, start, end };
}

/** What a string value under `key` names: a datastore URI, an asset, a bare compute or endpoint name, or a local path. */
function nameIn(
  value: string,
  key: string,
  path: YamlPath,
  parent: YamlNode,
  family: string | undefined,
  uri: string | undefined,
): Named | undefined {
  if (value.startsWith('azureml://')) {
    const ds = parseDatastoreUri(value);
    return ds && { form: 'datastore', category: 'datastore', name: ds.name, index: ds.index, length: ds.name.length };
  }
  if (value.startsWith('azureml:')) {
    const asset = parseAssetReference(value);
    const category = asset && assetCategory(key, path, parent);
    return category
      ? {
          form: 'asset',
          category,
          name: asset.name,
          version: asset.version,
          label: asset.label,
          index: 'azureml:'.length,
          length: asset.name.length,
        }
      : undefined;
  }
  if (COMPUTE_KEYS.has(key) && BARE_NAME.test(value) && value !== 'local') {
    return { form: 'bare', category: 'compute', name: value, index: 0, length: value.length };
  }
  if (key === 'endpoint_name' && path.length === 1 && family === 'deployment' && BARE_NAME.test(value)) {
    return { form: 'bare', category: 'endpoint', name: value, index: 0, length: value.length };
  }
  if (!FILE_KEYS.has(key) || (key === 'path' && path.includes('outputs'))) return undefined;
  const rel = localPath(value);
  if (!rel) return undefined;
  if (key === 'component' && !/\.ya?ml$/i.test(rel) && !/^\.\.?[\\/]/.test(rel) && !value.trim().startsWith('file:')) return undefined;
  return {
    form: 'file',
    category: 'file',
    name: rel,
    target: uri ? resolveRelative(uri, rel) : undefined,
    index: Math.max(0, value.indexOf(rel)),
    length: rel.length,
  };
}

interface PathLink {
  seg: string | number;
  up: PathLink | undefined;
  depth: number;
}

function pathOf(at: PathLink): YamlPath {
  const out: YamlPath = [];
  for (let l: PathLink | undefined = at; l; l = l.up) out.push(l.seg);
  return out.reverse();
}

function assetCategory(key: string, path: YamlPath, parent: YamlNode): RefCategory | undefined {
  if (COMPUTE_KEYS.has(key)) return 'compute';
  if (ENVIRONMENT_KEYS.has(key)) return 'environment';
  if (COMPONENT_KEYS.has(key)) return 'component';
  if (MODEL_KEYS.has(key)) return 'model';
  if (DATASTORE_KEYS.has(key)) return 'datastore';
  if (key === 'path') {
    const type = siblingString(parent, 'type')?.toLowerCase();
    return type && MODEL_TYPES.has(type) ? 'model' : 'data';
  }
  if (path.length >= 2 && path[path.length - 2] === 'inputs') return 'data';
  return undefined;
}

/** Whether a reference of this category and version could point at a spec. */
export function referenceMatches(
  ref: Pick<SpecReference, 'category' | 'name' | 'version'>,
  spec: { kind: string; name?: string; version?: string },
  fromKind?: string,
): boolean {
  if (ref.category === 'file' || spec.name !== ref.name) return false;
  if (!targetKinds(ref.category, fromKind).includes(spec.kind)) return false;
  if (ref.version !== undefined && spec.version !== undefined && String(spec.version) !== ref.version) return false;
  return true;
}
