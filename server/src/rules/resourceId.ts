import type { YamlPath } from '../core/document';
import { LIMITS } from '../core/document';
import { childSchemas, expand, factsOf } from '../schema/navigate';
import type { SchemaRef, SchemaStore } from '../schema/store';
import { familyOf, UAI_TYPE } from './identity';
import { asMap } from '../core/scalars';

/**
 * Azure Resource Manager ids and documentation placeholders: parsing, the
 * fields of each kind that hold an ARM id (from the schemas' `x-resourceType`
 * annotations), and the placeholder shapes that the docs use.
 */

export interface ResourceId {
  subscription: string;
  resourceGroup: string;
  /** Provider namespace, for example `Microsoft.Storage`. */
  namespace: string;
  /** Resource types from the outermost, for example `['virtualNetworks', 'subnets']`. */
  types: string[];
  names: string[];
}

const ARM_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)((?:\/[^/]+\/[^/]+)+)$/i;
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses `/subscriptions/<id>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<type>/<name>...]`. */
export function parseResourceId(value: string): ResourceId | undefined {
  const m = ARM_ID.exec(value);
  if (!m || !NAMESPACE.test(m[3])) return undefined;
  const rest = m[4].split('/').slice(1);
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]);
    names.push(rest[i + 1]);
  }
  return { subscription: m[1], resourceGroup: m[2], namespace: m[3], types, names };
}

/** `Microsoft.Network/virtualNetworks/subnets` */
export function resourceTypeOf(id: ResourceId): string {
  return [id.namespace, ...id.types].join('/');
}

export type ResourceIdProblem = { kind: 'format' } | { kind: 'subscription'; subscription: string } | { kind: 'provider'; actual: string };

/** What is wrong with a value given for a field that expects an id of `expected` type (undefined: nothing). */
export function resourceIdProblem(value: string, expected: string): ResourceIdProblem | undefined {
  const id = parseResourceId(value);
  if (!id) return { kind: 'format' };
  if (!GUID.test(id.subscription)) return { kind: 'subscription', subscription: id.subscription };
  const actual = resourceTypeOf(id);
  if (actual.toLowerCase() !== expected.toLowerCase()) return { kind: 'provider', actual };
  return undefined;
}

// ---------------------------------------------------------------------------
// Fields that hold ARM ids

export interface ResourceIdField {
  path: YamlPath;
  /** Provider namespace and type chain the field expects (`x-resourceType`). */
  expected: string;
  /** The id is a mapping key (workspace user_assigned_identities), not a value. */
  onKey?: boolean;
}

const holdersOf = new WeakMap<SchemaStore, WeakSet<object>>();

/**
 * The schema objects from which an `x-resourceType` annotation can be reached
 * (by nesting or through `$ref`), computed once per store over every kind.
 */
function resourceTypeHolders(s: SchemaStore): WeakSet<object> {
  const known = holdersOf.get(s);
  if (known) return known;
  const parents = new Map<object, object[]>();
  const marked: object[] = [];
  const seen = new Set<object>();
  const stack: Array<[object, string]> = [];
  const edge = (from: object, to: unknown, base: string) => {
    if (!to || typeof to !== 'object') return;
    const list = parents.get(to);
    if (list) list.push(from);
    else parents.set(to, [from]);
    if (!seen.has(to)) {
      seen.add(to);
      stack.push([to, base]);
    }
  };
  for (const kind of s.kinds()) {
    const root = s.root(kind);
    if (root && typeof root.schema === 'object' && !seen.has(root.schema)) {
      seen.add(root.schema);
      stack.push([root.schema, root.base]);
    }
  }
  while (stack.length) {
    const [node, base] = stack.pop()!;
    const obj = node as Record<string, unknown>;
    if (!Array.isArray(node) && 'x-resourceType' in obj) marked.push(node);
    for (const v of Object.values(obj)) edge(node, v, base);
    if (!Array.isArray(node) && typeof obj.$ref === 'string') {
      const target = s.resolve(obj.$ref, base);
      if (target) edge(node, target.schema, target.base);
    }
  }
  const holders = new WeakSet<object>();
  const queue = [...marked];
  while (queue.length) {
    const n = queue.pop()!;
    if (holders.has(n)) continue;
    holders.add(n);
    for (const p of parents.get(n) ?? []) if (!holders.has(p)) queue.push(p);
  }
  holdersOf.set(s, holders);
  return holders;
}

/**
 * Every string of the document whose field the schema marks with
 * `x-resourceType`, plus the keys of a workspace's user_assigned_identities.
 */
export function resourceIdFields(s: SchemaStore, kind: string, value: Record<string, unknown>): ResourceIdField[] {
  const out: ResourceIdField[] = [];
  const root = s.root(kind);
  if (!root) return out;
  const workspaceLike = familyOf(kind) === 'workspace';
  const holders = resourceTypeHolders(s);
  // Subtrees whose schemas cannot lead to an x-resourceType (most of a pipeline job) are skipped before expanding them.
  const descend = (child: SchemaRef[], v: unknown, path: YamlPath) => {
    const uaiPath = workspaceLike && path.length <= 2 && path.every((seg, i) => seg === ['identity', 'user_assigned_identities'][i]);
    if (uaiPath || child.some((r) => typeof r.schema === 'object' && holders.has(r.schema))) walk(expand(s, child, v), v, path);
  };
  const walk = (schemas: SchemaRef[], v: unknown, path: YamlPath) => {
    if (path.length > LIMITS.maxDepth || !schemas.length) return;
    if (typeof v === 'string') {
      const expected = factsOf(schemas).resourceType;
      if (expected) out.push({ path, expected });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => descend(childSchemas(schemas, i), item, [...path, i]));
      return;
    }
    const m = asMap(v);
    if (!m) return;
    if (workspaceLike && path.length === 2 && path[0] === 'identity' && path[1] === 'user_assigned_identities') {
      for (const key of Object.keys(m)) out.push({ path: [...path, key], expected: UAI_TYPE, onKey: true });
    }
    for (const [key, child] of Object.entries(m)) descend(childSchemas(schemas, key), child, [...path, key]);
  };
  walk(expand(s, [root], value), value, []);
  return out;
}

// ---------------------------------------------------------------------------
// Documentation placeholders

export interface Placeholder {
  text: string;
  /** Offset in the string. */
  index: number;
}

/** Words in angle brackets that are markup or model tokens, not placeholders. */
const NOT_PLACEHOLDERS = new Set(
  [
    'a',
    'abbr',
    'b',
    'big',
    'blockquote',
    'body',
    'br',
    'caption',
    'center',
    'code',
    'col',
    'dd',
    'del',
    'details',
    'div',
    'dl',
    'dt',
    'em',
    'font',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'head',
    'hr',
    'html',
    'i',
    'img',
    'input',
    'ins',
    'kbd',
    'li',
    'link',
    'mark',
    'meta',
    'ol',
    'p',
    'pre',
    'q',
    's',
    'samp',
    'script',
    'small',
    'span',
    'strike',
    'strong',
    'style',
    'sub',
    'summary',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'title',
    'tr',
    'tt',
    'u',
    'ul',
    'var',
    'wbr',
    // Special tokens of language models and tokenizers.
    'bos',
    'eos',
    'eot',
    'pad',
    'unk',
    'cls',
    'sep',
    'mask',
    'sys',
    'inst',
    'start_of_turn',
    'end_of_turn',
    'im_start',
    'im_end',
    'endoftext',
    'end_of_text',
    'start_of_text',
    'begin_of_text',
    'eot_id',
    'start_header_id',
    'end_header_id',
    'think',
    'tool_call',
    'tool_response',
    // Prompt flow connection files: `<user-input>` makes `pf connection create` ask for the secret.
    'user-input',
  ].map((t) => t.toLowerCase()),
);

const ANGLE = /<([A-Za-z][A-Za-z0-9_() -]{0,80})>/g;
const ALL_CAPS = /^[A-Z][A-Z0-9_]+$/;
const SEPARATED = /^[A-Za-z][A-Za-z0-9()]*(?:[ _-]+[A-Za-z0-9()]+)+$/;
const CAMEL = /^[a-z]+[A-Z][A-Za-z0-9]*$/;
const BRACE_SEGMENT = /(?<=\/)\{[A-Za-z][A-Za-z0-9_-]*\}(?=\/|$)/g;
const X_GUID = /\b[xX]{8}-[xX]{4}-[xX]{4}-[xX]{4}-[xX]{12}\b/g;
const X_RUN = /[xX]{8}/;

/** The value with every `{{...}}` and `${{...}}` span blanked out (one pass; no regular expression). */
function blankTemplates(value: string): string {
  let out = '';
  let last = 0;
  for (let open = value.indexOf('{{'); open >= 0; open = value.indexOf('{{', last)) {
    const close = value.indexOf('}}', open + 2);
    if (close < 0) break; // no later template can close either
    const start = open > 0 && value[open - 1] === '$' ? open - 1 : open;
    out += value.slice(last, start) + ' '.repeat(close + 2 - start);
    last = close + 2;
  }
  return out + value.slice(last);
}

function isPlaceholderWord(inner: string): boolean {
  if (inner !== inner.trim()) return false;
  if (NOT_PLACEHOLDERS.has(inner.toLowerCase())) return false;
  return ALL_CAPS.test(inner) || SEPARATED.test(inner) || CAMEL.test(inner);
}

/**
 * Documentation placeholders left in a string: `<SUBSCRIPTION_ID>`,
 * `<UAI resource ID 1>`, `<workspace-name>`, `{sub-id}` segments of a
 * resource id path, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. Text inside
 * `${{...}}` and `{{...}}` templating is never read; single lower-case words
 * in angle brackets (`<answer>`, `<b>`) and markup with attributes are not
 * placeholders.
 */
export function findPlaceholders(value: string): Placeholder[] {
  // Most strings hold none of the three shapes: answer without the regular expressions (this runs on every scalar).
  if (!value.includes('<') && !value.includes('{') && !X_RUN.test(value)) return [];
  const text = blankTemplates(value);
  const out: Placeholder[] = [];
  for (const m of text.matchAll(ANGLE)) {
    if (isPlaceholderWord(m[1])) out.push({ text: m[0], index: m.index! });
  }
  if (/\/subscriptions\//i.test(text)) {
    for (const m of text.matchAll(BRACE_SEGMENT)) out.push({ text: m[0], index: m.index! });
  }
  for (const m of text.matchAll(X_GUID)) out.push({ text: m[0], index: m.index! });
  return out.sort((a, b) => a.index - b.index);
}
