import { isScalar, nodeAtOffset, nodeAtPath, sectionAt, type YamlSection } from '../core/document';
import { cursorContext } from '../core/context';
import {
  CompletionItemKind,
  SymbolKind,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type Range,
  type Severity,
  type TextEdit,
  type WorkspaceEdit,
} from '../core/types';
import { bindingProblems, PORT_NAME, STEP_NAME } from '../bindings/checks';
import {
  bindingModel,
  BINDING_KINDS,
  COMPONENT_SPEC_KINDS,
  componentSpecAt,
  isCommandPath,
  RUNTIME_NAMES,
  scopeAt,
  stepPorts,
  summaryOf,
  type BindingModel,
  type Graph,
  type Interface,
  type Io,
  type Port,
  type RootComponent,
  type Scope,
  type Step,
  type Target,
  type Use,
  usesOfStep,
} from '../bindings/model';
import type { Analysis, ServiceContext } from './analysis';
import { normalizeUri, relativePath } from '../workspace/uri';
import type { FixEntry } from './analysis';

/**
 * The binding features over an analysed document: diagnostics, completion
 * inside `${{ }}`, hovers, definition, references, rename and the outline of
 * pipeline steps. The logic lives in `server/src/bindings/`; this module
 * reads the analysis and the workspace view for it.
 */

/** Models per analysis; bindingModel keeps them with the parse and builds again only when a component file it read changed. */
const models = new WeakMap<Analysis, Map<YamlSection, BindingModel>>();

function modelOf(service: ServiceContext, analysis: Analysis, section: YamlSection, kind: string): BindingModel {
  let m = models.get(analysis);
  if (!m) models.set(analysis, (m = new Map()));
  let model = m.get(section);
  if (!model || model.kind !== kind) {
    model = bindingModel(section, kind, analysis.file, analysis.uri, { view: service.workspaceView });
    m.set(section, model);
  }
  return model;
}

/** The model of the document under an offset (undefined outside Azure ML documents with bindings). */
function modelAt(service: ServiceContext, analysis: Analysis, offset: number): BindingModel | undefined {
  const section = sectionAt(analysis.file, offset);
  const detection = analysis.docs.find((d) => d.section === section)?.detection;
  if (!section || !detection || !BINDING_KINDS.has(detection.kind)) return undefined;
  return modelOf(service, analysis, section, detection.kind);
}

// ---------------------------------------------------------------------------
// Diagnostics

export interface BindingRaw {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: FixEntry[];
  fromRule?: boolean;
}

/** A failure here never takes the other features' answers with it: it is logged like a rule's. */
function safely<T>(analysis: Analysis, what: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    analysis.ruleFailures.push({ rule: `bindings/${what}`, error: (err as Error)?.stack ?? String(err) });
    return fallback;
  }
}

export function bindingDiagnostics(service: ServiceContext, analysis: Analysis, section: YamlSection, kind: string): BindingRaw[] {
  if (!BINDING_KINDS.has(kind)) return [];
  return safely(analysis, 'diagnostics', [], () => problemsOf(service, analysis, section, kind));
}

function problemsOf(service: ServiceContext, analysis: Analysis, section: YamlSection, kind: string): BindingRaw[] {
  const model = modelOf(service, analysis, section, kind);
  return bindingProblems(model).map((p) => ({
    code: p.code,
    severity: p.severity,
    message: p.message,
    start: p.start,
    end: p.end,
    fixes: p.fixes?.map((f) => ({ title: f.title, edits: f.edits, isPreferred: f.isPreferred, code: p.code })),
    fromRule: p.overridesSchema,
  }));
}

// ---------------------------------------------------------------------------
// Completion inside ${{ }}

const TYPE_LABEL = (p: Port) =>
  [
    p.type ?? (p.literal !== undefined ? typeof p.literal : undefined) ?? 'any',
    p.optional ? 'optional' : undefined,
    p.hasDefault ? `default ${fmt(p.defaultValue)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');

function fmt(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 40 ? s.slice(0, 37) + '...' : s;
}

/** The open expression before the cursor on its line: `${{parent.jo|`. */
function openExpression(text: string, offset: number, lineStart: number): { start: number; typed: string; closed: boolean } | undefined {
  const before = text.slice(lineStart, offset);
  const at = before.lastIndexOf('${{');
  if (at < 0 || inComment(before.slice(0, at))) return undefined;
  const typedRaw = before.slice(at + 3);
  if (typedRaw.includes('}}')) return undefined;
  const typed = typedRaw.replace(/^\s+/, '');
  if (!/^[A-Za-z0-9_.-]*$/.test(typed)) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  const close = rest.indexOf('}}');
  const nextOpen = rest.indexOf('${{');
  return { start: lineStart + at, typed, closed: close >= 0 && (nextOpen < 0 || close < nextOpen) };
}

/** Whether a comment has started in this text of a line (a `#` at its start or after a space, outside quotes). */
function inComment(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return true;
  }
  return false;
}

export function bindingCompletion(service: ServiceContext, analysis: Analysis, position: Position): CompletionList | undefined {
  return safely(analysis, 'completion', undefined, () => bindingCompletionUnsafe(service, analysis, position));
}

function bindingCompletionUnsafe(service: ServiceContext, analysis: Analysis, position: Position): CompletionList | undefined {
  const { file } = analysis;
  const offset = file.lines.offsetAt(position);
  const open = openExpression(file.text, offset, file.lines.lineStart(position.line));
  if (!open) return undefined;
  const model = modelAt(service, analysis, offset);
  if (!model) return undefined;
  // The scope: from the expression already read, else from the YAML path at the cursor.
  const use = model.uses.find((u) => u.expr.start === open.start);
  let scope: Scope;
  let path = use?.path;
  if (use) scope = use.scope;
  else {
    const hit = nodeAtOffset(model.section, offset);
    path = hit && !hit.onKey ? hit.path : cursorContext(file, offset)?.path;
    scope = path ? scopeAt(model, path) : scopeAt(model, []);
  }
  const segs = open.typed.split('.');
  const partial = segs.pop()!;
  const replaceStart = offset - partial.length;
  let replaceEnd = offset;
  while (replaceEnd < file.text.length && /[A-Za-z0-9_-]/.test(file.text[replaceEnd])) replaceEnd++;
  const range = file.lines.range(replaceStart, replaceEnd);
  const suffix = open.closed ? '' : '}}';
  const items: CompletionItem[] = [];
  const add = (label: string, kind: CompletionItemKind, detail: string, doc?: string, container = false, sort = '1') => {
    items.push({
      label,
      kind,
      detail,
      documentation: doc ? { kind: 'markdown', value: doc } : undefined,
      textEdit: { range, newText: container ? `${label}.` : label + suffix },
      sortText: `${sort}_${label}`,
      command: container ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    });
  };
  const ports = (list: Map<string, Port>, owner: string) => {
    for (const p of list.values())
      add(p.name, CompletionItemKind.Variable, `${TYPE_LABEL(p)}`, portDoc(p, owner, analysis.uri), false, p.optional ? '2' : '1');
  };
  const path0 = segs.join('.');
  const commandLine = path ? isCommandPath(path) : false;
  if (!segs.length) {
    if (scope.own) {
      add('inputs', CompletionItemKind.Keyword, `inputs of ${ownerText(scope.own, scope.step)}`, undefined, true, '0');
      add('outputs', CompletionItemKind.Keyword, `outputs of ${ownerText(scope.own, scope.step)}`, undefined, true, '0');
    }
    if (scope.graph) add('parent', CompletionItemKind.Keyword, 'the pipeline: its inputs, outputs and steps', undefined, true, '0');
    if (scope.searchSpace) add('search_space', CompletionItemKind.Keyword, 'the sweep parameters', undefined, true, '0');
    if (!commandLine)
      for (const [name, doc] of RUNTIME_NAMES) add(name, CompletionItemKind.Value, 'filled in by the service', doc, false, '3');
  } else if (path0 === 'inputs' || path0 === 'outputs') {
    if (scope.own) ports(scope.own[path0], ownerText(scope.own, scope.step));
  } else if (path0 === 'parent' && scope.graph) {
    add('inputs', CompletionItemKind.Keyword, 'inputs of the pipeline', undefined, true, '0');
    add('outputs', CompletionItemKind.Keyword, 'outputs of the pipeline', undefined, true, '0');
    add('jobs', CompletionItemKind.Keyword, 'the steps of the pipeline', undefined, true, '0');
  } else if ((path0 === 'parent.inputs' || path0 === 'parent.outputs') && scope.graph) {
    ports(scope.graph.iface[path0 === 'parent.inputs' ? 'inputs' : 'outputs'], 'the pipeline');
  } else if (path0 === 'parent.jobs' && scope.graph) {
    for (const step of scope.graph.steps.values()) {
      if (step === scope.step) continue;
      add(step.name, CompletionItemKind.Module, stepDetail(step), stepSignature(step, analysis.uri), true);
    }
  } else if (segs.length === 3 && segs[0] === 'parent' && segs[1] === 'jobs' && scope.graph?.steps.has(segs[2])) {
    add('outputs', CompletionItemKind.Keyword, `outputs of step ${segs[2]}`, undefined, true, '0');
    add('inputs', CompletionItemKind.Keyword, `inputs of step ${segs[2]}`, undefined, true, '1');
  } else if (
    segs.length === 4 &&
    segs[0] === 'parent' &&
    segs[1] === 'jobs' &&
    (segs[3] === 'outputs' || segs[3] === 'inputs') &&
    scope.graph?.steps.has(segs[2])
  ) {
    const step = scope.graph.steps.get(segs[2])!;
    ports(stepPorts(step, segs[3]).ports, `step ${step.name}`);
  } else if (path0 === 'search_space' && scope.searchSpace) {
    for (const p of scope.searchSpace.values())
      add(
        p.name,
        CompletionItemKind.Variable,
        p.type ?? 'parameter',
        `Search space parameter **${p.name}**${p.type ? ` · \`${p.type}\`` : ''}`,
      );
  }
  return { isIncomplete: false, items };
}

function ownerText(iface: Interface, step?: Step): string {
  if (step && iface.origin === 'step') return `step ${step.name}`;
  if (step) return `the component of step ${step.name}`;
  return iface.origin === 'job' ? 'the job' : iface.origin === 'pipeline' ? 'the pipeline' : 'the component';
}

function portDoc(p: Port, owner: string, from: string): string {
  const lines = [`**${p.name}** · ${p.io === 'inputs' ? 'input' : 'output'} of ${owner}${p.type ? ` · \`${p.type}\`` : ''}`];
  const facts: string[] = [];
  if (p.optional) facts.push('optional (use it inside `$[[ ]]` in a command)');
  if (p.hasDefault) facts.push(`default \`${fmt(p.defaultValue)}\``);
  if (p.mode) facts.push(`mode \`${p.mode}\``);
  if (p.enum?.length) facts.push(`one of ${p.enum.map((v) => `\`${fmt(v)}\``).join(', ')}`);
  if (p.min !== undefined || p.max !== undefined) facts.push(`range ${p.min ?? '…'} to ${p.max ?? '…'}`);
  if (p.literal !== undefined && typeof p.literal !== 'object') facts.push(`value \`${fmt(p.literal)}\``);
  if (facts.length) lines.push('', facts.join(' · '));
  if (p.description) lines.push('', p.description);
  if (p.uri && normalizeUri(p.uri) !== normalizeUri(from))
    lines.push('', `Declared in \`${relativePath(p.uri, from)}\` line ${p.range.start.line + 1}`);
  return lines.join('\n');
}

function stepDetail(step: Step): string {
  const comp =
    step.component.form === 'file' || step.component.form === 'remote'
      ? ` · ${step.component.text}`
      : step.component.form === 'inline'
        ? ' · inline component'
        : '';
  return `${step.type} step${comp}`;
}

function stepSignature(step: Step, from: string): string {
  const lines = [`**${step.name}** · ${stepDetail(step)}`];
  const iface = step.iface;
  if (step.component.form === 'file' && step.component.uri && !iface)
    lines.push(
      '',
      `The component file \`${relativePath(step.component.uri, from)}\` is not indexed (missing or not an Azure ML component).`,
    );
  if (step.component.form === 'remote') lines.push('', 'A registered component: its inputs and outputs are known to Azure ML only.');
  if (iface && (iface.name || iface.version))
    lines.push(
      '',
      `Component \`${iface.name ?? '?'}\`${iface.version ? ` version ${iface.version}` : ''}${iface.type ? ` (${iface.type})` : ''}`,
    );
  if (iface?.description) lines.push('', iface.description);
  if (iface) {
    lines.push(
      ...portLists(iface, (io, p) => {
        const given = io === 'inputs' ? (step.inputs.get(p.name) ?? step.searchSpace.get(p.name)) : step.outputs.get(p.name);
        return given && typeof given.value !== 'object'
          ? ` ← \`${fmt(given.value)}\``
          : given && step.searchSpace.has(p.name)
            ? ' ← search space'
            : '';
      }),
    );
    if (!iface.complete) lines.push('', '*Only what the step writes is known.*');
  }
  if (step.component.form === 'file' && step.component.uri) lines.push('', `Defined in \`${relativePath(step.component.uri, from)}\``);
  return lines.join('\n');
}

/** The inputs and outputs of an interface as markdown lists; `value` tells what is given for a port. */
function portLists(iface: Interface, value: (io: Io, p: Port) => string): string[] {
  const out: string[] = [];
  const list = (io: Io) =>
    [...iface[io].values()].map((p) => {
      const req = io === 'inputs' && !p.optional && !p.hasDefault && iface.declares ? ' *(required)*' : '';
      return `- \`${p.name}\`: ${p.type ?? 'any'}${p.optional ? ' (optional)' : ''}${p.hasDefault ? ` = \`${fmt(p.defaultValue)}\`` : ''}${req}${value(io, p)}${p.description ? ` — ${p.description.split('\n')[0].slice(0, 120)}` : ''}`;
    });
  const inputs = list('inputs');
  const outputs = list('outputs');
  if (inputs.length) out.push('', '**Inputs**', '', ...inputs);
  if (outputs.length) out.push('', '**Outputs**', '', ...outputs);
  return out;
}

/** The signature of the component a pipeline job runs (`component:` at its root), with what the job gives. */
function rootSignature(graph: Graph, comp: RootComponent, from: string): string {
  const lines = [`**pipeline job** · component ${comp.text ?? ''}`];
  const iface = comp.iface;
  if (comp.form === 'file' && comp.uri && !iface)
    lines.push('', `The component file \`${relativePath(comp.uri, from)}\` is not indexed (missing or not an Azure ML component).`);
  if (comp.form === 'remote') lines.push('', 'A registered component: its inputs and outputs are known to Azure ML only.');
  if (iface && (iface.name || iface.version))
    lines.push(
      '',
      `Component \`${iface.name ?? '?'}\`${iface.version ? ` version ${iface.version}` : ''}${iface.type ? ` (${iface.type})` : ''}`,
    );
  if (iface?.description) lines.push('', iface.description);
  if (iface)
    lines.push(
      ...portLists(iface, (io, p) => {
        const given = graph.iface[io].get(p.name);
        const req =
          io === 'inputs' && !given && !p.optional && !p.hasDefault && comp.reads?.has(p.name) ? ' — **not given; its steps read it**' : '';
        return given?.literal !== undefined && typeof given.literal !== 'object'
          ? ` ← \`${fmt(given.literal)}\``
          : given
            ? ' ← given'
            : req;
      }),
    );
  if (comp.form === 'file' && comp.uri) lines.push('', `Defined in \`${relativePath(comp.uri, from)}\``);
  return lines.join('\n');
}

/** The root pipeline job's component, when it is a local pipeline component file the index knows. */
function rootFileComponent(graph: Graph): (RootComponent & { uri: string; iface: Interface }) | undefined {
  const c = graph.component;
  if (graph.parent || !c || c.form !== 'file' || !c.uri || !c.iface || (c.kind && c.kind !== 'pipelineComponent')) return undefined;
  return c as RootComponent & { uri: string; iface: Interface };
}

// ---------------------------------------------------------------------------
// What is under the cursor

/** A thing bindings name: a port of some owner, a step, a sweep parameter. */
type Entity =
  | { kind: 'graph-port'; graph: Graph; io: Io; name: string }
  | { kind: 'own-port'; iface: Interface; io: Io; name: string }
  | { kind: 'file-port'; uri: string; io: Io; name: string }
  | { kind: 'step-port'; step: Step; io: Io; name: string }
  | { kind: 'step'; graph: Graph; step: Step }
  | { kind: 'param'; name: string }
  | { kind: 'runtime'; name: string };

interface Hit {
  model: BindingModel;
  entity: Entity;
  /** Offsets of the name under the cursor. */
  start: number;
  end: number;
  use?: Use;
}

function entityOfTarget(model: BindingModel, target: Target, segIndex: number, use: Use): Entity | undefined {
  switch (target.kind) {
    case 'port': {
      if (segIndex === 2 && target.owner === 'step' && target.step) return { kind: 'step', graph: target.step.graph, step: target.step };
      if (target.owner === 'graph' && target.graph) return { kind: 'graph-port', graph: target.graph, io: target.io, name: target.name };
      if (target.owner === 'step' && target.step) return portEntityOfStep(target.step, target.io, target.name);
      if (target.owner === 'own' && target.iface) {
        if (target.iface === model.root) return { kind: 'own-port', iface: target.iface, io: target.io, name: target.name };
        const step = use.scope.step ?? stepOfIface(model, target.iface);
        if (step) return portEntityOfStep(step, target.io, target.name);
      }
      return undefined;
    }
    case 'step':
      return target.step ? { kind: 'step', graph: target.graph, step: target.step } : undefined;
    case 'search_space':
      return { kind: 'param', name: target.name };
    case 'runtime':
      return { kind: 'runtime', name: target.name };
    default:
      return undefined;
  }
}

function stepOfIface(model: BindingModel, iface: Interface): Step | undefined {
  for (const g of model.graphs) for (const s of g.steps.values()) if (s.iface === iface) return s;
  return undefined;
}

function portEntityOfStep(step: Step, io: Io, name: string): Entity {
  if (step.component.form === 'file' && step.component.uri && step.iface) return { kind: 'file-port', uri: step.component.uri, io, name };
  if (step.inner) return { kind: 'graph-port', graph: step.inner, io, name };
  return { kind: 'step-port', step, io, name };
}

function hitAt(service: ServiceContext, analysis: Analysis, offset: number): Hit | undefined {
  const model = modelAt(service, analysis, offset);
  if (!model) return undefined;
  // An expression.
  for (const use of model.uses) {
    const e = use.expr;
    if (offset < e.start || offset > e.end) continue;
    const i = e.segments.findIndex((s) => offset >= s.start && offset <= s.end);
    if (i < 0) return undefined;
    const t = use.target;
    const seg = e.segments[i];
    const nameSeg = t.kind === 'port' || t.kind === 'step' || t.kind === 'search_space' || t.kind === 'runtime' ? t.segment : undefined;
    const onName = nameSeg && offset >= nameSeg.start && offset <= nameSeg.end;
    const onStep = i === 2 && t.kind === 'port' && t.owner === 'step';
    if (!onName && !onStep) return undefined;
    const entity = entityOfTarget(model, t, onStep ? 2 : -1, use);
    if (!entity) return undefined;
    const [s, en] = onStep ? [seg.start, seg.end] : [nameSeg!.start, nameSeg!.end];
    return { model, entity, start: s, end: en, use };
  }
  // A declaration or a step's key.
  const inKey = (s?: number, e?: number) => s !== undefined && e !== undefined && offset >= s && offset <= e;
  if (model.root) {
    for (const io of ['inputs', 'outputs'] as const)
      for (const p of model.root[io].values())
        if (inKey(p.start, p.end))
          return { model, entity: { kind: 'own-port', iface: model.root, io, name: p.name }, start: p.start!, end: p.end! };
  }
  for (const p of model.searchSpace?.values() ?? [])
    if (inKey(p.start, p.end)) return { model, entity: { kind: 'param', name: p.name }, start: p.start, end: p.end };
  for (const graph of model.graphs) {
    for (const io of ['inputs', 'outputs'] as const) {
      for (const p of graph.iface[io].values()) {
        if (!inKey(p.start, p.end)) continue;
        const comp = rootFileComponent(graph);
        if (comp?.iface[io].has(p.name))
          return { model, entity: { kind: 'file-port', uri: comp.uri, io, name: p.name }, start: p.start!, end: p.end! };
        const owner = graph.parent ? [...graph.parent.steps.values()].find((s) => s.inner === graph) : undefined;
        return {
          model,
          entity: owner ? portEntityOfStep(owner, io, p.name) : { kind: 'graph-port', graph, io, name: p.name },
          start: p.start!,
          end: p.end!,
        };
      }
    }
    for (const step of graph.steps.values()) {
      if (inKey(step.start, step.end)) return { model, entity: { kind: 'step', graph, step }, start: step.start, end: step.end };
      for (const io of ['inputs', 'outputs'] as const) {
        for (const e of step[io].values())
          if (inKey(e.start, e.end)) return { model, entity: portEntityOfStep(step, io, e.name), start: e.start, end: e.end };
      }
      for (const e of step.searchSpace.values())
        if (inKey(e.start, e.end)) return { model, entity: portEntityOfStep(step, 'inputs', e.name), start: e.start, end: e.end };
      if (step.component.form === 'inline' && step.iface && !step.inner) {
        for (const io of ['inputs', 'outputs'] as const) {
          for (const p of step.iface[io].values())
            if (inKey(p.start, p.end))
              return { model, entity: { kind: 'step-port', step, io, name: p.name }, start: p.start!, end: p.end! };
        }
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Occurrences of an entity (declaration first)

interface Occurrence {
  uri: string;
  range: Range;
  declaration?: boolean;
}

function occurrences(service: ServiceContext, analysis: Analysis, model: BindingModel, entity: Entity): Occurrence[] {
  const out: Occurrence[] = [];
  const local = (start: number, end: number, declaration = false) =>
    out.push({ uri: analysis.uri, range: analysis.file.lines.range(start, end), declaration });
  const usesWhere = (pred: (u: Use) => boolean, seg: (u: Use) => { start: number; end: number } | undefined) => {
    for (const u of model.uses) {
      if (!pred(u)) continue;
      const s = seg(u);
      if (s) local(s.start, s.end);
    }
  };
  const nameSeg = (u: Use) =>
    u.target.kind === 'port' || u.target.kind === 'step' || u.target.kind === 'search_space' ? u.target.segment : undefined;
  switch (entity.kind) {
    case 'graph-port': {
      const decl = entity.graph.iface[entity.io].get(entity.name);
      if (decl?.start !== undefined) local(decl.start, decl.end!, true);
      usesWhere(
        (u) =>
          u.target.kind === 'port' &&
          u.target.owner === 'graph' &&
          u.target.graph === entity.graph &&
          u.target.io === entity.io &&
          u.target.name === entity.name,
        nameSeg,
      );
      // The steps that run this inline pipeline component set it by name.
      const owner = entity.graph.parent ? [...entity.graph.parent.steps.values()].find((s) => s.inner === entity.graph) : undefined;
      if (owner) stepSide(model, owner, entity.io, entity.name, local);
      if (entity.graph === model.graph && COMPONENT_SPEC_KINDS.has(model.kind))
        out.push(...users(service, analysis, model, analysis.uri, entity.io, entity.name));
      break;
    }
    case 'own-port': {
      const decl = entity.iface[entity.io].get(entity.name);
      if (decl?.start !== undefined) local(decl.start, decl.end!, true);
      usesWhere(
        (u) =>
          u.target.kind === 'port' &&
          u.target.owner === 'own' &&
          u.target.iface === entity.iface &&
          u.target.io === entity.io &&
          u.target.name === entity.name,
        nameSeg,
      );
      if (COMPONENT_SPEC_KINDS.has(model.kind)) out.push(...users(service, analysis, model, analysis.uri, entity.io, entity.name));
      break;
    }
    case 'file-port': {
      const spec = componentSpecAt(service.workspaceView, entity.uri);
      const summary = summaryOf(spec);
      const decl = summary?.[entity.io].find((p) => p.name === entity.name);
      if (spec && decl) out.push({ uri: spec.uri, range: decl.range, declaration: true });
      for (const u of summary?.uses ?? []) if (u.io === entity.io && u.name === entity.name) out.push({ uri: spec!.uri, range: u.range });
      out.push(...users(service, analysis, model, entity.uri, entity.io, entity.name));
      break;
    }
    case 'step-port': {
      const step = entity.step;
      const decl = step.component.form === 'inline' ? step.iface?.[entity.io].get(entity.name) : undefined;
      if (decl?.start !== undefined) local(decl.start, decl.end!, true);
      const entry = step[entity.io].get(entity.name) ?? (entity.io === 'inputs' ? step.searchSpace.get(entity.name) : undefined);
      if (entry) local(entry.start, entry.end, !decl);
      usesWhere(
        (u) =>
          u.target.kind === 'port' &&
          u.target.owner === 'own' &&
          !!step.iface &&
          u.target.iface === step.iface &&
          u.target.io === entity.io &&
          u.target.name === entity.name,
        nameSeg,
      );
      usesWhere(
        (u) =>
          u.target.kind === 'port' &&
          u.target.owner === 'step' &&
          u.target.step === step &&
          u.target.io === entity.io &&
          u.target.name === entity.name,
        nameSeg,
      );
      break;
    }
    case 'step': {
      local(entity.step.start, entity.step.end, true);
      usesWhere(
        (u) =>
          (u.target.kind === 'step' && u.target.step === entity.step) ||
          (u.target.kind === 'port' && u.target.owner === 'step' && u.target.step === entity.step),
        (u) => (u.expr.segments[2]?.text === entity.step.name ? u.expr.segments[2] : undefined),
      );
      // settings.on_init / on_finalize name steps.
      for (const key of ['on_init', 'on_finalize']) {
        const n = nodeAtPath(model.section.doc.contents, [...entity.graph.path, 'settings', key]);
        if (isScalar(n) && n.range && n.value === entity.step.name) {
          const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
          local(n.range[0] + (quoted ? 1 : 0), n.range[0] + (quoted ? 1 : 0) + entity.step.name.length);
        }
      }
      break;
    }
    case 'param': {
      const p = model.searchSpace?.get(entity.name);
      if (p) local(p.start, p.end, true);
      usesWhere((u) => u.target.kind === 'search_space' && u.target.name === entity.name, nameSeg);
      break;
    }
    case 'runtime':
      break;
  }
  // One occurrence per place.
  const seen = new Set<string>();
  return out.filter((o) => {
    const k = `${normalizeUri(o.uri)}#${o.range.start.line}:${o.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Where a step sets an input or output of its component by name, and the bindings to that port of the step. */
function stepSide(model: BindingModel, step: Step, io: Io, name: string, local: (s: number, e: number) => void): void {
  const entry = step[io].get(name) ?? (io === 'inputs' ? step.searchSpace.get(name) : undefined);
  if (entry) local(entry.start, entry.end);
  for (const u of model.uses) {
    const t = u.target;
    if (t.kind === 'port' && t.owner === 'step' && t.step === step && t.io === io && t.name === name) local(t.segment.start, t.segment.end);
  }
}

/**
 * Every step that runs the component file `componentUri` and sets or reads
 * its port: in this document (from its live model) and in the indexed files.
 */
function users(service: ServiceContext, analysis: Analysis, model: BindingModel, componentUri: string, io: Io, name: string): Occurrence[] {
  const out: Occurrence[] = [];
  const target = normalizeUri(componentUri);
  const self = normalizeUri(analysis.uri);
  for (const graph of model.graphs) {
    for (const step of graph.steps.values()) {
      if (step.component.form !== 'file' || !step.component.uri || normalizeUri(step.component.uri) !== target) continue;
      stepSide(model, step, io, name, (s, e) => out.push({ uri: analysis.uri, range: analysis.file.lines.range(s, e) }));
    }
  }
  // A pipeline job that runs the component (`component:` at its root) sets its ports by name.
  for (const graph of model.graphs) {
    const comp = rootFileComponent(graph);
    if (!comp || normalizeUri(comp.uri) !== target) continue;
    const p = graph.iface[io].get(name);
    if (p?.start !== undefined) out.push({ uri: analysis.uri, range: analysis.file.lines.range(p.start, p.end!) });
  }
  const view = service.workspaceView;
  if (!view) return out;
  for (const spec of view.specs(['pipelineJob', 'pipelineComponent'])) {
    if (normalizeUri(spec.uri) === self) continue;
    const summary = summaryOf(spec);
    if (!summary) continue;
    if (summary.component && normalizeUri(summary.component.uri) === target)
      for (const e of summary.component[io]) if (e.name === name) out.push({ uri: spec.uri, range: e.range });
    const steps = summary.steps.filter((s) => normalizeUri(s.component) === target);
    for (const s of steps) {
      for (const e of s[io]) if (e.name === name) out.push({ uri: spec.uri, range: e.range });
      for (const b of summary.stepBindings)
        if (b.step === s.name && b.io === io && b.name === name) out.push({ uri: spec.uri, range: b.range });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Definition, references, rename

/** Where the binding or step input under the cursor is declared; undefined when the cursor is on none. */
export function bindingDefinition(service: ServiceContext, analysis: Analysis, position: Position): Location[] | undefined {
  return safely(analysis, 'definition', undefined, () => bindingDefinitionUnsafe(service, analysis, position));
}

function bindingDefinitionUnsafe(service: ServiceContext, analysis: Analysis, position: Position): Location[] | undefined {
  const hit = hitAt(service, analysis, analysis.file.lines.offsetAt(position));
  if (!hit) return undefined;
  if (hit.entity.kind === 'runtime') return [];
  const decl = occurrences(service, analysis, hit.model, hit.entity).filter((o) => o.declaration);
  return decl.map((o) => ({ uri: o.uri, range: o.range }));
}

/** Every use of the input, output, step or parameter under the cursor; undefined when the cursor is on none. */
export function bindingReferences(
  service: ServiceContext,
  analysis: Analysis,
  position: Position,
  includeDeclaration: boolean,
): Location[] | undefined {
  return safely(analysis, 'references', undefined, () => bindingReferencesUnsafe(service, analysis, position, includeDeclaration));
}

function bindingReferencesUnsafe(
  service: ServiceContext,
  analysis: Analysis,
  position: Position,
  includeDeclaration: boolean,
): Location[] | undefined {
  const hit = hitAt(service, analysis, analysis.file.lines.offsetAt(position));
  if (!hit) return undefined;
  return occurrences(service, analysis, hit.model, hit.entity)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: o.uri, range: o.range }));
}

export interface PrepareRename {
  range: Range;
  placeholder: string;
}

export function bindingPrepareRename(service: ServiceContext, analysis: Analysis, position: Position): PrepareRename | undefined {
  return safely(analysis, 'preparerename', undefined, () => bindingPrepareRenameUnsafe(service, analysis, position));
}

function bindingPrepareRenameUnsafe(service: ServiceContext, analysis: Analysis, position: Position): PrepareRename | undefined {
  const hit = hitAt(service, analysis, analysis.file.lines.offsetAt(position));
  if (!hit || hit.entity.kind === 'runtime') return undefined;
  return { range: analysis.file.lines.range(hit.start, hit.end), placeholder: analysis.file.text.slice(hit.start, hit.end) };
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

/** Renames the input, output, step or sweep parameter under the cursor everywhere it is named. */
export function bindingRename(service: ServiceContext, analysis: Analysis, position: Position, newName: string): RenameResult | undefined {
  return safely(analysis, 'rename', undefined, () => bindingRenameUnsafe(service, analysis, position, newName));
}

function bindingRenameUnsafe(service: ServiceContext, analysis: Analysis, position: Position, newName: string): RenameResult | undefined {
  const hit = hitAt(service, analysis, analysis.file.lines.offsetAt(position));
  if (!hit) return undefined;
  const e = hit.entity;
  if (e.kind === 'runtime') return { error: `"${e.name}" is filled in by Azure ML and cannot be renamed.` };
  const isStep = e.kind === 'step';
  if (isStep ? !STEP_NAME.test(newName) : !PORT_NAME.test(newName)) {
    return {
      error: isStep
        ? `"${newName}" is not a valid step name: use lower-case letters, digits and underscores, starting with a letter or underscore.`
        : `"${newName}" is not a valid name: use letters, digits and underscores, starting with a letter or underscore.`,
    };
  }
  const clash = nameTaken(service, hit.model, e, newName);
  if (clash) return { error: clash };
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(service, analysis, hit.model, e)) (changes[o.uri] ??= []).push({ range: o.range, newText: newName });
  return { edit: { changes } };
}

function nameTaken(service: ServiceContext, model: BindingModel, e: Entity, name: string): string | undefined {
  const taken = (what: string) => `${what} "${name}" already exists.`;
  switch (e.kind) {
    case 'step':
      return e.graph.steps.has(name) ? taken('A step named') : undefined;
    case 'graph-port':
      return e.graph.iface[e.io].has(name) ? taken(`The pipeline ${e.io === 'inputs' ? 'input' : 'output'}`) : undefined;
    case 'own-port':
      return e.iface[e.io].has(name) ? taken(e.io === 'inputs' ? 'Input' : 'Output') : undefined;
    case 'step-port':
      return e.step.iface?.[e.io].has(name) || e.step[e.io].has(name) ? taken(e.io === 'inputs' ? 'Input' : 'Output') : undefined;
    case 'file-port': {
      const summary = summaryOf(componentSpecAt(service.workspaceView, e.uri));
      return summary?.[e.io].some((p) => p.name === name) ? taken(e.io === 'inputs' ? 'Input' : 'Output') : undefined;
    }
    case 'param':
      return model.searchSpace?.has(name) ? taken('The search_space parameter') : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Hover

export function bindingHover(service: ServiceContext, analysis: Analysis, position: Position): Hover | undefined {
  return safely(analysis, 'hover', undefined, () => bindingHoverUnsafe(service, analysis, position));
}

function bindingHoverUnsafe(service: ServiceContext, analysis: Analysis, position: Position): Hover | undefined {
  const offset = analysis.file.lines.offsetAt(position);
  const model = modelAt(service, analysis, offset);
  if (!model) return undefined;
  const use = model.uses.find((u) => offset >= u.expr.start && offset <= u.expr.end);
  const range = (s: number, e: number) => analysis.file.lines.range(s, e);
  if (use) {
    const t = use.target;
    const stepSeg = use.expr.segments[2];
    if (t.kind === 'port' && t.owner === 'step' && t.step && stepSeg && offset >= stepSeg.start && offset <= stepSeg.end) {
      return { contents: { kind: 'markdown', value: stepSignature(t.step, analysis.uri) }, range: range(stepSeg.start, stepSeg.end) };
    }
    const md = targetMarkdown(analysis, use);
    return md ? { contents: { kind: 'markdown', value: md }, range: range(use.expr.start, use.expr.end) } : undefined;
  }
  for (const graph of model.graphs) {
    const comp = graph.component;
    if (comp && comp.start !== undefined && offset >= comp.keyStart && offset <= comp.end!)
      return {
        contents: { kind: 'markdown', value: rootSignature(graph, comp, analysis.uri) },
        range: range(comp.start, comp.end!),
      };
    const fileComp = rootFileComponent(graph);
    if (fileComp) {
      for (const io of ['inputs', 'outputs'] as const) {
        for (const p of graph.iface[io].values()) {
          if (p.start === undefined || offset < p.start || offset > p.end!) continue;
          const declared = fileComp.iface[io].get(p.name);
          if (!declared) return undefined;
          return {
            contents: { kind: 'markdown', value: portDoc(declared, `component ${fileComp.text}`, analysis.uri) },
            range: range(p.start, p.end!),
          };
        }
      }
    }
    for (const step of graph.steps.values()) {
      if (offset >= step.start && offset <= step.end)
        return { contents: { kind: 'markdown', value: stepSignature(step, analysis.uri) }, range: range(step.start, step.end) };
      if (!step.iface) continue;
      for (const io of ['inputs', 'outputs'] as const) {
        for (const entry of [...step[io].values(), ...(io === 'inputs' ? step.searchSpace.values() : [])]) {
          if (offset < entry.start || offset > entry.end) continue;
          const port = step.iface[io].get(entry.name);
          if (!port || step.iface.origin === 'step') return undefined;
          return {
            contents: {
              kind: 'markdown',
              value: portDoc(
                port,
                step.component.form === 'file' ? `component ${step.component.text}` : 'the inline component',
                analysis.uri,
              ),
            },
            range: range(entry.start, entry.end),
          };
        }
      }
    }
  }
  return undefined;
}

function targetMarkdown(analysis: Analysis, use: Use): string | undefined {
  const t = use.target;
  switch (t.kind) {
    case 'port': {
      const owner =
        t.owner === 'graph'
          ? 'the pipeline'
          : t.owner === 'step'
            ? `step ${t.step?.name}`
            : t.iface
              ? ownerText(t.iface, t.step)
              : 'this job';
      if (!t.port)
        return `**${t.name}**: ${owner} has no ${t.io === 'inputs' ? 'input' : 'output'} of this name${t.iface && !t.iface.complete ? ' that aml-yaml knows of' : ''}.`;
      const md = portDoc(t.port, owner, analysis.uri);
      return t.owner === 'own' && use.command && t.port.optional && use.expr.optional
        ? `${md}\n\nDropped with its \`$[[ ]]\` block when no value is given.`
        : md;
    }
    case 'step':
      return t.step ? stepSignature(t.step, analysis.uri) : undefined;
    case 'search_space':
      return t.param
        ? `**${t.name}** · search space parameter${t.param.type ? ` · \`${t.param.type}\`` : ''}\n\nEach trial of the sweep gets a value from this distribution.`
        : undefined;
    case 'runtime':
      return `**${t.name}**\n\n${RUNTIME_NAMES.get(t.name)}`;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Outline

/** Details the outline's pipeline steps with their component and their bindings. */
export function decorateBindingSymbols(service: ServiceContext, analysis: Analysis, symbols: DocumentSymbol[]): void {
  safely(analysis, 'outline', undefined, () => decorate(service, analysis, symbols));
}

function decorate(service: ServiceContext, analysis: Analysis, symbols: DocumentSymbol[]): void {
  analysis.docs.forEach(({ section, detection }) => {
    if (!detection || !BINDING_KINDS.has(detection.kind)) return;
    const model = modelOf(service, analysis, section, detection.kind);
    if (!model.graph) return;
    const root = symbols.find((s) => {
      const r = section.doc.contents?.range;
      return r && s.range.start.line === analysis.file.lines.positionAt(r[0]).line;
    });
    const jobsPath = model.graph.path.length ? model.graph.path : [];
    let container = root?.children;
    for (const seg of jobsPath) container = container?.find((c) => c.name === String(seg))?.children;
    const jobs = container?.find((c) => c.name === 'jobs');
    if (!jobs?.children) return;
    for (const sym of jobs.children) {
      const step = model.graph.steps.get(sym.name);
      if (!step) continue;
      sym.kind = SymbolKind.Function;
      const deps = dependencies(model, step);
      sym.detail = `${stepDetail(step)}${deps.length ? ` · after ${deps.join(', ')}` : ''}`;
      for (const io of ['inputs', 'outputs'] as const) {
        const group = sym.children?.find((c) => c.name === io);
        for (const c of group?.children ?? []) {
          const bound = bindingText(model, step, io, c.name);
          if (bound) {
            c.detail = bound;
            c.kind = SymbolKind.Variable;
          }
        }
      }
    }
  });
}

function dependencies(model: BindingModel, step: Step): string[] {
  const out = new Set<string>();
  for (const u of usesOfStep(model, step)) {
    const t = u.target;
    const other = t.kind === 'step' ? t.step : t.kind === 'port' && t.owner === 'step' ? t.step : undefined;
    if (other && other !== step) out.add(other.name);
  }
  return [...out];
}

/** `← prep.outputs.clean`, `← pipeline input raw`, `→ pipeline output model`. */
function bindingText(model: BindingModel, step: Step, io: Io, name: string): string | undefined {
  const uses = usesOfStep(model, step).filter((u) => u.path[step.path.length] === io && u.path[step.path.length + 1] === name);
  if (!uses.length) return undefined;
  const arrow = io === 'inputs' ? '←' : '→';
  const parts = uses.map((u) => {
    const t = u.target;
    if (t.kind === 'port' && t.owner === 'graph') return `${t.io === 'inputs' ? 'pipeline input' : 'pipeline output'} ${t.name}`;
    if (t.kind === 'port' && t.owner === 'step') return `${t.step?.name ?? '?'}.${t.io}.${t.name}`;
    return u.expr.body.trim();
  });
  return `${arrow} ${parts.join(', ')}`;
}
