import { isAlias, isMap, isScalar, isSeq, parse, parseDocument, visit, type Node, type Pair } from 'yaml';
import { prng as mulberry32 } from '../fuzz/fuzz';

/**
 * Single-edit mutants of a YAML spec, for the conformance suite: each is one
 * text edit (everything else byte-identical) that does exactly what its
 * description says, checked by parsing the result and comparing it with the
 * original data with the same change applied. Deterministic: the only
 * randomness is a PRNG seeded with the spec's path and the operator.
 */

export const OPERATORS = [
  'unknown_key',
  'misspell_key',
  'enum_case',
  'num_quoted',
  'delete_key',
  'empty_value',
  'bad_enum',
  'scalar_to_map',
  'map_to_scalar',
  'list_to_scalar',
  'str_to_num',
  'num_to_str',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Mutant {
  op: Operator;
  /** Dotted YAML path of the edited key or value. */
  site: string;
  detail: string;
  /** The edit on the original text. */
  edit: { start: number; end: number; text: string };
  /** 0-based lines of the mutated text where a finding about the edit belongs: the edited line, the key's line, and for deletions the parent key and the first line of the parent mapping. */
  lines: number[];
}

/** Maps whose keys are names the user chooses (inputs, steps, identities...): their keys are never mutated. */
const NAME_MAPS = new Set([
  'inputs',
  'outputs',
  'jobs',
  'search_space',
  'user_assigned_identities',
  'outbound_rules',
  'parameters',
  'secrets',
  'datastores',
  'collections',
  'column_name_and_types',
  'transformer_params',
  'limits_per_node',
  'variables',
]);
/** Free-form data: nothing below these keys is mutated. */
const FREE = new Set([
  'tags',
  'properties',
  'environment_variables',
  'conf',
  '$schema',
  'labels',
  'annotations',
  'request_headers',
  'resource_requests',
  'env',
  'conda_file',
]);
/** Keys whose string values are enumerations somewhere in the CLI schemas. */
const ENUM_KEYS = new Set([
  'type',
  'mode',
  'auth_mode',
  'public_network_access',
  'egress_public_network_access',
  'tier',
  'output_action',
  'goal',
  'primary_metric',
  'task',
  'sampling_algorithm',
  'os_type',
  'frequency',
  'logging_level',
  'priority',
  'action',
  'kind',
  'data_type',
  'protocol',
  'policy',
  'isolation_mode',
  'model_size',
  'log_verbosity',
  'system_datastores_auth_mode',
  'sku',
  'scale_type',
  'early_termination',
  'validation_metric_type',
  'storage_account_type',
  'state',
  'task_type',
  'image_build_compute_type',
]);
/** Keys that are often required; deletions pick among them first. */
const OFTEN_REQUIRED = new Set([
  'name',
  'type',
  'command',
  'endpoint_name',
  'model',
  'environment',
  'code',
  'jobs',
  'path',
  'image',
  'version',
  'instance_type',
  'instance_count',
  'compute',
  'task',
  'primary_metric',
  'trial',
  'search_space',
  'objective',
  'sampling_algorithm',
  'conda_file',
  'entry',
  'component',
  'training_data',
  'target_column_name',
  'account_name',
  'container_name',
  'file_share_name',
  'store_name',
  'filesystem',
  'size',
  'trigger',
  'create_job',
  'location',
  'scoring_script',
  'goal',
  'inputs',
  'outputs',
  'resources',
  'code_configuration',
  'credentials',
  'identity',
  'storage_account',
  'expression',
  'frequency',
  'interval',
  'metric',
  'target',
  'file',
  'resource_id',
]);

const UNKNOWN_KEY = 'aml_yaml_unknown_key';

interface Site {
  kind: 'key' | 'value';
  path: Array<string | number>;
  /** The pair (key sites, and value sites whose parent is a mapping). */
  pair?: Pair<Node, Node>;
  parent?: Node;
  node: Node | null;
  /** Depth of the key: 0 for top-level keys. */
  depth: number;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
export function prng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return mulberry32(h >>> 0);
}

const pick = <T>(rng: () => number, xs: T[]): T => xs[Math.floor(rng() * xs.length)];

function shuffle<T>(rng: () => number, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function collectSites(node: Node | null, path: Array<string | number>, depth: number, free: boolean, out: Site[]): void {
  if (isMap(node)) {
    for (const pair of node.items as Array<Pair<Node, Node>>) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') throw new Error('complex key');
      const key = pair.key.value;
      if (key === '<<') throw new Error('merge key');
      const parentKey = path.length ? path[path.length - 1] : undefined;
      const nameMap = typeof parentKey === 'string' && NAME_MAPS.has(parentKey);
      if (!free && key !== '$schema' && !nameMap)
        out.push({ kind: 'key', path: [...path, key], pair, parent: node, node: pair.value ?? null, depth });
      const childFree = free || FREE.has(key);
      if (!free && key !== '$schema' && !(nameMap && isScalar(pair.value)))
        out.push({ kind: 'value', path: [...path, key], pair, parent: node, node: pair.value ?? null, depth });
      collectSites(pair.value ?? null, [...path, key], depth + 1, childFree, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectSites(item as Node, [...path, i], depth, free, out));
  }
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function misspell(word: string, rng: () => number): string | undefined {
  const letters = [...word].map((c, i) => (/[a-z]/i.test(c) ? i : -1)).filter((i) => i >= 0);
  if (word.length < 3 || !letters.length) return undefined;
  const pairs = [...word]
    .map((_, i) => i)
    .filter((i) => i + 1 < word.length && word[i] !== word[i + 1] && /[a-z]/i.test(word[i]) && /[a-z]/i.test(word[i + 1]));
  if (rng() < 0.5 || !pairs.length) {
    const i = pick(rng, letters);
    return word.slice(0, i) + word.slice(i + 1);
  }
  const i = pick(rng, pairs);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function recase(value: string, rng: () => number): string {
  if (value !== value.toLowerCase()) return value.toLowerCase();
  if (rng() < 0.3) return value.toUpperCase();
  if (value.includes('_'))
    return value
      .split('_')
      .map((p) => p.slice(0, 1).toUpperCase() + p.slice(1))
      .join('');
  return value.slice(0, 1).toUpperCase() + value.slice(1);
}

const isNumberScalar = (n: Node | null, text: string) =>
  isScalar(n) &&
  typeof n.value === 'number' &&
  n.type === 'PLAIN' &&
  /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.slice(n.range![0], n.range![1]).trim());
const isStringScalar = (n: Node | null) => isScalar(n) && typeof n.value === 'string' && n.value !== '';

function setAt(data: any, path: Array<string | number>, value: unknown): void {
  let v = data;
  for (const p of path.slice(0, -1)) v = v[p];
  v[path[path.length - 1]] = value;
}

function getAt(data: any, path: Array<string | number>): any {
  let v = data;
  for (const p of path) v = v?.[p];
  return v;
}

function renameAt(data: any, path: Array<string | number>, from: string, to: string): void {
  const map = getAt(data, path.slice(0, -1));
  const entries = Object.entries(map).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) map[k] = v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as any)[k], (b as any)[k]));
}

/** The end of a node's content, without trailing whitespace and comments. */
function contentEnd(text: string, node: Node): number {
  let e = node.range![1];
  while (e > node.range![0] && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * Every mutant of one spec, at most `perOp` per operator (a top-level site and
 * a nested one first, then others). Throws for files it cannot mutate safely
 * (several documents, aliases, merge keys, complex keys).
 */
export function mutantsOf(text: string, seedKey: string, perOp = 2): Mutant[] {
  const docs = (() => {
    const all: unknown[] = [];
    for (const d of text.split(/^---\s*$/m)) if (d.trim()) all.push(d);
    return all;
  })();
  if (docs.length !== 1) throw new Error('not a single document');
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: true });
  if (doc.errors.length) throw new Error('YAML errors');
  if (!isMap(doc.contents)) throw new Error('not a mapping');
  let aliased = false;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor) aliased = true;
    },
  });
  if (aliased) throw new Error('anchors or aliases');
  const data = doc.toJS();
  const starts = lineStarts(text);
  const sites: Site[] = [];
  collectSites(doc.contents as Node, [], 0, false, sites);
  const out: Mutant[] = [];
  for (const op of OPERATORS) {
    const rng = prng(`${seedKey}:${op}`);
    const candidates = sites.filter((s) => applies(op, s, text));
    if (!candidates.length) continue;
    const top = candidates.filter((s) => s.depth === 0);
    const nested = candidates.filter((s) => s.depth > 0);
    const order: Site[] = [];
    if (top.length) order.push(pick(rng, top));
    if (nested.length) order.push(pick(rng, nested));
    order.push(
      ...shuffle(
        rng,
        candidates.filter((c) => !order.includes(c)),
      ),
    );
    let made = 0;
    for (const site of order) {
      if (made >= perOp) break;
      const m = apply(op, site, text, data, starts, rng, doc.contents as Node);
      if (!m) continue;
      const mutated = text.slice(0, m.edit.start) + m.edit.text + text.slice(m.edit.end);
      let parsed: unknown;
      try {
        parsed = parse(mutated, { version: '1.1', uniqueKeys: true });
      } catch {
        continue;
      }
      if (mutated === text || !deepEqual(parsed, m.expected)) continue;
      const { expected: _expected, ...mutant } = m;
      out.push(mutant);
      made++;
    }
  }
  return out;
}

function ownLine(text: string, offset: number): boolean {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(ls, offset).trim() === '';
}

function applies(op: Operator, s: Site, text: string): boolean {
  const key = String(s.path[s.path.length - 1]);
  if (op === 'unknown_key' || op === 'misspell_key' || op === 'delete_key') {
    if (s.kind !== 'key' || !isScalar(s.pair!.key) || s.pair!.key.type !== 'PLAIN') return false;
    if (op === 'misspell_key') return true;
    if (!ownLine(text, (s.pair!.key as Node).range![0])) return false;
    return op === 'unknown_key' || OFTEN_REQUIRED.has(key);
  }
  if (s.kind !== 'value') return false;
  const n = s.node;
  switch (op) {
    case 'enum_case':
    case 'bad_enum':
      return (
        ENUM_KEYS.has(key) && isStringScalar(n) && /^[A-Za-z][A-Za-z0-9_-]*$/.test(String((n as any).value)) && (n as any).type === 'PLAIN'
      );
    case 'scalar_to_map':
    case 'empty_value':
      return isScalar(n) && n.value !== null && n.value !== '' && !['BLOCK_LITERAL', 'BLOCK_FOLDED'].includes(String(n.type));
    case 'map_to_scalar':
      return isMap(n) && n.items.length > 0;
    case 'list_to_scalar':
      return isSeq(n);
    case 'str_to_num':
      return (
        isStringScalar(n) &&
        !/^[-+0-9.eE]+$/.test(String((n as any).value)) &&
        !['BLOCK_LITERAL', 'BLOCK_FOLDED'].includes(String((n as any).type))
      );
    case 'num_to_str':
    case 'num_quoted':
      return isNumberScalar(n, text);
    default:
      return false;
  }
}

function apply(
  op: Operator,
  s: Site,
  text: string,
  data: unknown,
  starts: number[],
  rng: () => number,
  root: Node,
): (Mutant & { expected: unknown }) | undefined {
  const expected = structuredClone(data);
  const site = s.path.join('.');
  const keyName = String(s.path[s.path.length - 1]);
  const keyNode = s.pair?.key as Node | undefined;
  const keyLine = keyNode?.range ? lineOf(starts, keyNode.range[0]) : undefined;
  const parentMapLine = s.parent?.range ? lineOf(starts, s.parent.range[0]) : undefined;
  const lines = (xs: Array<number | undefined>) => [...new Set(xs.filter((x): x is number => x !== undefined))].sort((a, b) => a - b);
  // The line of the key that holds the parent mapping (a finding about a missing key lands there).
  const parentKeyLine = (() => {
    let p = s.path.slice(0, -1);
    while (p.length && typeof p[p.length - 1] === 'number') p = p.slice(0, -1);
    const k = p.length ? (pairAt(root, p)?.key as Node | undefined) : undefined;
    return k?.range ? lineOf(starts, k.range[0]) : undefined;
  })();
  if (op === 'misspell_key') {
    const typo = misspell(keyName, rng);
    if (!typo || (getAt(data, s.path.slice(0, -1)) ?? {})[typo] !== undefined) return undefined;
    renameAt(expected, s.path, keyName, typo);
    return {
      op,
      site,
      detail: `${keyName} -> ${typo}`,
      edit: { start: keyNode!.range![0], end: keyNode!.range![1], text: typo },
      lines: lines([keyLine, parentMapLine, parentKeyLine]),
      expected,
    };
  }
  if (op === 'unknown_key') {
    const ls = starts[keyLine!];
    const indent = text.slice(ls, keyNode!.range![0]);
    getAt(expected, s.path.slice(0, -1))[UNKNOWN_KEY] = 'x';
    return {
      op,
      site,
      detail: `inserted ${UNKNOWN_KEY} next to ${keyName}`,
      edit: { start: ls, end: ls, text: `${indent}${UNKNOWN_KEY}: x\n` },
      lines: lines([keyLine]),
      expected,
    };
  }
  if (op === 'delete_key') {
    const ls = starts[keyLine!];
    const valueEnd = s.node?.range ? contentEnd(text, s.node) : keyNode!.range![1];
    const nl = text.indexOf('\n', Math.max(valueEnd, keyNode!.range![1]));
    const end = nl < 0 ? text.length : nl + 1;
    delete getAt(expected, s.path.slice(0, -1))[keyName];
    // After the deletion the next line moves up to the key's line.
    return {
      op,
      site,
      detail: `deleted ${keyName}`,
      edit: { start: ls, end, text: '' },
      lines: lines([keyLine, parentMapLine, parentKeyLine, s.path.length === 1 ? firstKeyLine(text, starts) : undefined]),
      expected,
    };
  }
  const n = s.node!;
  const old = isScalar(n) ? String(n.value) : isMap(n) ? '<map>' : '<list>';
  let repl: string;
  switch (op) {
    case 'enum_case':
      repl = recase(String((n as any).value), rng);
      if (repl === (n as any).value) return undefined;
      break;
    case 'bad_enum': {
      const t = misspell(String((n as any).value), rng);
      if (!t) return undefined;
      repl = t;
      break;
    }
    case 'scalar_to_map':
      repl = '{aml_yaml_key: 1}';
      break;
    case 'map_to_scalar':
    case 'list_to_scalar':
      repl = 'aml_yaml_value';
      break;
    case 'str_to_num':
      repl = '12345';
      break;
    case 'num_to_str':
      repl = 'many';
      break;
    case 'num_quoted':
      repl = `"${text.slice(n.range![0], n.range![1]).trim()}"`;
      break;
    case 'empty_value':
      repl = rng() < 0.5 ? '' : '""';
      break;
    default:
      return undefined;
  }
  let edit: Mutant['edit'];
  let editLine = lineOf(starts, n.range![0]);
  if (isScalar(n) || (n as any).flow) {
    edit = { start: n.range![0], end: isScalar(n) ? contentEnd(text, n) : n.range![1], text: repl };
  } else {
    if (!keyNode?.range) return undefined;
    // A block collection: `key:\n  ...` becomes `key: <value>`.
    edit = { start: keyNode.range[1], end: contentEnd(text, n), text: `: ${repl}` };
    editLine = keyLine!;
  }
  let value: unknown;
  try {
    value = repl === '' ? null : parse(repl, { version: '1.1' });
  } catch {
    return undefined;
  }
  setAt(expected, s.path, value);
  return {
    op,
    site,
    detail: `${site}: ${old.length > 40 ? old.slice(0, 37) + '...' : old} -> ${repl || '(null)'}`,
    edit,
    lines: lines([editLine, keyLine]),
    expected,
  };
}

function firstKeyLine(text: string, starts: number[]): number {
  const m = /^[^#\s-][^\n]*:/m.exec(text);
  return m ? lineOf(starts, m.index) : 0;
}

function pairAt(root: Node, path: Array<string | number>): Pair<Node, Node> | undefined {
  let node: Node | null | undefined = root;
  let pair: Pair<Node, Node> | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      node = isSeq(node) ? (node.items[seg] as Node) : undefined;
      continue;
    }
    if (!isMap(node)) return undefined;
    pair = (node.items as Array<Pair<Node, Node>>).find((p) => isScalar(p.key) && p.key.value === seg);
    node = pair?.value;
  }
  return pair;
}
