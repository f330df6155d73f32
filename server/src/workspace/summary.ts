import { COMPONENT_SPEC_KINDS } from '../bindings/model';
import { summarizeBindings, summarySignature } from '../bindings/summary';
import type { AmlConfig } from '../core/config';
import { detectKind } from '../core/detect';
import { isMap, isPair, isScalar, isSeq, keyText, LIMITS, parseYaml, type ParsedFile, type YamlNode } from '../core/document';
import { kindInfo, secretKeyNames } from '../core/kinds';
import type { Range } from '../core/types';
import { collectReferences } from './refs';
import { resolveRelative } from './uri';
import type { ReferenceSite, SpecSummary, WorkspaceView } from './view';
import type { WorkspaceComment } from './association';
export type { WorkspaceComment } from './association';

/**
 * What the workspace index keeps of one file: its specs (kind, name,
 * version, ranges, pruned facts without secrets, the bindings summary of
 * jobs and components), the references it makes, and its
 * `# aml-yaml-workspace:` comment. Pure and structured-cloneable: the
 * index computes it on the main thread for open documents and in worker
 * threads (node/indexWorker.ts) for files read from disk.
 */
export interface FileFacts {
  specs: SpecSummary[];
  refs: ReferenceSite[];
  /** The file's `# aml-yaml-workspace: <path>` comment, if any. */
  link?: WorkspaceComment;
  /** Changes whenever specs, references or the comment change (a hash; computed when first compared, see signatureOf). */
  signature?: string;
}

const SMALL_FAMILIES = new Set(['job', 'component']);
/**
 * Kinds whose bindings summary other files read (bindings/model.ts
 * `componentSpecAt`, features/bindings.ts across pipelines): components, and
 * pipelines for the steps that run them. Other jobs' summaries would be
 * computed and kept for nobody.
 */
const SUMMARISED_BINDINGS = new Set([...COMPONENT_SPEC_KINDS, 'pipelineJob', 'pipelineComponent']);
/** What jobs and components keep: what navigation, symbols and rules read of them. */
const JOB_KEYS = new Set([
  'type',
  'name',
  'version',
  'display_name',
  'experiment_name',
  'compute',
  'environment',
  'identity',
  'settings',
  'endpoint_name',
]);
/** Never kept: long texts no rule or feature reads from the index. */
const DROPPED_KEYS = new Set(['$schema', 'description', 'tags']);
/** Keys whose values the index never keeps: every `x-secret` field of the schemas, and generic secret names. */
const SECRET_KEY = new RegExp(`^(${[...secretKeyNames(), 'secret', 'password', 'key', 'token'].join('|')})$`, 'i');
const REDACTED = '<redacted>';
const COMMENT = /#[ \t]*aml-yaml-workspace[ \t]*:[ \t]*([^\r\n]*)/g;

/**
 * Summarises a file's text (parsed here unless `parsed` is the parse of this
 * very text). `view`: the workspace view an open document is analysed with
 * (the facts do not depend on it; see summarizeBindings).
 */
export function summarize(uri: string, text: string, config: AmlConfig, parsed?: ParsedFile, view?: WorkspaceView): FileFacts {
  const specs: SpecSummary[] = [];
  const refs: ReferenceSite[] = [];
  const file = parsed?.text === text ? parsed : parseYaml(text);
  for (const section of file.sections) {
    const value = section.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const detection = detectKind(value, { path: uri, globKinds: config.fileKinds });
    if (!detection) continue;
    const v = value as Record<string, unknown>;
    const root = section.doc.contents as YamlNode | null;
    const namePair = isMap(root) ? root.items.find((p) => keyText(p.key) === 'name') : undefined;
    const nameNode = namePair?.value as YamlNode | undefined;
    const start = root?.range?.[0] ?? section.start;
    const bindings = SUMMARISED_BINDINGS.has(detection.kind) ? summarizeBindings(section, detection.kind, file, uri, view) : undefined;
    specs.push({
      uri,
      docIndex: section.index,
      kind: detection.kind,
      name: typeof v.name === 'string' ? v.name : typeof v.name === 'number' ? String(v.name) : undefined,
      version: v.version === undefined || v.version === null || typeof v.version === 'object' ? undefined : String(v.version),
      value: prune(detection.kind, v),
      nameRange: nameNode?.range ? file.lines.range(nameNode.range[0], nameNode.range[1]) : file.lines.range(start, start),
      range: file.lines.range(start, root?.range?.[1] ?? section.end),
      ...(bindings ? { bindings } : {}),
    });
    for (const r of collectReferences(section, detection.kind, text, uri)) {
      refs.push({
        uri,
        docIndex: section.index,
        fromKind: detection.kind,
        form: r.form,
        category: r.category,
        name: r.name,
        version: r.version,
        label: r.label,
        target: r.target,
        key: r.key,
        range: file.lines.range(r.start, r.end),
      });
    }
  }
  const link = specs.length ? workspaceComment(file, uri) : undefined;
  return link ? { specs, refs, link } : { specs, refs };
}

/**
 * Facts as they cross from an indexing worker to the index: positional
 * arrays instead of objects (structured cloning writes every property name
 * of every object: a reference's range alone is three objects and six
 * names), bindings as JSON text, no file URI (the receiver knows it).
 */
export type PackedFacts = [specs: PackedSpecTuple[], refs: PackedRefTuple[], link: WorkspaceComment | 0];
type PackedRange = [number, number, number, number];
type PackedSpecTuple = [
  docIndex: number,
  kind: string,
  name: string | 0,
  version: string | 0,
  value: Record<string, unknown>,
  nameRange: PackedRange | 0,
  range: PackedRange | 0,
  bindings: string | 0,
];
type PackedRefTuple = [
  docIndex: number,
  fromKind: string,
  form: string,
  category: string,
  name: string,
  version: string | 0,
  label: string | 0,
  target: string | 0,
  key: string,
  range: PackedRange,
];

const packRange = (r: Range | undefined): PackedRange | 0 => (r ? [r.start.line, r.start.character, r.end.line, r.end.character] : 0);
const unpackRange = (r: PackedRange): Range => ({ start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } });

export function packFacts(facts: FileFacts): PackedFacts {
  return [
    facts.specs.map((s) => [
      s.docIndex,
      s.kind,
      s.name ?? 0,
      s.version ?? 0,
      s.value,
      packRange(s.nameRange),
      packRange(s.range),
      s.bindings ? JSON.stringify(s.bindings) : 0,
    ]),
    facts.refs.map((r) => [
      r.docIndex,
      r.fromKind,
      r.form,
      r.category,
      r.name,
      r.version ?? 0,
      r.label ?? 0,
      r.target ?? 0,
      r.key,
      packRange(r.range) as PackedRange,
    ]),
    facts.link ?? 0,
  ];
}

/** The facts of a packed file; `share` returns one copy of equal strings (kinds, keys, names, targets). */
export function unpackFacts(uri: string, packed: PackedFacts, share: <T extends string | undefined>(s: T) => T = (x) => x): FileFacts {
  const [ps, pr, link] = packed;
  const specs: SpecSummary[] = ps.map((p) => {
    const spec: SpecSummary = { uri, docIndex: p[0], kind: share(p[1]), value: p[4] };
    if (p[2] !== 0) spec.name = share(p[2]);
    if (p[3] !== 0) spec.version = share(p[3]);
    if (p[5] !== 0) spec.nameRange = unpackRange(p[5]);
    if (p[6] !== 0) spec.range = unpackRange(p[6]);
    if (p[7] !== 0) bindingsFromText(spec, p[7]);
    return spec;
  });
  const refs: ReferenceSite[] = pr.map(
    (p) =>
      new IndexedReference(
        uri,
        p[0],
        share(p[1]),
        share(p[2]) as ReferenceSite['form'],
        share(p[3]) as ReferenceSite['category'],
        share(p[4]),
        p[5] === 0 ? undefined : share(p[5]),
        p[6] === 0 ? undefined : share(p[6]),
        p[7] === 0 ? undefined : share(p[7]),
        share(p[8]),
        p[9],
      ),
  );
  return link === 0 ? { specs, refs } : { specs, refs, link };
}

/**
 * A reference as the index keeps it (95,000 of them for 20,000 specs): one
 * object, its range as four numbers made into a Range when asked.
 */
class IndexedReference implements ReferenceSite {
  private readonly r: PackedRange;
  constructor(
    readonly uri: string,
    readonly docIndex: number,
    readonly fromKind: string,
    readonly form: ReferenceSite['form'],
    readonly category: ReferenceSite['category'],
    readonly name: string,
    readonly version: string | undefined,
    readonly label: string | undefined,
    readonly target: string | undefined,
    readonly key: string,
    range: PackedRange,
  ) {
    this.r = range;
  }

  get range(): Range {
    return unpackRange(this.r);
  }
}

/**
 * Bindings summaries (bindings/summary.ts) are a third of what the index
 * would hold as objects: about 4 KB of heap per component or pipeline,
 * mostly ranges. The index keeps their JSON text (about a third of the heap)
 * and reads it back when `spec.bindings` is used; the last few hundred read
 * stay parsed.
 */
function bindingsFromText(spec: SpecSummary, json: string): void {
  Object.defineProperty(spec, 'bindings', {
    configurable: true,
    enumerable: false,
    get: () => {
      let parsed = recentBindings.get(spec);
      if (parsed) {
        recentBindings.delete(spec);
      } else {
        parsed = JSON.parse(json) as NonNullable<SpecSummary['bindings']>;
        if (recentBindings.size >= 512) recentBindings.delete(recentBindings.keys().next().value!);
      }
      recentBindings.set(spec, parsed);
      return parsed;
    },
  });
}

const recentBindings = new Map<SpecSummary, NonNullable<SpecSummary['bindings']>>();

/** The facts' signature: equal signatures, same specs, references and comment (so nothing to republish). */
export function signatureOf(facts: FileFacts): string {
  facts.signature ??= hash(
    JSON.stringify([
      facts.specs.map((s) => [s.docIndex, s.kind, s.name, s.version, s.value, summarySignature(s.bindings)]),
      facts.refs.map((r) => [r.docIndex, r.category, r.name, r.version, r.label, r.target]),
      facts.link ? [facts.link.path, facts.link.start] : null,
    ]),
  );
  return facts.signature;
}

/**
 * The first `# aml-yaml-workspace: <path>` comment of a file: a real comment
 * (after whitespace or at a line start, outside any string or block scalar).
 */
export function workspaceComment(file: ParsedFile, uri?: string): WorkspaceComment | undefined {
  const text = file.text;
  if (!text.includes('aml-yaml-workspace')) return undefined;
  let inScalar: ((offset: number) => boolean) | undefined;
  for (const m of text.matchAll(COMMENT)) {
    const at = m.index!;
    if (at > 0 && !/\s/.test(text[at - 1])) continue;
    inScalar ??= scalarTest(file);
    if (inScalar(at)) continue;
    const raw = m[1];
    // `-- why` after the path is a free-text reason, as in suppression comments.
    const reason = /(^|\s)--(\s|$)/.exec(raw);
    const path = (reason ? raw.slice(0, reason.index) : raw).trim().replace(/^(['"])(.*)\1$/, '$2');
    if (!path) continue;
    const start = at + m[0].length - raw.length + raw.indexOf(path);
    const end = start + path.length;
    return { path, target: uri ? resolveRelative(uri, path) : undefined, start, end, range: file.lines.range(start, end) };
  }
  return undefined;
}

function scalarTest(file: ParsedFile): (offset: number) => boolean {
  const ranges: Array<[number, number]> = [];
  const stack: Array<[unknown, number]> = file.sections.map((s) => [s.doc.contents, 0]);
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!n || depth > LIMITS.maxDepth) continue;
    if (isScalar(n)) {
      if (n.range) ranges.push([n.range[0], n.range[1]]);
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items as unknown[]) {
        if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
        else stack.push([item, depth + 1]);
      }
    }
  }
  return (offset) => ranges.some(([s, e]) => offset >= s && offset < e);
}

/**
 * The facts kept per spec, without secrets: everything for small specs
 * (workspaces, computes, datastores, endpoints, assets) but `$schema`,
 * `description` and `tags`; a few top-level facts for jobs and components.
 */
export function prune(kind: string, value: Record<string, unknown>): Record<string, unknown> {
  const family = kindInfo(kind)?.family;
  const small = !!family && SMALL_FAMILIES.has(family);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (DROPPED_KEYS.has(k) || (small && !JOB_KEYS.has(k))) continue;
    if (small && v !== null && typeof v === 'object' && k !== 'identity' && k !== 'settings') continue;
    out[k] = redact(v, k === 'credentials' || SECRET_KEY.test(k));
  }
  return out;
}

function redact(v: unknown, secret: boolean, depth = 0): unknown {
  if (depth > 50) return undefined;
  if (Array.isArray(v)) return v.map((x) => redact(x, secret, depth + 1));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = redact(x, secret || k === 'credentials' || SECRET_KEY.test(k), depth + 1);
    return out;
  }
  return secret && typeof v === 'string' && v !== '' ? REDACTED : v;
}

/** A 53-bit string hash (cyrb53) in base 36: the signature of a file's facts without keeping their text. */
export function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
