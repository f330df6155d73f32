import { isMap, isScalar, nodeAtPath, type YamlSection } from '../core/document';
import { Severity, type SeverityName } from '../core/types';
import type { OffsetEdit } from '../core/textEdits';
import { Edits } from '../core/yamlEdits';
import { BINDING_CODES, type BindingCode } from './codes';
import { mayHoldSingleBrace, scanSingleBraces } from './expressions';
import {
  inOptionalBlock,
  isPrimitiveType,
  RUNTIME_NAMES,
  stepPorts,
  type BindingModel,
  type Graph,
  type Interface,
  type Io,
  type Port,
  type RootComponent,
  type SingleBrace,
  type Step,
  type StepEntry,
  type Target,
  type Use,
  usesOfStep,
} from './model';

export interface BindingFix {
  title: string;
  edits: OffsetEdit[];
  isPreferred?: boolean;
}

export interface BindingProblem {
  code: BindingCode;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: BindingFix[];
  /** Explains its range better than a schema finding there (the schema's finding is dropped). */
  overridesSchema?: boolean;
}

const SEVERITY: Record<Exclude<SeverityName, 'off'>, Severity> = {
  error: Severity.Error,
  warning: Severity.Warning,
  info: Severity.Information,
  hint: Severity.Hint,
};

/** Step names the Azure ML loader accepts (azure.ai.ml `is_valid_node_name`). */
export const STEP_NAME = /^[a-z_][a-z0-9_]*$/;
/** Input and output names the loader accepts (`IOConstants.VALID_KEY_PATTERN` without groups). */
export const PORT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8 || a.length > 200 || b.length > 200) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate to a misspelt name, when one is close enough to be meant. */
export function didYouMean(name: string, candidates: Iterable<string>): { name: string; sure: boolean } | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  let ties = 0;
  for (const c of candidates) {
    if (c === name) continue;
    let d = editDistance(lower, c.toLowerCase());
    // `raw` for `raw_data`, `model_output` for `model`: a prefix is close too.
    if (d > 2 && (c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase())) && Math.min(c.length, name.length) >= 3) d = 2.5;
    if (d < bestD) {
      best = c;
      bestD = d;
      ties = 0;
    } else if (d === bestD) ties++;
  }
  const limit = name.length <= 3 ? 1 : name.length <= 8 ? 2 : 3;
  if (best === undefined || (bestD > limit && bestD !== 2.5)) return undefined;
  return { name: best, sure: ties === 0 && bestD <= 2 };
}

/** Every binding problem of one document. */
export function bindingProblems(model: BindingModel): BindingProblem[] {
  const out: BindingProblem[] = [];
  const report = (code: BindingCode, message: string, start: number, end: number, fixes?: BindingFix[], overridesSchema?: boolean) => {
    out.push({
      code,
      severity: SEVERITY[BINDING_CODES[code].severity],
      message,
      start,
      end: Math.max(end, start + 1),
      fixes,
      overridesSchema,
    });
  };
  const edits = new Edits(model.file, model.section);

  for (const use of model.uses) checkUse(model, use, report, edits);
  for (const block of model.blocks) {
    if (!block.terminated && !block.legacy)
      report(
        'binding-syntax',
        '"$[[" has no closing "]]": Azure ML keeps the text as it is instead of treating it as an optional part of the command.',
        block.start,
        block.start + 3,
      );
  }
  for (const graph of model.graphs) {
    checkGraph(model, graph, report, edits);
    if (graph.component) checkRootComponent(model, graph, graph.component, report);
  }
  for (const ref of model.singleBraces) checkSingleBrace(model, ref, report);
  return out;
}

type Report = (code: BindingCode, message: string, start: number, end: number, fixes?: BindingFix[], overridesSchema?: boolean) => void;

const q = (s: string) => `"${s}"`;

function renameFix(title: string, start: number, end: number, newText: string, preferred: boolean): BindingFix {
  return { title, edits: [{ start, end, newText }], isPreferred: preferred };
}

function ownerWords(iface: Interface | undefined, step?: Step): string {
  if (step && iface?.origin === 'step') return `step "${step.name}"`;
  if (!iface) return 'it';
  if (iface.origin === 'job') return 'the job';
  if (iface.origin === 'pipeline') return 'the pipeline';
  if (iface.origin === 'step') return 'the step';
  return step?.component.form === 'file' ? `its component (${step.component.text})` : step ? 'its component' : 'the component';
}

function checkUse(model: BindingModel, use: Use, report: Report, edits: Edits): void {
  const { expr, target } = use;
  if (!expr.terminated && target.kind !== 'incomplete') {
    report('binding-syntax', '"${{" has no closing "}}" on this line: Azure ML keeps the text as it is.', expr.start, expr.start + 3);
  }
  switch (target.kind) {
    case 'complex':
      report(
        'binding-syntax',
        `"${expr.body.trim().slice(0, 60)}" is not a dotted name such as inputs.<name> or parent.jobs.<step>.outputs.<name>; Azure ML keeps the text as it is.`,
        expr.start,
        expr.end,
      );
      return;
    case 'incomplete':
      report(
        'binding-syntax',
        expr.terminated
          ? `"\${{${expr.body}}}" names no input, output, step or parameter.`
          : '"${{" has no closing "}}" on this line: Azure ML keeps the text as it is.',
        expr.start,
        expr.terminated ? expr.end : expr.start + 3,
      );
      return;
    case 'runtime':
      return;
    case 'context': {
      const seg = target.segment;
      if (target.known) {
        const where =
          seg.text === 'parent'
            ? '"parent" is only available in the steps of a pipeline'
            : seg.text === 'search_space'
              ? '"search_space" is only available in the trial of a sweep job'
              : use.scope.graph
                ? `"${seg.text}" names the inputs or outputs of a job or component, and this part of the pipeline has none (a step reads the pipeline's as parent.${seg.text}.<name>)`
                : `"${seg.text}" has no inputs or outputs to name here`;
        report('binding-context-unknown', `${where}; Azure ML cannot resolve this expression.`, seg.start, seg.end);
        return;
      }
      const roots = [
        ...(use.scope.own ? ['inputs', 'outputs'] : []),
        ...(use.scope.graph ? ['parent'] : []),
        ...(use.scope.searchSpace ? ['search_space'] : []),
        ...RUNTIME_NAMES.keys(),
      ];
      const hint = didYouMean(seg.text, roots);
      report(
        'binding-context-unknown',
        `"${seg.text}" is not something an Azure ML expression can read here (${roots.map(q).join(', ')})${hint ? `; did you mean "${hint.name}"?` : '.'}`,
        seg.start,
        seg.end,
        hint ? [renameFix(`Change to "${hint.name}"`, seg.start, seg.end, hint.name, hint.sure)] : undefined,
      );
      return;
    }
    case 'member': {
      const seg = target.segment;
      const hint = didYouMean(seg.text, target.expected);
      report(
        'binding-unresolved',
        `"${seg.text}" is not ${target.what} (${target.expected.map(q).join(', ')})${hint ? `; did you mean "${hint.name}"?` : '.'}`,
        seg.start,
        seg.end,
        hint ? [renameFix(`Change to "${hint.name}"`, seg.start, seg.end, hint.name, hint.sure)] : undefined,
      );
      return;
    }
    case 'step': {
      if (target.step) return;
      const seg = target.segment;
      const hint = didYouMean(seg.text, target.graph.steps.keys());
      report(
        'binding-unresolved',
        `The pipeline has no step named "${seg.text}"${hint ? `; did you mean "${hint.name}"?` : target.graph.steps.size ? ` (steps: ${[...target.graph.steps.keys()].slice(0, 8).map(q).join(', ')}).` : '.'}`,
        seg.start,
        seg.end,
        hint ? [renameFix(`Change to "${hint.name}"`, seg.start, seg.end, hint.name, hint.sure)] : undefined,
      );
      return;
    }
    case 'search_space': {
      if (target.param) return;
      const seg = target.segment;
      const names = use.scope.searchSpace ? [...use.scope.searchSpace.keys()] : [];
      const hint = didYouMean(seg.text, names);
      report(
        'binding-unresolved',
        `search_space has no parameter "${seg.text}"${hint ? `; did you mean "${hint.name}"?` : names.length ? ` (parameters: ${names.slice(0, 8).map(q).join(', ')}).` : '.'}`,
        seg.start,
        seg.end,
        hint ? [renameFix(`Change to "${hint.name}"`, seg.start, seg.end, hint.name, hint.sure)] : undefined,
      );
      return;
    }
    case 'port':
      checkPortUse(model, use, target, report, edits);
  }
}

function checkPortUse(model: BindingModel, use: Use, target: Extract<Target, { kind: 'port' }>, report: Report, edits: Edits): void {
  const seg = target.segment;
  const what = target.io === 'inputs' ? 'input' : 'output';
  if (target.port) {
    // An optional component input in a command line outside $[[ ]].
    if (
      target.owner === 'own' &&
      target.io === 'inputs' &&
      use.command &&
      target.iface?.declares &&
      target.port.optional &&
      !inOptionalBlock(use.expr)
    ) {
      const wrap = wrapFix(model.file.text, use);
      report(
        'optional-input-unbracketed',
        `Input "${target.name}" is optional, so the command must wrap it in $[[ ]] (for example "$[[--${target.name} \${{inputs.${target.name}}}]]") to drop it when no value is given; Azure ML rejects the command otherwise${use.expr.optional?.legacy ? ' (the older [ ] form is no longer accepted)' : ''}.`,
        use.expr.start,
        use.expr.end,
        wrap ? [wrap] : undefined,
      );
    }
    return;
  }
  const candidates = (): string[] => {
    if (target.owner === 'step' && target.step) return [...stepPorts(target.step, target.io).ports.keys()];
    return target.iface ? [...target.iface[target.io].keys()] : [];
  };
  const hint = didYouMean(target.name, candidates());
  const fixes: BindingFix[] = hint ? [renameFix(`Change to "${hint.name}"`, seg.start, seg.end, hint.name, hint.sure)] : [];
  const mean = hint ? `; did you mean "${hint.name}"?` : '.';
  if (target.owner === 'own') {
    const iface = target.iface;
    if (!iface || !iface.complete) return;
    if (use.command) {
      // The SDK lets a job's command name inputs it does not have inside an optional block (they are dropped).
      if (!iface.declares && use.expr.optional) return;
      report(
        'command-binding-undeclared',
        `The command uses ${what} "${target.name}", which ${ownerWords(iface, target.step)} does not declare under ${target.io}${mean}`,
        seg.start,
        seg.end,
        fixes,
      );
      return;
    }
    report(
      'binding-unresolved',
      `${capital(ownerWords(iface, target.step))} has no ${what} "${target.name}"${mean}`,
      seg.start,
      seg.end,
      fixes,
    );
    return;
  }
  if (target.owner === 'graph') {
    if (target.io === 'outputs' && use.stepOutput && target.graph) {
      const declare = declareOutputFix(model, target.graph, target.name, edits);
      report(
        'pipeline-output-undeclared',
        `The step output is bound to pipeline output "${target.name}", which the pipeline does not declare under outputs${mean}`,
        seg.start,
        seg.end,
        [...fixes, ...(declare ? [declare] : [])],
      );
      return;
    }
    report('binding-unresolved', `The pipeline has no ${what} "${target.name}"${mean}`, seg.start, seg.end, fixes);
    return;
  }
  // Another step's port.
  const step = target.step;
  if (!step || !stepPorts(step, target.io).complete) return;
  report('binding-unresolved', `Step "${step.name}" has no ${what} "${target.name}"${mean}`, seg.start, seg.end, fixes);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `--x ${{inputs.x}}` -> `$[[--x ${{inputs.x}}]]` (the flag before the binding goes inside). */
function wrapFix(text: string, use: Use): BindingFix | undefined {
  const e = use.expr;
  let start = e.start;
  let end = e.end;
  if (e.optional?.legacy) {
    return {
      title: 'Wrap in $[[ ]]',
      edits: [
        { start: e.optional.start, end: e.optional.start + 1, newText: '$[[' },
        { start: e.optional.end - 1, end: e.optional.end, newText: ']]' },
      ],
      isPreferred: true,
    };
  }
  // The token the binding ends (`--x=${{inputs.x}}`), then a flag before it (`--x ${{inputs.x}}`).
  while (start > 0 && !/\s/.test(text[start - 1]) && !`"'`.includes(text[start - 1])) start--;
  if (start === e.start) {
    let k = start - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
    let f = k;
    while (f >= 0 && !/\s/.test(text[f]) && !`"'`.includes(text[f])) f--;
    const flag = text.slice(f + 1, k + 1);
    if (/^--?[A-Za-z]/.test(flag) && !flag.includes('${{')) start = f + 1;
  }
  while (end < text.length && !/\s/.test(text[end]) && !`"'`.includes(text[end]) && !text.startsWith('${{', end)) end++;
  return {
    title: 'Wrap in $[[ ]]',
    edits: [
      { start, end: start, newText: '$[[' },
      { start: end, end, newText: ']]' },
    ],
    isPreferred: true,
  };
}

function declareOutputFix(model: BindingModel, graph: Graph, name: string, edits: Edits): BindingFix | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const edit = graph.iface.outputs.size
    ? edits.insertKey([...graph.path, 'outputs'], name, null)
    : edits.insertKey(graph.path, 'outputs', { [name]: null });
  if (!edit) return undefined;
  // `name: null` reads as an empty output; write it as `name:`.
  edit.newText = edit.newText.replace(/: null(\r?\n|$)/g, ':$1');
  void model;
  return { title: `Declare pipeline output "${name}"`, edits: [edit] };
}

// ---------------------------------------------------------------------------
// Steps

function checkGraph(model: BindingModel, graph: Graph, report: Report, edits: Edits): void {
  for (const step of graph.steps.values()) {
    if (!STEP_NAME.test(step.name)) {
      const fixed = normaliseStepName(step.name, graph);
      report(
        'step-name-invalid',
        `Step name "${step.name}" must be lower-case letters, digits and underscores, starting with a letter or underscore; the Azure ML loader rejects it.`,
        step.start,
        step.end,
        fixed ? [{ title: `Rename step to "${fixed}"`, edits: renameStepEdits(model, graph, step, fixed) }] : undefined,
        true,
      );
    }
    checkInterface(model, graph, step, report, edits);
  }
  checkCycles(model, graph, report);
}

function normaliseStepName(name: string, graph: Graph): string | undefined {
  let n = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!n) return undefined;
  if (/^[0-9]/.test(n)) n = `step_${n}`;
  if (!STEP_NAME.test(n) || graph.steps.has(n)) return undefined;
  return n;
}

/** Edits renaming a step: its key and every `${{parent.jobs.<step>...}}` of its graph. */
export function renameStepEdits(model: BindingModel, graph: Graph, step: Step, newName: string): OffsetEdit[] {
  const out: OffsetEdit[] = [{ start: step.start, end: step.end, newText: newName }];
  for (const use of model.uses) {
    const t = use.target;
    if ((t.kind === 'step' && t.graph === graph && t.name === step.name) || (t.kind === 'port' && t.owner === 'step' && t.step === step)) {
      const seg = use.expr.segments[2];
      if (seg && seg.text === step.name) out.push({ start: seg.start, end: seg.end, newText: newName });
    }
  }
  return out;
}

/** A binding, or a reference meant as one (`${inputs.x}`: reported as binding-single-brace, not as a wrong literal). */
function isBinding(v: unknown): boolean {
  return typeof v === 'string' && (v.includes('${{') || (mayHoldSingleBrace(v) && scanSingleBraces(v).some((r) => r.dollar)));
}

const given = (e: StepEntry | undefined) => !!e && e.value !== null && e.value !== undefined;

function checkInterface(model: BindingModel, graph: Graph, step: Step, report: Report, edits: Edits): void {
  const iface = step.iface;
  if (!iface || !iface.complete || (step.component.form !== 'inline' && step.component.form !== 'file')) return;
  const from = step.component.form === 'file' ? `Component ${step.component.text}` : 'The inline component';
  // Names the component does not declare.
  const unknown = (entry: StepEntry, io: 'inputs' | 'outputs', where: string) => {
    const hint = didYouMean(entry.name, iface[io].keys());
    const what = io === 'inputs' ? 'input' : 'output';
    report(
      'step-unknown-io',
      `${from} has no ${what} "${entry.name}"${where}${hint ? `; did you mean "${hint.name}"?` : iface[io].size ? ` (${what}s: ${[...iface[io].keys()].slice(0, 10).map(q).join(', ')}).` : '.'}`,
      entry.start,
      entry.end,
      hint && !step[io].has(hint.name) ? [renameFix(`Change to "${hint.name}"`, entry.start, entry.end, hint.name, hint.sure)] : undefined,
    );
  };
  for (const entry of step.inputs.values()) if (!iface.inputs.has(entry.name)) unknown(entry, 'inputs', '');
  for (const entry of step.outputs.values()) if (!iface.outputs.has(entry.name)) unknown(entry, 'outputs', '');
  for (const entry of step.searchSpace.values())
    if (!iface.inputs.has(entry.name)) unknown(entry, 'inputs', ' for this search_space parameter to set');

  // Required inputs not given (what `_validate()` reports as "Required input ... not provided").
  if (!isLoopBody(graph, step)) {
    const missing = [...iface.inputs.values()].filter(
      (p) => p.optional !== true && !p.hasDefault && !given(step.inputs.get(p.name)) && !step.searchSpace.has(p.name),
    );
    for (const p of missing) {
      const fix = graph.iface.inputs.has(p.name) ? bindInputFix(step, p.name, edits) : undefined;
      report(
        'step-required-input-missing',
        `Step "${step.name}" does not give required input "${p.name}"${p.type ? ` (${p.type})` : ''} of ${step.component.form === 'file' ? `component ${step.component.text}` : 'its inline component'}; it is neither optional nor has a default.`,
        step.start,
        step.end,
        fix ? [fix] : undefined,
      );
    }
  }

  // Values and settings of the inputs and outputs the component does declare.
  for (const entry of step.inputs.values()) {
    const port = iface.inputs.get(entry.name);
    if (port) checkInputValue(model, graph, step, entry, port, report);
  }
  for (const entry of step.outputs.values()) {
    const port = iface.outputs.get(entry.name);
    if (!port || !entry.value || typeof entry.value !== 'object') continue;
    const v = entry.value as Record<string, unknown>;
    if (typeof v.type === 'string' && port.type && isPrimitiveType(v.type) !== isPrimitiveType(port.type)) {
      report(
        'step-io-mismatch',
        `Output "${entry.name}" is declared as ${port.type} by the component, not ${v.type}.`,
        entry.start,
        entry.end,
      );
    }
  }
}

function bindInputFix(step: Step, name: string, edits: Edits): BindingFix | undefined {
  const value = `\${{parent.inputs.${name}}}`;
  const edit = step.inputs.has(name)
    ? edits.setValue([...step.path, 'inputs', name], value)
    : step.inputs.size
      ? edits.insertKey([...step.path, 'inputs'], name, value)
      : edits.insertKey(step.path, 'inputs', { [name]: value });
  return edit ? { title: `Bind input "${name}" to the pipeline input "${name}"`, edits: [edit] } : undefined;
}

/** A step run by a parallel_for is given its inputs by the loop. */
function isLoopBody(graph: Graph, step: Step): boolean {
  for (const s of graph.steps.values()) {
    if (s.type !== 'parallel_for' && s.type !== 'do_while') continue;
    const bodyNode = nodeAtPath(s.node, ['body']);
    const body = isScalar(bodyNode) ? bodyNode.value : undefined;
    if (typeof body === 'string' && new RegExp(`parent\\.jobs\\.${step.name}\\s*\\}\\}`).test(body)) return true;
  }
  return false;
}

const DATA_TYPES = new Set(['uri_file', 'uri_folder', 'mltable', 'mlflow_model', 'custom_model', 'triton_model', 'path']);

function checkInputValue(model: BindingModel, graph: Graph, step: Step, entry: StepEntry, port: Port, report: Report): void {
  const declared = port.type?.toLowerCase();
  const v = entry.value;
  if (v === null || v === undefined) return;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const m = v as Record<string, unknown>;
    // Azure ML hands a file, folder or table to any data input (the examples pass uri_file to uri_folder inputs): only a data value for a literal input, or the reverse, is wrong.
    if (typeof m.type === 'string' && declared && isPrimitiveType(m.type) !== isPrimitiveType(declared)) {
      report(
        'step-io-mismatch',
        `Input "${entry.name}" is declared as ${port.type} by the component, not ${m.type}.`,
        entry.start,
        entry.end,
      );
    } else if (typeof m.mode === 'string' && isPrimitiveType(declared)) {
      report(
        'step-io-mismatch',
        `Input "${entry.name}" is a ${port.type} value; a mode applies only to data and model inputs.`,
        entry.start,
        entry.end,
      );
    }
    return;
  }
  if (isBinding(v)) {
    checkBindingType(model, graph, step, entry, port, report);
    return;
  }
  const problem = literalProblem(port, v);
  if (problem) {
    const node = entry.node;
    const [s, e] = node?.range ? [node.range[0], node.range[1]] : [entry.start, entry.end];
    report('step-input-value-invalid', `Input "${entry.name}" ${problem}`, s, e);
  }
}

/** What is wrong with a literal for a component input, or undefined. */
export function literalProblem(port: Port, v: unknown): string | undefined {
  const t = port.type?.toLowerCase();
  if (!t) return undefined;
  const show = (x: unknown) => (typeof x === 'string' ? `"${x.length > 40 ? x.slice(0, 37) + '...' : x}"` : String(x));
  if (t === 'integer') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return `is an integer, not ${show(v)}.`;
    return range(port, n);
  }
  if (t === 'number') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : NaN;
    if (Number.isNaN(n) || typeof v === 'boolean') return `is a number, not ${show(v)}.`;
    return range(port, n);
  }
  if (t === 'boolean') {
    if (typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v.trim()))) return undefined;
    return `is a boolean (true or false), not ${show(v)}.`;
  }
  if (t === 'string') {
    if (port.enum?.length && !port.enum.map(String).includes(String(v)))
      return `must be one of ${port.enum.map((x) => `"${x}"`).join(', ')}, not ${show(v)}.`;
    return undefined;
  }
  if (DATA_TYPES.has(t) && (typeof v === 'number' || typeof v === 'boolean')) return `is a ${t} input (a path or asset), not ${show(v)}.`;
  return undefined;
}

function range(port: Port, n: number): string | undefined {
  if (port.min !== undefined && n < port.min) return `must be at least ${port.min}, not ${n}.`;
  if (port.max !== undefined && n > port.max) return `must be at most ${port.max}, not ${n}.`;
  return undefined;
}

/** A data output bound to a value input, or a value bound to a data input. */
function checkBindingType(model: BindingModel, graph: Graph, step: Step, entry: StepEntry, port: Port, report: Report): void {
  const declared = port.type?.toLowerCase();
  if (!declared) return;
  const use = usesOfStep(model, step).find((u) => u.path.length === entry.path.length && u.path.every((s, i) => s === entry.path[i]));
  if (!use || use.target.kind !== 'port' || !use.target.port) return;
  const source = use.target.port;
  const sourceType = source.type?.toLowerCase();
  if (!sourceType || sourceType === 'path' || declared === 'path') return;
  // Only a whole-value binding carries the source's type.
  if ((entry.value as string).trim() !== model.file.text.slice(use.expr.start, use.expr.end)) return;
  if (isPrimitiveType(sourceType) !== isPrimitiveType(declared)) {
    const from =
      use.target.owner === 'graph'
        ? `pipeline ${use.target.io === 'inputs' ? 'input' : 'output'} "${use.target.name}"`
        : `output "${use.target.name}" of step "${use.target.step?.name}"`;
    report(
      'step-io-mismatch',
      `Input "${entry.name}" is a ${port.type} input but is bound to ${from}, a ${source.type}.`,
      use.target.segment.start,
      use.target.segment.end,
    );
  }
  void graph;
}

// ---------------------------------------------------------------------------
// A pipeline job that runs a pipeline component (`component:` instead of `jobs:`)

/**
 * azure-ai-ml loads `component: ./x.yml` as a pipeline component and builds
 * the job's inputs and outputs from its declarations: names it does not
 * declare are dropped, literals are not checked against their types, and
 * `_validate()` fails on a required input (not optional, no default) that
 * the component's steps read and the job does not give. A registered
 * component (`azureml:`) is known to the service only.
 */
function checkRootComponent(model: BindingModel, graph: Graph, comp: RootComponent, report: Report): void {
  if (comp.form !== 'file' || !comp.iface) return;
  const at: [number, number] = comp.start !== undefined && comp.end !== undefined ? [comp.start, comp.end] : [comp.keyStart, comp.keyEnd];
  if (comp.kind && comp.kind !== 'pipelineComponent') {
    report(
      'pipeline-component-expected',
      `${comp.text} is a ${comp.iface.type ?? comp.kind} component, but a pipeline job's component must be a pipeline component (type: pipeline); the Azure ML loader rejects the job. Run it as a step under jobs: instead.`,
      at[0],
      at[1],
    );
    return;
  }
  const iface = comp.iface;
  const from = `Component ${comp.text}`;
  const job = graph.iface;
  for (const io of ['inputs', 'outputs'] as const) {
    const what = io === 'inputs' ? 'input' : 'output';
    for (const port of job[io].values()) {
      if (port.start === undefined || port.end === undefined) continue;
      const declared = iface[io].get(port.name);
      if (!declared) {
        const hint = didYouMean(port.name, iface[io].keys());
        report(
          'step-unknown-io',
          `${from} has no ${what} "${port.name}"${hint ? `; did you mean "${hint.name}"?` : iface[io].size ? ` (${what}s: ${[...iface[io].keys()].slice(0, 10).map(q).join(', ')}).` : '.'} Azure ML drops the value.`,
          port.start,
          port.end,
          hint && !job[io].has(hint.name) ? [renameFix(`Change to "${hint.name}"`, port.start, port.end, hint.name, hint.sure)] : undefined,
        );
        continue;
      }
      checkRootPortValue(model, graph, port, declared, io, report);
    }
  }
  const missing = [...iface.inputs.values()].filter(
    (p) => p.optional !== true && !p.hasDefault && !job.inputs.has(p.name) && comp.reads?.has(p.name),
  );
  for (const p of missing) {
    report(
      'step-required-input-missing',
      `The pipeline job does not give required input "${p.name}"${p.type ? ` (${p.type})` : ''} of component ${comp.text}, which its steps read; az ml job create fails with "Required input '${p.name}' for pipeline not provided".`,
      at[0],
      at[1],
    );
  }
}

function checkRootPortValue(model: BindingModel, graph: Graph, port: Port, declared: Port, io: Io, report: Report): void {
  const type = declared.type?.toLowerCase();
  if (!type) return;
  const v = port.literal;
  if (io === 'inputs' && v !== undefined && v !== null && typeof v !== 'object' && !isBinding(v)) {
    const problem = literalProblem(declared, v);
    if (!problem) return;
    const node = nodeAtPath(model.section.doc.contents, [...graph.path, 'inputs', port.name]);
    const value = isScalar(node) ? node : nodeAtPath(model.section.doc.contents, [...graph.path, 'inputs', port.name, 'value']);
    const [s, e] = value?.range ? [value.range[0], value.range[1]] : [port.start!, port.end!];
    report(
      'step-input-value-invalid',
      `Input "${port.name}" ${problem.replace(/\.$/, '')} (component ${graph.component?.text}); az ml job create does not check the types of literal inputs, so this shows only when the service or the run reads the value.`,
      s,
      e,
    );
    return;
  }
  // A typed mapping (`type: uri_folder`, `path: ...`): data for a literal input, or the reverse.
  const node = nodeAtPath(model.section.doc.contents, [...graph.path, io, port.name]);
  if (!isMap(node)) return;
  const written = nodeAtPath(node, ['type']);
  const given = isScalar(written) && typeof written.value === 'string' ? written.value : undefined;
  if (given && isPrimitiveType(given) !== isPrimitiveType(type)) {
    report(
      'step-io-mismatch',
      `${io === 'inputs' ? 'Input' : 'Output'} "${port.name}" is declared as ${declared.type} by component ${graph.component?.text}, not ${given}.`,
      port.start!,
      port.end!,
    );
  }
}

// ---------------------------------------------------------------------------
// ${inputs.x} and {inputs.x}: references without the double braces

function checkSingleBrace(model: BindingModel, ref: SingleBrace, report: Report): void {
  const written = model.file.text.slice(ref.start, ref.end);
  const binding = `\${{${ref.path}}}`;
  const effect = ref.command
    ? ref.dollar
      ? `Azure ML passes it to the command unchanged, and the shell that runs the command stops at it with "bad substitution"`
      : `Azure ML passes the text "${written}" to the command unchanged (this was the preview syntax of CLI v2)`
    : `Azure ML keeps the text "${written}" as the value`;
  report('binding-single-brace', `"${written}" is not an Azure ML binding: only ${binding} is replaced. ${effect}.`, ref.start, ref.end, [
    { title: `Change to ${binding}`, edits: [{ start: ref.start, end: ref.end, newText: binding }], isPreferred: true },
  ]);
}

// ---------------------------------------------------------------------------
// Cycles

function checkCycles(model: BindingModel, graph: Graph, report: Report): void {
  // Edges: a step that binds to another step of the same graph depends on it.
  const edges = new Map<string, Map<string, Use>>();
  for (const use of model.uses) {
    const from = use.scope.step;
    if (!from || from.graph !== graph) continue;
    const t = use.target;
    const to = t.kind === 'step' ? t.step : t.kind === 'port' && t.owner === 'step' ? t.step : undefined;
    if (!to || to.graph !== graph) continue;
    let m = edges.get(from.name);
    if (!m) edges.set(from.name, (m = new Map()));
    if (!m.has(to.name)) m.set(to.name, use);
  }
  if (!edges.size) return;
  for (const component of stronglyConnected([...graph.steps.keys()], edges)) {
    const members = new Set(component);
    const cyclic = component.length > 1 || edges.get(component[0])?.has(component[0]);
    if (!cyclic) continue;
    for (const from of component) {
      for (const [to, use] of edges.get(from) ?? []) {
        if (!members.has(to)) continue;
        const path = cyclePath(edges, members, to, from);
        const seg = use.target.kind === 'step' || use.target.kind === 'port' ? (use.expr.segments[2] ?? use.target.segment) : undefined;
        const [s, e] = seg ? [seg.start, seg.end] : [use.expr.start, use.expr.end];
        const shown = [from, ...path].join(' → ');
        report(
          'step-cycle',
          from === to
            ? `Step "${from}" binds to its own ${use.target.kind === 'port' ? use.target.io : 'outputs'}; a step cannot wait for itself.`
            : `Steps ${shown} bind to each other in a cycle; none of them can start.`,
          s,
          e,
        );
      }
    }
  }
}

/** Steps from `start` back to `goal` inside one strongly connected component (breadth first). */
function cyclePath(edges: Map<string, Map<string, Use>>, members: Set<string>, start: string, goal: string): string[] {
  const prev = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const n = queue.shift()!;
    if (n === goal) break;
    for (const next of edges.get(n)?.keys() ?? []) {
      if (!members.has(next) || prev.has(next)) continue;
      prev.set(next, n);
      queue.push(next);
    }
  }
  const path: string[] = [];
  for (let n: string | null | undefined = goal; n !== null && n !== undefined; n = prev.get(n)) path.unshift(n);
  return path[0] === start ? path : [start, goal];
}

/** Tarjan's strongly connected components, iteratively. */
function stronglyConnected(nodes: string[], edges: Map<string, Map<string, Use>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: string[]; i: number }> = [];
    const enter = (n: string) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, next: [...(edges.get(n)?.keys() ?? [])], i: 0 });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.node);
        out.push(comp.reverse());
      }
    }
  }
  return out;
}

export type { YamlSection };
