import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  keyText,
  LIMITS,
  type ParsedFile,
  type Pair,
  type YamlNode,
  type YamlPath,
  type YamlSection,
} from '../core/document';
import { localPath } from '../workspace/refs';
import { normalizeUri, resolveRelative } from '../workspace/uri';
import type { BindingSummary, Io, PortSummary } from '../workspace/bindingSummary';
import type { SpecSummary, WorkspaceView } from '../workspace/view';
export type { BindingSummary, Io, PortSummary } from '../workspace/bindingSummary';
import {
  mayHoldExpression,
  mayHoldSingleBrace,
  scanExpressions,
  scanSingleBraces,
  type Expression,
  type OptionalBlock,
  type Segment,
} from './expressions';

/**
 * The binding model of one Azure ML document: what each `${{ }}` expression
 * can see where it is written, and what it points at.
 *
 * - A job or component declares inputs and outputs; `${{inputs.x}}` in its
 *   command (and its other fields) names them.
 * - A pipeline (job, component, or a pipeline component written inline in a
 *   step) is a graph: inputs, outputs and steps. Inside a step,
 *   `${{parent.inputs.x}}`, `${{parent.outputs.y}}` and
 *   `${{parent.jobs.<step>.outputs.z}}` name the graph's parts, and
 *   `${{inputs.x}}` names the step's own interface: its component's (inline,
 *   a local file through the workspace index, or unknown for a registered
 *   one), or the inputs and outputs written on the step itself.
 * - A sweep job adds `${{search_space.p}}`.
 *
 * Pure over the parsed document; a workspace view, when given, supplies the
 * interfaces of local component files.
 */

/** A declared input or output: of a job, a component, a pipeline, or written on a step. */
export interface Port extends PortSummary {
  io: Io;
  uri: string;
  /** Offsets of the name, when declared in the analysed document. */
  start?: number;
  end?: number;
  /** A job input written as a literal (`lr: 0.01`): its value. */
  literal?: unknown;
  /** The value as written is empty (`x:`). */
  empty?: boolean;
}

/** Whose inputs and outputs an interface lists. */
export type InterfaceOrigin = 'job' | 'component' | 'pipeline' | 'step';

export interface Interface {
  origin: InterfaceOrigin;
  uri: string;
  inputs: Map<string, Port>;
  outputs: Map<string, Port>;
  /** Every input and output is known (false for steps whose component is registered or not indexed). */
  complete: boolean;
  /** Component facts for signatures: name, version, type, description. */
  name?: string;
  version?: string;
  type?: string;
  description?: string;
  /** Declared inputs are component ports (optional/default semantics), not job values. */
  declares: boolean;
}

export interface SearchParam {
  name: string;
  start: number;
  end: number;
  type?: string;
}

export type ComponentForm = 'inline' | 'file' | 'remote' | 'none';

/** What a `component:` value names: written inline, a local file (found through the workspace index), a registered component, or nothing. */
export interface ComponentRef {
  form: ComponentForm;
  text?: string;
  uri?: string;
  /** Offsets of the file path or registered name as written. */
  start?: number;
  end?: number;
  summary?: SpecSummary;
}

/**
 * The component a pipeline job runs instead of listing `jobs:`
 * (`component: ./pipeline.yml` or `component: azureml:name:1`).
 */
export interface RootComponent extends ComponentRef {
  /** The component's interface (a local file the index knows). */
  iface?: Interface;
  /** The kind of the local file's spec (a pipeline job can only run a pipelineComponent). */
  kind?: string;
  /** The inputs the component's steps bind (`${{parent.inputs.x}}` as a step input): the ones azure-ai-ml requires a value for. */
  reads?: Set<string>;
  /** Offsets of the `component` key. */
  keyStart: number;
  keyEnd: number;
}

export interface StepEntry {
  name: string;
  /** Offsets of the key. */
  start: number;
  end: number;
  path: YamlPath;
  node: YamlNode | null;
  value: unknown;
}

export interface Step {
  name: string;
  start: number;
  end: number;
  path: YamlPath;
  type: string;
  graph: Graph;
  node: YamlNode;
  /** The key naming the component (`component` or, for sweeps, `trial`). */
  componentKey?: 'component' | 'trial';
  component: ComponentRef;
  /** The step's own interface: its component's, or the inputs and outputs written on it. */
  iface?: Interface;
  /** `inputs:` and `outputs:` of the step as written. */
  inputs: Map<string, StepEntry>;
  outputs: Map<string, StepEntry>;
  /** `search_space:` keys of a sweep step (they set trial inputs). */
  searchSpace: Map<string, StepEntry>;
  /** A nested graph: a pipeline component written inline. */
  inner?: Graph;
}

export interface Graph {
  /** Path of the mapping holding inputs, outputs and jobs. */
  path: YamlPath;
  iface: Interface;
  steps: Map<string, Step>;
  parent?: Graph;
  /** A pipeline job that runs a pipeline component instead of listing steps. */
  component?: RootComponent;
}

export type Target =
  | {
      kind: 'port';
      owner: 'own' | 'graph' | 'step';
      io: Io;
      name: string;
      segment: Segment;
      iface?: Interface;
      port?: Port;
      step?: Step;
      graph?: Graph;
    }
  | { kind: 'step'; name: string; segment: Segment; step?: Step; graph: Graph }
  | { kind: 'search_space'; name: string; segment: Segment; param?: SearchParam }
  | { kind: 'runtime'; name: string; segment: Segment }
  /** A root the scope does not have (parent outside a pipeline step, search_space outside a sweep) or no known root. */
  | { kind: 'context'; segment: Segment; known: boolean }
  /** A wrong word after a known root: `parent.input.x`, `parent.jobs.a.output.z`. */
  | { kind: 'member'; segment: Segment; expected: string[]; what: string }
  /** A path that stops early (`${{parent.inputs}}`, `${{inputs.}}`) or is empty. */
  | { kind: 'incomplete' }
  | { kind: 'complex' };

/** Where an expression is written and what it can see. */
export interface Scope {
  /** `inputs.` / `outputs.` */
  own?: Interface;
  /** `parent.` */
  graph?: Graph;
  /** The step the expression belongs to. */
  step?: Step;
  /** `search_space.` */
  searchSpace?: Map<string, SearchParam>;
}

export interface Use {
  expr: Expression;
  /** Path of the scalar that holds the expression. */
  path: YamlPath;
  scope: Scope;
  /** In a command line (`command`, `args`, `program_arguments`): `$[[ ]]` rules apply. */
  command: boolean;
  /** The value of a step output (`jobs.<s>.outputs.<o>`), bound to a pipeline output. */
  stepOutput: boolean;
  target: Target;
}

/** A reference without the double braces of a binding, where Azure ML would not replace it. */
export interface SingleBrace {
  start: number;
  end: number;
  path: string;
  dollar: boolean;
  /** In a command line. */
  command: boolean;
}

/** Keys whose text is prose: a single-brace reference there is not meant as a binding. */
const PROSE_KEYS = new Set(['description', 'display_name', 'tags']);

export interface BindingModel {
  uri: string;
  kind: string;
  section: YamlSection;
  file: ParsedFile;
  /** The job or component interface at the root (jobs, components). */
  root?: Interface;
  /** Pipelines: the root graph (and nested graphs through steps). */
  graph?: Graph;
  searchSpace?: Map<string, SearchParam>;
  uses: Use[];
  blocks: OptionalBlock[];
  /** `${inputs.x}` and `{inputs.x}` written where a `${{ }}` binding was meant. */
  singleBraces: SingleBrace[];
  /** Every graph, outermost first. */
  graphs: Graph[];
}

const PIPELINE_KINDS = new Set(['pipelineJob', 'pipelineComponent']);
const JOB_KINDS = new Set(['commandJob', 'sweepJob', 'sparkJob']);
const COMPONENT_KINDS = new Set(['commandComponent', 'parallelComponent', 'sparkComponent']);
export const COMPONENT_SPEC_KINDS = new Set(['commandComponent', 'parallelComponent', 'sparkComponent', 'pipelineComponent']);
/** Kinds whose bindings are checked. */
export const BINDING_KINDS = new Set([...PIPELINE_KINDS, ...JOB_KINDS, ...COMPONENT_KINDS, 'schedule', 'pipelineComponentBatchDeployment']);
/** Values the service fills in (output paths): `${{name}}`, `${{output_name}}`, `${{default_datastore}}`. */
export const RUNTIME_NAMES = new Map([
  ['name', 'The name of the job (for a pipeline step, the step job), filled in by the service when the job runs.'],
  ['output_name', 'The name of the output whose path this is, filled in by the service.'],
  [
    'default_datastore',
    "The pipeline's default datastore (settings.default_datastore) or else the workspace's, filled in by the service when the job runs.",
  ],
]);
/** Keys whose value is a command line. */
const COMMAND_KEYS = new Set(['command', 'args', 'program_arguments']);
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'number', 'boolean']);
export const isPrimitiveType = (t: string | undefined) => !!t && PRIMITIVE_TYPES.has(t.toLowerCase());

// ---------------------------------------------------------------------------
// Reading the YAML tree

function pairs(node: unknown): Pair[] {
  return isMap(node) ? (node.items as Pair[]) : [];
}

function child(node: unknown, key: string): YamlNode | null | undefined {
  for (const p of pairs(node)) if (keyText(p.key) === key) return p.value as YamlNode | null;
  return undefined;
}

function childPair(node: unknown, key: string): Pair | undefined {
  return pairs(node).find((p) => keyText(p.key) === key);
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** A node as plain data, to a bounded depth (what the checks read of a value is shallow). */
function plain(node: unknown, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (isScalar(node)) return node.value;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const p of pairs(node)) {
      const k = keyText(p.key);
      if (k !== undefined) out[k] = plain(p.value, depth + 1);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((x) => plain(x, depth + 1));
  return undefined;
}

/** Offsets of a key's name, without quotes. */
export function keyOffsets(file: ParsedFile, key: YamlNode): [number, number] {
  const r = key.range!;
  const first = file.text[r[0]];
  if ((first === '"' || first === "'") && r[1] - r[0] >= 2 && file.text[r[1] - 1] === first) return [r[0] + 1, r[1] - 1];
  return [r[0], r[1]];
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** The declared inputs or outputs of a mapping (`inputs:` of a job, component or pipeline). */
function readPorts(file: ParsedFile, uri: string, owner: unknown, io: Io, declares: boolean): Map<string, Port> {
  const out = new Map<string, Port>();
  const map = child(owner, io);
  for (const p of pairs(map)) {
    const key = p.key as YamlNode | null;
    const name = keyText(key);
    if (name === undefined || !key?.range) continue;
    const [start, end] = keyOffsets(file, key);
    const port: Port = { io, name, uri, range: file.lines.range(start, end), start, end };
    const v = p.value as YamlNode | null;
    if (isMap(v)) {
      const d = plain(v) as Record<string, unknown>;
      if (typeof d.type === 'string') port.type = d.type;
      if (d.optional === true || d.optional === 'true' || d.optional === 'True') port.optional = true;
      if ('default' in d && d.default !== null && d.default !== undefined) {
        port.hasDefault = true;
        port.defaultValue = d.default;
      }
      if (typeof d.description === 'string') port.description = d.description;
      if (typeof d.mode === 'string') port.mode = d.mode;
      if (Array.isArray(d.enum)) port.enum = d.enum;
      const min = toNumber(d.min);
      const max = toNumber(d.max);
      if (min !== undefined) port.min = min;
      if (max !== undefined) port.max = max;
      if (!declares && 'value' in d) port.literal = d.value;
    } else if (isScalar(v) && v.value !== null && v.value !== undefined && v.value !== '') {
      // A job input given as a literal value: `lr: 0.01`, `data: azureml:iris:1`, `x: ${{parent.inputs.y}}`.
      port.literal = v.value;
      if (!declares) port.type = literalType(v.value);
    } else port.empty = true;
    out.set(name, port);
  }
  return out;
}

/** The type a literal job input has. */
export function literalType(v: unknown): string | undefined {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string') {
    if (v.includes('${{')) return undefined;
    if (/^azureml:|^(https?|wasbs?|abfss?|adl|azureml):\/\//i.test(v)) return undefined;
    return 'string';
  }
  return undefined;
}

function interfaceOf(file: ParsedFile, uri: string, owner: unknown, origin: InterfaceOrigin, declares: boolean): Interface {
  const d: Record<string, unknown> = {};
  for (const k of ['name', 'version', 'type', 'description', 'display_name']) {
    const v = child(owner, k);
    if (isScalar(v)) d[k] = v.value;
  }
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return {
    origin,
    uri,
    inputs: readPorts(file, uri, owner, 'inputs', declares),
    outputs: readPorts(file, uri, owner, 'outputs', declares),
    complete: true,
    name: str(d.name),
    version: str(d.version),
    type: str(d.type),
    description: str(d.description) ?? str(d.display_name),
    declares,
  };
}

function entries(file: ParsedFile, node: unknown, path: YamlPath): Map<string, StepEntry> {
  const out = new Map<string, StepEntry>();
  for (const p of pairs(node)) {
    const key = p.key as YamlNode | null;
    const name = keyText(key);
    if (name === undefined || !key?.range) continue;
    const [start, end] = keyOffsets(file, key);
    const v = p.value as YamlNode | null;
    out.set(name, { name, start, end, path: [...path, name], node: v, value: plain(v) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Component interfaces from the workspace index

/** The bindings summary the index keeps for a spec (undefined without one). */
export function summaryOf(spec: SpecSummary | undefined): BindingSummary | undefined {
  return (spec as (SpecSummary & { bindings?: BindingSummary }) | undefined)?.bindings;
}

/** The component spec of a local file, from the workspace view. */
export function componentSpecAt(view: WorkspaceView | undefined, uri: string): SpecSummary | undefined {
  if (!view) return undefined;
  const key = normalizeUri(uri);
  const inFile = view.specsIn ? view.specsIn(key) : view.specs().filter((s) => normalizeUri(s.uri) === key);
  return inFile.find((s) => COMPONENT_SPEC_KINDS.has(s.kind)) ?? undefined;
}

function interfaceFromSummary(spec: SpecSummary, summary: BindingSummary): Interface {
  const ports = (io: Io, list: PortSummary[]) => new Map(list.map((p) => [p.name, { io, uri: spec.uri, ...p } satisfies Port]));
  return {
    origin: 'component',
    uri: spec.uri,
    inputs: ports('inputs', summary.inputs),
    outputs: ports('outputs', summary.outputs),
    complete: true,
    name: summary.name ?? spec.name,
    version: summary.version ?? spec.version,
    type: summary.type,
    description: summary.description,
    declares: true,
  };
}

/** A `component:` value that names a local file (as collectReferences reads it). */
export function localComponentPath(value: string): string | undefined {
  const rel = localPath(value);
  if (!rel) return undefined;
  if (!/\.ya?ml$/i.test(rel) && !/^\.\.?[\\/]/.test(rel) && !value.trim().startsWith('file:')) return undefined;
  return rel;
}

// ---------------------------------------------------------------------------
// Building the model

export interface BuildOptions {
  view?: WorkspaceView;
  /**
   * Any model of this parse will do: the caller reads only what does not
   * depend on other files (the index's summary: declarations, uses at the
   * document's own interface, step entries as written).
   */
  ownFactsOnly?: boolean;
}

/** A component file a model read through the view, and the spec it found (undefined: none). */
interface Dependency {
  uri: string;
  spec: SpecSummary | undefined;
}

interface Cached {
  key: string;
  model: BindingModel;
  deps: Dependency[];
}

const cache = new WeakMap<YamlSection, Cached>();

/**
 * The binding model of one document, built once per parse and kept with it.
 * A model that read local component files through the workspace view
 * records which spec each gave; it is served again only while the view
 * (any view, or none) gives the very same specs, so an edited, added or
 * removed component file builds it again.
 */
export function bindingModel(section: YamlSection, kind: string, file: ParsedFile, uri: string, options: BuildOptions = {}): BindingModel {
  const key = `${kind}\u0000${uri}`;
  const hit = cache.get(section);
  if (hit && hit.key === key && hit.model.file === file && (options.ownFactsOnly || current(hit.deps, options.view))) return hit.model;
  const deps: Dependency[] = [];
  const model = build(section, kind, file, uri, options, deps);
  cache.set(section, { key, model, deps });
  return model;
}

function current(deps: Dependency[], view: WorkspaceView | undefined): boolean {
  return deps.every((d) => componentSpecAt(view, d.uri) === d.spec);
}

/** How many models were built since the process started (for tests and benches counting work per edit). */
export function bindingModelBuilds(): number {
  return builds;
}
let builds = 0;

function build(section: YamlSection, kind: string, file: ParsedFile, uri: string, options: BuildOptions, deps: Dependency[]): BindingModel {
  builds++;
  const model: BindingModel = { uri, kind, section, file, uses: [], blocks: [], singleBraces: [], graphs: [] };
  const root = section.doc.contents as YamlNode | null;
  if (!isMap(root)) return model;
  const b = new Builder(model, options, deps);
  b.spec(root, [], kind);
  return model;
}

class Builder {
  private readonly file: ParsedFile;
  private readonly uri: string;
  private visited = 0;

  constructor(
    private readonly model: BindingModel,
    private readonly options: BuildOptions,
    private readonly deps: Dependency[],
  ) {
    this.file = model.file;
    this.uri = model.uri;
  }

  /** A job or component at path, of a kind (root) or a type (nested). */
  spec(node: YamlNode, path: YamlPath, kind: string): void {
    if (PIPELINE_KINDS.has(kind)) {
      const graph = this.graph(node, path, undefined, kind === 'pipelineComponent');
      if (kind === 'pipelineJob') this.rootComponent(graph, node);
      if (!path.length) this.model.graph = graph;
      this.walkGraph(graph, node, path);
      return;
    }
    if (JOB_KINDS.has(kind) || COMPONENT_KINDS.has(kind)) {
      const declares = COMPONENT_KINDS.has(kind);
      const iface = interfaceOf(this.file, this.uri, node, declares ? 'component' : 'job', declares);
      let searchSpace: Map<string, SearchParam> | undefined;
      if (kind === 'sweepJob') searchSpace = this.searchSpace(child(node, 'search_space'));
      if (!path.length) {
        this.model.root = iface;
        this.model.searchSpace = searchSpace;
      }
      this.walk(node, path, { own: iface, searchSpace });
      return;
    }
    if (kind === 'schedule') {
      const job = child(node, 'create_job');
      if (isMap(job)) {
        const t = scalarString(child(job, 'type'))?.toLowerCase();
        const nested =
          t === 'pipeline'
            ? 'pipelineJob'
            : t === 'command'
              ? 'commandJob'
              : t === 'sweep'
                ? 'sweepJob'
                : t === 'spark'
                  ? 'sparkJob'
                  : undefined;
        if (nested) this.spec(job, [...path, 'create_job'], nested);
      }
      this.walkOthers(node, path, ['create_job'], {});
      return;
    }
    if (kind === 'pipelineComponentBatchDeployment') {
      const comp = child(node, 'component');
      if (isMap(comp)) this.spec(comp, [...path, 'component'], 'pipelineComponent');
      this.walkOthers(node, path, ['component'], {});
      return;
    }
    this.walk(node, path, {});
  }

  private searchSpace(node: unknown): Map<string, SearchParam> {
    const out = new Map<string, SearchParam>();
    for (const p of pairs(node)) {
      const key = p.key as YamlNode | null;
      const name = keyText(key);
      if (name === undefined || !key?.range) continue;
      const [start, end] = keyOffsets(this.file, key);
      out.set(name, { name, start, end, type: scalarString(child(p.value, 'type')) });
    }
    return out;
  }

  private graph(node: YamlNode, path: YamlPath, parent: Graph | undefined, component: boolean): Graph {
    const iface = interfaceOf(this.file, this.uri, node, 'pipeline', component);
    const graph: Graph = { path, iface, steps: new Map(), parent };
    this.model.graphs.push(graph);
    const jobs = child(node, 'jobs');
    for (const p of pairs(jobs)) {
      const key = p.key as YamlNode | null;
      const name = keyText(key);
      const value = p.value as YamlNode | null;
      if (name === undefined || !key?.range) continue;
      const [start, end] = keyOffsets(this.file, key);
      const stepPath = [...path, 'jobs', name];
      const step: Step = {
        name,
        start,
        end,
        path: stepPath,
        type: (scalarString(child(value, 'type')) ?? 'command').toLowerCase(),
        graph,
        node: value as YamlNode,
        component: { form: 'none' },
        inputs: entries(this.file, child(value, 'inputs'), [...stepPath, 'inputs']),
        outputs: entries(this.file, child(value, 'outputs'), [...stepPath, 'outputs']),
        searchSpace: entries(this.file, child(value, 'search_space'), [...stepPath, 'search_space']),
      };
      if (isMap(value)) this.stepInterface(step, value);
      graph.steps.set(name, step);
    }
    return graph;
  }

  /** The interface a step runs against: its component's, or what is written on it. */
  private stepInterface(step: Step, node: YamlNode): void {
    const componentKey = childPair(node, 'component')
      ? 'component'
      : step.type === 'sweep' && childPair(node, 'trial')
        ? 'trial'
        : undefined;
    const comp = componentKey ? child(node, componentKey) : undefined;
    step.componentKey = componentKey;
    if (isMap(comp)) {
      step.component = { form: 'inline' };
      const ctype = scalarString(child(comp, 'type'))?.toLowerCase();
      step.iface = interfaceOf(this.file, this.uri, comp, 'component', true);
      if (ctype === 'pipeline' || child(comp, 'jobs') !== undefined) {
        step.inner = this.graph(comp, [...step.path, componentKey!], step.graph, true);
        step.iface = step.inner.iface;
      }
      return;
    }
    if (isScalar(comp)) {
      const ref = this.componentRef(comp as YamlNode);
      if (ref) {
        step.component = ref.ref;
        if (ref.iface) step.iface = ref.iface;
        return;
      }
    }
    if (comp !== undefined) return; // `component:` of another shape: nothing known
    // No component: the step is a job written inline; what it lists is its interface.
    const complete = step.type === 'command' || step.type === 'parallel' || step.type === 'spark';
    const iface = interfaceOf(this.file, this.uri, node, 'step', false);
    iface.complete = complete;
    step.iface = iface;
  }

  /** What a string `component:` names, and the interface of a local component file the index knows. */
  private componentRef(comp: YamlNode): { ref: ComponentRef; iface?: Interface } | undefined {
    const text = scalarString(comp);
    if (text === undefined || !isScalar(comp) || !comp.range) return undefined;
    const quoted = comp.type === 'QUOTE_DOUBLE' || comp.type === 'QUOTE_SINGLE';
    const start = comp.range[0] + (quoted ? 1 : 0);
    const rel = localComponentPath(text);
    if (!rel) return { ref: { form: 'remote', text, start, end: start + text.length } };
    const target = resolveRelative(this.uri, rel);
    const offset = Math.max(0, text.indexOf(rel));
    const ref: ComponentRef = { form: 'file', text, uri: target, start: start + offset, end: start + offset + rel.length };
    const spec = target ? componentSpecAt(this.options.view, target) : undefined;
    if (target) this.deps.push({ uri: target, spec });
    const summary = summaryOf(spec);
    if (!spec || !summary) return { ref };
    ref.summary = spec;
    return { ref, iface: interfaceFromSummary(spec, summary) };
  }

  /** A pipeline job with `component:` (a string) runs that component with its own inputs and outputs. */
  private rootComponent(graph: Graph, node: YamlNode): void {
    const pair = childPair(node, 'component');
    const key = pair?.key as YamlNode | null | undefined;
    const comp = pair?.value as YamlNode | null | undefined;
    if (!key?.range || !isScalar(comp)) return;
    const hit = this.componentRef(comp);
    if (!hit) return;
    const [keyStart, keyEnd] = keyOffsets(this.file, key);
    const root: RootComponent = { ...hit.ref, keyStart, keyEnd };
    if (hit.iface && hit.ref.summary) {
      root.iface = hit.iface;
      root.kind = hit.ref.summary.kind;
      root.reads = new Set(summaryOf(hit.ref.summary)?.parentInputReads ?? []);
    }
    graph.component = root;
  }

  private walkGraph(graph: Graph, node: YamlNode, path: YamlPath): void {
    for (const p of pairs(node)) {
      const k = keyText(p.key);
      if (k === undefined) continue;
      const v = p.value as YamlNode | null;
      if (k === 'jobs') {
        for (const sp of pairs(v)) {
          const name = keyText(sp.key);
          const step = name !== undefined ? graph.steps.get(name) : undefined;
          if (step && isMap(sp.value)) this.walkStep(step, sp.value as YamlNode);
        }
        continue;
      }
      // Pipeline-level fields (inputs, outputs, settings): output paths hold service values; `parent.` reads the pipeline itself.
      this.walk(v, [...path, k], { graph });
    }
  }

  private walkStep(step: Step, node: YamlNode): void {
    const scope: Scope = { graph: step.graph, step, own: step.iface };
    for (const p of pairs(node)) {
      const k = keyText(p.key);
      if (k === undefined) continue;
      const v = p.value as YamlNode | null;
      const path = [...step.path, k];
      if ((k === 'component' || k === 'trial') && k === step.componentKey && isMap(v)) {
        if (step.inner) this.walkGraph(step.inner, v as YamlNode, path);
        else this.walk(v, path, { own: step.iface });
        continue;
      }
      if (k === 'outputs') {
        for (const op of pairs(v)) {
          const ok = keyText(op.key);
          if (ok === undefined) continue;
          this.walk(op.value, [...path, ok], scope, { stepOutput: true });
        }
        continue;
      }
      this.walk(v, path, scope);
    }
  }

  /** Walks every key but the skipped ones. */
  private walkOthers(node: YamlNode, path: YamlPath, skip: string[], scope: Scope): void {
    for (const p of pairs(node)) {
      const k = keyText(p.key);
      if (k === undefined || skip.includes(k)) continue;
      this.walk(p.value, [...path, k], scope);
    }
  }

  /** Every scalar under node: its expressions, resolved in scope. */
  private walk(node: unknown, path: YamlPath, scope: Scope, flags: { stepOutput?: boolean } = {}): void {
    // Paths are linked frames, made into arrays only for scalars that hold an expression.
    interface Frame {
      node: unknown;
      key: string | number | undefined;
      parent: Frame | undefined;
      depth: number;
    }
    const pathOf = (f: Frame): YamlPath => {
      const out: YamlPath = [];
      for (let x: Frame | undefined = f; x && x.key !== undefined; x = x.parent) out.push(x.key);
      return [...path, ...out.reverse()];
    };
    const stack: Frame[] = [{ node, key: undefined, parent: undefined, depth: path.length }];
    while (stack.length) {
      if (++this.visited > 200_000) return;
      const f = stack.pop()!;
      const n = f.node;
      if (!n || isAlias(n) || f.depth > LIMITS.maxDepth) continue;
      if (isMap(n)) {
        const items = n.items as Pair[];
        for (let i = items.length - 1; i >= 0; i--) {
          const k = keyText(items[i].key);
          if (k !== undefined) stack.push({ node: items[i].value, key: k, parent: f, depth: f.depth + 1 });
        }
      } else if (isSeq(n)) {
        for (let i = n.items.length - 1; i >= 0; i--) stack.push({ node: n.items[i], key: i, parent: f, depth: f.depth + 1 });
      } else if (isScalar(n) && typeof n.value === 'string' && n.range) {
        if (mayHoldExpression(n.value)) this.scalar(n as YamlNode, pathOf(f), scope, flags);
        if (mayHoldSingleBrace(n.value)) this.singleBraces(n as YamlNode, pathOf(f));
      }
    }
  }

  private singleBraces(node: YamlNode, path: YamlPath): void {
    if (path.some((s) => typeof s === 'string' && PROSE_KEYS.has(s))) return;
    const command = isCommandPath(path);
    for (const ref of scanSingleBraces(this.file.text, node.range![0], node.range![1])) {
      // `{inputs.x}` outside a command line is too likely meant as text.
      if (ref.dollar || command) this.model.singleBraces.push({ ...ref, command });
    }
  }

  private scalar(node: YamlNode, path: YamlPath, scope: Scope, flags: { stepOutput?: boolean }): void {
    const [from, to] = [node.range![0], node.range![1]];
    const scan = scanExpressions(this.file.text, from, to);
    this.model.blocks.push(...scan.blocks);
    const last = path[path.length - 1];
    const command = typeof last === 'string' && COMMAND_KEYS.has(last);
    for (const expr of scan.expressions) {
      const target = resolve(expr, scope);
      this.model.uses.push({ expr, path, scope, command, stepOutput: !!flags.stepOutput && path.length === scopeDepth(scope) + 2, target });
    }
  }
}

/** Depth of `jobs.<step>.outputs` for a step scope (the output's own path is two deeper than the step's). */
function scopeDepth(scope: Scope): number {
  return scope.step ? scope.step.path.length : -10;
}

// ---------------------------------------------------------------------------
// Resolution

/** Finds the port a name (possibly dotted, for group inputs) names: the longest declared prefix. */
function findPort(ports: Map<string, Port>, segs: Segment[]): { port?: Port; name: string; segment: Segment } {
  for (let n = segs.length; n >= 1; n--) {
    const name = segs
      .slice(0, n)
      .map((s) => s.text)
      .join('.');
    const port = ports.get(name);
    if (port) return { port, name, segment: n === 1 ? segs[0] : { text: name, start: segs[0].start, end: segs[n - 1].end } };
  }
  return { name: segs[0].text, segment: segs[0] };
}

export function resolve(expr: Expression, scope: Scope): Target {
  if (expr.complex) return { kind: 'complex' };
  const segs = expr.segments;
  if (!segs.length || segs.some((s) => !s.text)) return { kind: 'incomplete' };
  const root = segs[0];
  switch (root.text) {
    case 'inputs':
    case 'outputs': {
      if (!scope.own) return { kind: 'context', segment: root, known: true };
      if (segs.length < 2) return { kind: 'incomplete' };
      const io = root.text;
      const hit = findPort(scope.own[io], segs.slice(1));
      return { kind: 'port', owner: 'own', io, name: hit.name, segment: hit.segment, iface: scope.own, port: hit.port, step: scope.step };
    }
    case 'parent': {
      const graph = scope.graph;
      if (!graph) return { kind: 'context', segment: root, known: true };
      if (segs.length < 2) return { kind: 'incomplete' };
      const member = segs[1];
      if (member.text === 'inputs' || member.text === 'outputs') {
        if (segs.length < 3) return { kind: 'incomplete' };
        const hit = findPort(graph.iface[member.text], segs.slice(2));
        return {
          kind: 'port',
          owner: 'graph',
          io: member.text,
          name: hit.name,
          segment: hit.segment,
          iface: graph.iface,
          port: hit.port,
          graph,
        };
      }
      if (member.text === 'jobs') {
        if (segs.length < 3) return { kind: 'incomplete' };
        const name = segs[2];
        const step = graph.steps.get(name.text);
        if (segs.length === 3 || !step) return { kind: 'step', name: name.text, segment: name, step, graph };
        const io = segs[3];
        if (io.text !== 'inputs' && io.text !== 'outputs')
          return { kind: 'member', segment: io, expected: ['outputs', 'inputs'], what: `a member of step "${name.text}"` };
        if (segs.length < 5) return { kind: 'incomplete' };
        const ports = stepPorts(step, io.text);
        const hit = findPort(ports.ports, segs.slice(4));
        return {
          kind: 'port',
          owner: 'step',
          io: io.text,
          name: hit.name,
          segment: hit.segment,
          iface: step.iface,
          port: hit.port,
          step,
          graph,
        };
      }
      return { kind: 'member', segment: member, expected: ['inputs', 'outputs', 'jobs'], what: 'a member of parent' };
    }
    case 'search_space': {
      if (!scope.searchSpace) return { kind: 'context', segment: root, known: true };
      if (segs.length < 2) return { kind: 'incomplete' };
      const name = segs[1];
      return { kind: 'search_space', name: name.text, segment: name, param: scope.searchSpace.get(name.text) };
    }
    default:
      if (segs.length === 1 && RUNTIME_NAMES.has(root.text)) return { kind: 'runtime', name: root.text, segment: root };
      return { kind: 'context', segment: root, known: false };
  }
}

/**
 * The inputs or outputs of a step as other steps see them: its component's
 * (complete when the component is known), else those written on the step.
 */
export function stepPorts(step: Step, io: Io): { ports: Map<string, Port>; complete: boolean } {
  if (step.iface) {
    const ports = new Map(step.iface[io]);
    // A step can only set what its component declares, but an unknown component's ports are what the step writes.
    if (!step.iface.complete) for (const [name, e] of step[io]) if (!ports.has(name)) ports.set(name, portOfEntry(step, e, io));
    return { ports, complete: step.iface.complete };
  }
  const ports = new Map<string, Port>();
  for (const [name, e] of step[io]) ports.set(name, portOfEntry(step, e, io));
  return { ports, complete: false };
}

function portOfEntry(step: Step, e: StepEntry, io: Io): Port {
  const v = e.value as Record<string, unknown> | undefined;
  return {
    io,
    name: e.name,
    uri: step.iface?.uri ?? '',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    start: e.start,
    end: e.end,
    type: v && typeof v === 'object' && typeof v.type === 'string' ? v.type : undefined,
  };
}

/**
 * The scope of a value at a YAML path (for completion while typing, when the
 * expression under the cursor may not have been read yet).
 */
export function scopeAt(model: BindingModel, path: YamlPath): Scope {
  let best: Scope = model.root ? { own: model.root, searchSpace: model.searchSpace } : {};
  const under = (prefix: YamlPath) => prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
  for (const graph of model.graphs) {
    if (!under(graph.path)) continue;
    best = { graph };
    for (const step of graph.steps.values()) {
      if (!under(step.path)) continue;
      best = { graph, step, own: step.iface };
      if (step.componentKey && under([...step.path, step.componentKey]) && !step.inner) best = { own: step.iface };
    }
  }
  return best;
}

const byStep = new WeakMap<BindingModel, Map<Step, Use[]>>();

/** The uses written in a step (its inputs, outputs, command and other fields), in document order. */
export function usesOfStep(model: BindingModel, step: Step): Use[] {
  let m = byStep.get(model);
  if (!m) {
    m = new Map();
    for (const u of model.uses) {
      if (!u.scope.step) continue;
      const list = m.get(u.scope.step);
      if (list) list.push(u);
      else m.set(u.scope.step, [u]);
    }
    byStep.set(model, m);
  }
  return m.get(step) ?? [];
}

/** Whether a value at this path is a command line. */
export function isCommandPath(path: YamlPath): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && COMMAND_KEYS.has(last);
}

/** Whether an expression lies inside a `$[[ ]]` block (the legacy `[ ]` does not count). */
export function inOptionalBlock(expr: Expression): boolean {
  return !!expr.optional && !expr.optional.legacy;
}

export type { Expression, Segment, OptionalBlock };
