import type { ParsedFile, YamlSection } from '../core/document';
import type { WorkspaceView } from '../workspace/view';
import { bindingModel, BINDING_KINDS, COMPONENT_SPEC_KINDS, type BindingSummary, type Interface, type PortSummary } from './model';

/**
 * What the workspace index keeps of a spec's bindings, so that other files
 * can check steps against a component file, show its signature, go to its
 * declarations and rename across files without reading it again: the
 * declared inputs and outputs with their ranges, the uses of them in the
 * file's commands, the steps that run local component files, and the
 * bindings to other steps' ports. Plain data (no syntax tree), small.
 *
 * The summary depends on this file alone; `view` is the one the document is
 * analysed with, so that the model built here is the one its analysis
 * reuses (a model built without it would be built again for the analysis).
 */
export function summarizeBindings(
  section: YamlSection,
  kind: string,
  file: ParsedFile,
  uri: string,
  view?: WorkspaceView,
): BindingSummary | undefined {
  if (!BINDING_KINDS.has(kind) || kind === 'schedule' || kind === 'pipelineComponentBatchDeployment') return undefined;
  try {
    return summarize(section, kind, file, uri, view);
  } catch {
    return undefined; // indexing goes on; the file's own analysis reports what it can
  }
}

function summarize(
  section: YamlSection,
  kind: string,
  file: ParsedFile,
  uri: string,
  view: WorkspaceView | undefined,
): BindingSummary | undefined {
  const model = bindingModel(section, kind, file, uri, { view, ownFactsOnly: true });
  const iface: Interface | undefined = model.root ?? model.graph?.iface;
  if (!iface) return undefined;
  const ports = (io: 'inputs' | 'outputs'): PortSummary[] =>
    [...iface[io].values()].map((p) => {
      const s: PortSummary = { name: p.name, range: p.range };
      if (p.type !== undefined) s.type = p.type;
      if (p.optional) s.optional = true;
      if (p.hasDefault) {
        s.hasDefault = true;
        s.defaultValue = typeof p.defaultValue === 'object' ? undefined : p.defaultValue;
      }
      if (p.description !== undefined) s.description = p.description.length > 500 ? p.description.slice(0, 497) + '...' : p.description;
      if (p.mode !== undefined) s.mode = p.mode;
      if (p.enum) s.enum = p.enum.slice(0, 100);
      if (p.min !== undefined) s.min = p.min;
      if (p.max !== undefined) s.max = p.max;
      return s;
    });
  const summary: BindingSummary = {
    inputs: ports('inputs'),
    outputs: ports('outputs'),
    uses: [],
    steps: [],
    stepBindings: [],
  };
  if (COMPONENT_SPEC_KINDS.has(kind)) {
    if (iface.name !== undefined) summary.name = iface.name;
    if (iface.version !== undefined) summary.version = iface.version;
    if (iface.type !== undefined) summary.type = iface.type;
    if (iface.description !== undefined) summary.description = iface.description.slice(0, 500);
  }
  const range = (s: number, e: number) => file.lines.range(s, e);
  for (const use of model.uses) {
    const t = use.target;
    if (t.kind !== 'port') continue;
    if (t.owner === 'own' && t.iface === model.root && model.root)
      summary.uses.push({ io: t.io, name: t.name, range: range(t.segment.start, t.segment.end) });
    // A pipeline component's own ports are `${{parent.inputs.x}}` and `${{parent.outputs.y}}` in its steps.
    else if (t.owner === 'graph' && kind === 'pipelineComponent' && t.graph === model.graph)
      summary.uses.push({ io: t.io, name: t.name, range: range(t.segment.start, t.segment.end) });
    else if (t.owner === 'step' && t.step && t.graph === model.graph)
      summary.stepBindings.push({ step: t.step.name, io: t.io, name: t.name, range: range(t.segment.start, t.segment.end) });
  }
  if (kind === 'pipelineComponent' && model.graph) {
    const reads = new Set<string>();
    for (const use of model.uses) {
      const t = use.target;
      const step = use.scope.step;
      if (t.kind !== 'port' || t.owner !== 'graph' || t.io !== 'inputs' || t.graph !== model.graph || !step) continue;
      if (use.path.length > step.path.length && use.path[step.path.length] === 'inputs') reads.add(t.name);
    }
    summary.parentInputReads = [...reads];
  }
  const rootComponent = model.graph?.component;
  if (rootComponent?.form === 'file' && rootComponent.uri) {
    const ports = (io: 'inputs' | 'outputs') =>
      [...model.graph!.iface[io].values()].filter((p) => p.start !== undefined).map((p) => ({ name: p.name, range: p.range }));
    summary.component = { uri: rootComponent.uri, inputs: ports('inputs'), outputs: ports('outputs') };
  }
  for (const step of model.graph?.steps.values() ?? []) {
    if (step.component.form !== 'file' || !step.component.uri) continue;
    summary.steps.push({
      name: step.name,
      range: range(step.start, step.end),
      component: step.component.uri,
      inputs: [...step.inputs.values(), ...step.searchSpace.values()].map((e) => ({ name: e.name, range: range(e.start, e.end) })),
      outputs: [...step.outputs.values()].map((e) => ({ name: e.name, range: range(e.start, e.end) })),
    });
  }
  return summary;
}

/** The part of a summary other files depend on (what their checks read), for change detection. */
export function summarySignature(summary: BindingSummary | undefined): unknown {
  if (!summary) return undefined;
  const port = (p: PortSummary) => [p.name, p.type, p.optional, p.hasDefault, p.mode, p.enum, p.min, p.max];
  return [summary.inputs.map(port), summary.outputs.map(port), summary.name, summary.version, summary.type, summary.parentInputReads];
}
