import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import { LIMITS } from './limits';

/**
 * Builds the plain value of a parsed YAML document the way the Azure ML CLI
 * reads it (PyYAML's `safe_load`, YAML 1.1), within the limits of
 * `LIMITS`, in one pass over the syntax tree:
 *
 * - `yes`/`no`/`on`/`off` (any of PyYAML's spellings) written plain are
 *   booleans (the syntax tree's scalars are updated to match); keys stay text;
 * - `<<` merge keys merge mappings (explicit keys win; in a list of mappings
 *   the first one listed wins);
 * - an alias resolves to the anchor most recently defined before it, from a
 *   table kept during the walk (not by scanning the document for each alias),
 *   and counts the size of what it stands for (at least 1) against
 *   `maxAliasExpansion`;
 * - what PyYAML refuses is reported as an error where it is: an alias without
 *   an anchor, a duplicate anchor, a recursive alias, a tag `safe_load` has
 *   no constructor for, a mapping or list used as a key, a `<<` whose value is
 *   not a mapping;
 * - limits on nodes (aliases expanded), keys per mapping and depth (aliases
 *   expanded) stop the build with one problem: the value is then undefined.
 */

export interface ValueProblem {
  code: string;
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
  /** The value there is a stand-in (null): schema findings inside this range would only repeat the problem. */
  covers?: boolean;
}

export interface BuiltValue {
  /** Undefined when a limit stopped the build (`stopped` says which). */
  value: unknown;
  /** Values built, aliases expanded (what LIMITS.maxNodes bounds). */
  nodes: number;
  problems: ValueProblem[];
  stopped?: ValueProblem;
}

const PY_TRUE = new Set(['yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const PY_FALSE = new Set(['no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** Tags PyYAML's safe loader constructs (the rest stop the CLI). */
const SAFE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'seq', 'map', 'binary', 'timestamp', 'set', 'omap', 'pairs', 'merge'].map(
    (t) => `tag:yaml.org,2002:${t}`,
  ),
);

/** Plain scalars that PyYAML reads as booleans although YAML 1.2 reads them as strings. */
export function yaml11Boolean(text: string): boolean | undefined {
  if (PY_TRUE.has(text)) return true;
  if (PY_FALSE.has(text)) return false;
  return undefined;
}

/** Marks scalars whose boolean value comes from YAML 1.1 (their source text is kept). */
const YAML11 = Symbol('yaml11-boolean');

/** The text a YAML 1.1 boolean was written as (`on`, `No`, ...), if the scalar is one. */
export function yaml11Source(node: unknown): string | undefined {
  return (node as { [YAML11]?: string } | null)?.[YAML11];
}

class Stop extends Error {
  constructor(readonly problem: ValueProblem) {
    super(problem.message);
  }
}

interface Built {
  value: unknown;
  /** Nodes of the value with aliases expanded. */
  cost: number;
  /** Depth of the value with aliases expanded. */
  depth: number;
}

interface Anchor {
  built?: Built;
  start: number;
}

export function buildValue(doc: Document.Parsed, text: string): BuiltValue {
  return new Builder(text, doc.range[0]).run(doc.contents as YamlNode | null);
}

class Builder {
  private nodes = 0;
  private expansion = 0;
  private readonly anchors = new Map<string, Anchor>();
  private readonly problems: ValueProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly docStart: number,
  ) {}

  run(root: YamlNode | null): BuiltValue {
    try {
      const built = root ? this.node(root) : { value: null, cost: 1, depth: 0 };
      return { value: built.value, nodes: this.nodes + this.expansion, problems: this.problems };
    } catch (err) {
      if (err instanceof Stop)
        return { value: undefined, nodes: this.nodes + this.expansion, problems: this.problems, stopped: err.problem };
      throw err;
    }
  }

  private error(node: { range?: readonly number[] | null } | null | undefined, message: string, covers = false): void {
    const start = node?.range?.[0] ?? this.docStart;
    const end = node?.range?.[1] ?? start + 1;
    this.problems.push({
      code: 'yaml-syntax',
      message,
      start,
      end: Math.max(end, start + 1),
      severity: 'error',
      ...(covers ? { covers } : {}),
    });
  }

  private stop(node: { range?: readonly number[] | null } | null | undefined, code: string, message: string): never {
    const start = node?.range?.[0] ?? this.docStart;
    const lineEnd = this.text.indexOf('\n', start);
    throw new Stop({
      code,
      message,
      start,
      end: Math.max(start + 1, Math.min(node?.range?.[1] ?? start + 1, lineEnd < 0 ? this.text.length : lineEnd)),
      severity: code === 'alias-limit' ? 'error' : 'warning',
    });
  }

  private count(node: YamlNode): void {
    if (++this.nodes + this.expansion > LIMITS.maxNodes) {
      this.stop(
        node,
        'too-many-nodes',
        `This document has more than ${LIMITS.maxNodes.toLocaleString('en-US')} values (aliases expanded); aml-yaml did not analyse it further.`,
      );
    }
  }

  private checkDepth(node: YamlNode, built: Built): Built {
    if (built.depth > LIMITS.maxDepth)
      this.stop(
        node,
        'too-deep',
        `This document nests deeper than ${LIMITS.maxDepth} levels (aliases expanded); aml-yaml did not analyse it further.`,
      );
    return built;
  }

  private node(node: YamlNode): Built {
    if (isAlias(node)) return this.alias(node);
    const anchor = (node as { anchor?: string }).anchor;
    let entry: Anchor | undefined;
    if (anchor) {
      const earlier = this.anchors.get(anchor);
      if (earlier)
        this.error(
          node,
          `The anchor &${anchor} is defined a second time in this document; PyYAML, which the Azure ML CLI uses, stops with "found duplicate anchor". Rename one of them.`,
        );
      entry = { start: node.range?.[0] ?? 0 };
      this.anchors.set(anchor, entry);
    }
    this.count(node);
    this.checkTag(node);
    let built: Built;
    if (isMap(node)) built = this.map(node.items as Pair[], node);
    else if (isSeq(node)) built = this.seq(node.items as unknown[]);
    else if (isScalar(node)) built = { value: this.scalar(node), cost: 1, depth: 0 };
    else built = { value: null, cost: 1, depth: 0 };
    this.checkDepth(node, built);
    if (entry) entry.built = built;
    return built;
  }

  private alias(node: YamlNode & { source: string }): Built {
    const entry = this.anchors.get(node.source);
    if (!entry) {
      this.error(
        node,
        `The alias *${node.source} has no anchor &${node.source} before it; PyYAML, which the Azure ML CLI uses, stops with "found undefined alias".`,
        true,
      );
      this.count(node);
      return { value: null, cost: 1, depth: 0 };
    }
    if (!entry.built) {
      this.error(
        node,
        `The alias *${node.source} is inside the node it refers to (a recursive structure), which an Azure ML spec cannot hold.`,
        true,
      );
      this.count(node);
      return { value: null, cost: 1, depth: 0 };
    }
    const cost = Math.max(1, entry.built.cost);
    this.expansion += cost;
    if (this.expansion > LIMITS.maxAliasExpansion) {
      this.stop(
        node,
        'alias-limit',
        `This document's aliases expand to more than ${LIMITS.maxAliasExpansion.toLocaleString('en-US')} values (an alias counts the size of what it stands for); aml-yaml stopped analysing it.`,
      );
    }
    if (this.nodes + this.expansion > LIMITS.maxNodes) {
      this.stop(
        node,
        'too-many-nodes',
        `This document has more than ${LIMITS.maxNodes.toLocaleString('en-US')} values (aliases expanded); aml-yaml did not analyse it further.`,
      );
    }
    return { value: entry.built.value, cost, depth: entry.built.depth };
  }

  private checkTag(node: YamlNode): void {
    const tag = (node as { tag?: string }).tag;
    if (tag && !SAFE_TAGS.has(tag))
      this.error(node, `PyYAML, which the Azure ML CLI uses, cannot read the tag ${tag} (safe_load has no constructor for it).`);
  }

  private scalar(node: Scalar): unknown {
    if (!node.tag && node.type === 'PLAIN' && typeof node.value === 'string') {
      const b = yaml11Boolean(node.value);
      if (b !== undefined) {
        (node as unknown as { [YAML11]: string })[YAML11] = node.value;
        node.value = b;
      }
    }
    return node.value;
  }

  private seq(items: unknown[]): Built {
    const out: unknown[] = new Array(items.length);
    let cost = 1;
    let depth = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      let b: Built;
      if (isPair(item)) b = this.map([item], item.key as YamlNode);
      else if (item) b = this.node(item as YamlNode);
      else b = { value: null, cost: 1, depth: 0 };
      out[i] = b.value;
      cost += b.cost;
      if (b.depth + 1 > depth) depth = b.depth + 1;
    }
    return { value: out, cost, depth };
  }

  private map(pairs: Pair[], owner: YamlNode | null): Built {
    if (pairs.length > LIMITS.maxKeysPerMap) {
      const first = pairs[LIMITS.maxKeysPerMap]?.key as YamlNode | null;
      this.stop(
        first ?? owner,
        'too-many-keys',
        `This mapping has ${pairs.length.toLocaleString('en-US')} keys, more than the ${LIMITS.maxKeysPerMap.toLocaleString('en-US')} aml-yaml analyses; it did not analyse the document further.`,
      );
    }
    let cost = 1;
    let depth = 0;
    // Children are built in document order (anchors must be defined before their aliases); merges apply first.
    const merges: Array<Record<string, unknown>> = [];
    const entries: Array<[string, unknown]> = [];
    const add = (b: Built) => {
      cost += b.cost;
      if (b.depth + 1 > depth) depth = b.depth + 1;
    };
    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      if (isMergeKey(keyNode)) {
        this.count(keyNode as YamlNode);
        const sources = this.mergeSources(valueNode, add);
        for (const source of sources) merges.push(source);
        continue;
      }
      const key = this.key(keyNode);
      const b = valueNode ? this.node(valueNode) : { value: null, cost: 1, depth: 0 };
      add(b);
      entries.push([key, b.value]);
    }
    const obj: Record<string, unknown> = {};
    for (const source of merges) for (const k of Object.keys(source)) assign(obj, k, source[k]);
    for (const [k, v] of entries) assign(obj, k, v);
    return { value: obj, cost, depth };
  }

  /** The mappings a `<<` value merges, in the order their keys apply (later ones win). */
  private mergeSources(valueNode: YamlNode | null, add: (b: Built) => void): Array<Record<string, unknown>> {
    const bad = (n: YamlNode | null) =>
      this.error(
        n,
        'A "<<" merge key takes a mapping, an alias of one, or a list of those; PyYAML, which the Azure ML CLI uses, stops at anything else.',
      );
    if (!valueNode) {
      bad(valueNode);
      return [];
    }
    if (isSeq(valueNode)) {
      this.count(valueNode);
      const list: Array<Record<string, unknown>> = [];
      for (const item of valueNode.items as YamlNode[]) {
        const b = item ? this.node(item) : undefined;
        if (b) add(b);
        if (b && isPlainObject(b.value)) list.push(b.value);
        else bad(item);
      }
      // PyYAML merges a list of mappings so that the first one listed wins.
      return list.reverse();
    }
    const b = this.node(valueNode);
    add(b);
    if (isPlainObject(b.value)) return [b.value];
    bad(valueNode);
    return [];
  }

  private key(node: YamlNode | null): string {
    if (!node) return '';
    if (isScalar(node)) {
      this.count(node);
      this.checkTag(node);
      return node.value === null || node.value === undefined ? '' : String(node.value);
    }
    if (isAlias(node)) {
      const b = this.alias(node as YamlNode & { source: string });
      if (b.value === null || typeof b.value !== 'object') return b.value === null ? '' : String(b.value);
    } else this.node(node);
    // A mapping or list as a key: PyYAML cannot hash it. Name it by its text for the rest of the analysis.
    this.error(node, 'A mapping or list used as a key: PyYAML, which the Azure ML CLI uses, cannot read it ("found unhashable key").');
    const r = node.range;
    return r ? this.text.slice(r[0], Math.min(r[1], r[0] + 200)).replace(/\s+/g, ' ') : '';
  }
}

function isMergeKey(node: YamlNode | null): boolean {
  return isScalar(node) && node.type === 'PLAIN' && !node.tag && node.value === '<<';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function assign(obj: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` and names of Object.prototype become own properties, never the prototype.
  if (key in obj) Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
