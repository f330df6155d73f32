import { KINDS, kindInfo, schemaUrlOf } from '../core/kinds';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from '../core/types';
import { childSchemas, expand, factsOf, propertiesOf } from '../schema/navigate';
import type { Analysis, ServiceContext } from './analysis';
import { withStarterModeline } from './redHat';

export type { Starter } from '../protocol';
import type { Starter } from '../protocol';

/** Secure variants written by hand: the setups the source articles describe. */
const SECURE: Starter[] = [
  {
    id: 'workspace-private-link',
    label: 'Workspace with private link',
    description: 'Public access disabled, with the compute cluster used to build images.',
    kind: 'workspace',
    snippet: [
      `\\$schema: ${schemaUrlOf('workspace')}`,
      'name: ${1:my-private-workspace}',
      'location: ${2:eastus}',
      'public_network_access: Disabled',
      'image_build_compute: ${3:cpu-cluster}',
      'managed_network:',
      '  isolation_mode: allow_only_approved_outbound',
      '',
    ].join('\n'),
  },
  {
    id: 'workspace-user-assigned-identity',
    label: 'Workspace with user-assigned identities',
    description: 'User-assigned managed identities with a primary identity.',
    kind: 'workspace',
    snippet: [
      `\\$schema: ${schemaUrlOf('workspace')}`,
      'name: ${1:my-workspace}',
      'location: ${2:eastus}',
      'identity:',
      '  type: user_assigned',
      '  user_assigned_identities:',
      "    '/subscriptions/${3:subscription-id}/resourceGroups/${4:resource-group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${5:identity-name}': {}",
      'primary_user_assigned_identity: /subscriptions/${3}/resourceGroups/${4}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${5}',
      '',
    ].join('\n'),
  },
  {
    id: 'compute-cluster-user-assigned-identity',
    label: 'Compute cluster with a user-assigned identity',
    description: 'An autoscaling cluster with no public IP and a user-assigned identity.',
    kind: 'amlCompute',
    snippet: [
      `\\$schema: ${schemaUrlOf('amlCompute')}`,
      'name: ${1:cpu-cluster}',
      'type: amlcompute',
      'size: ${2:Standard_DS3_v2}',
      'min_instances: 0',
      'max_instances: ${3:4}',
      'enable_node_public_ip: false',
      'identity:',
      '  type: user_assigned',
      '  user_assigned_identities:',
      '    - resource_id: /subscriptions/${4:subscription-id}/resourceGroups/${5:resource-group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${6:identity-name}',
      '',
    ].join('\n'),
  },
  {
    id: 'command-job-user-identity',
    label: 'Command job with user identity',
    description: "A command job that reads data with the submitting user's identity.",
    kind: 'commandJob',
    snippet: [
      `\\$schema: ${schemaUrlOf('commandJob')}`,
      'type: command',
      'command: ${1:python train.py --data \\${{inputs.training_data}}}',
      'code: ${2:./src}',
      'environment: ${3:azureml:my-environment:1}',
      'compute: ${4:azureml:cpu-cluster}',
      'identity:',
      '  type: user_identity',
      'inputs:',
      '  training_data:',
      '    type: uri_folder',
      '    path: azureml://datastores/${5:workspaceblobstore}/paths/${6:data}',
      '',
    ].join('\n'),
  },
];

/** Components need snake_case names; other kinds take kebab-case. */
function sampleName(kind: string): string {
  const words = kind
    .replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())
    .trim()
    .split(' ');
  return kind.endsWith('Component') ? `my_${words.join('_')}` : `my-${words.join('-')}`;
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/** A minimal spec for a kind, generated from its schema's required keys (nested ones too). */
function generated(service: ServiceContext, kind: string): string | undefined {
  const root = service.store.root(kind);
  if (!root) return undefined;
  // Kinds whose required keys depend on choices a generator cannot make well carry a hand-written starter (`x-kind.starter`).
  const curated = kindInfo(kind)?.starter;
  if (curated) return [`\\$schema: ${schemaUrlOf(kind)}`, ...curated, '$0'].join('\n');
  const lines = [`\\$schema: ${schemaUrlOf(kind)}`];
  const stop = { n: 1 };
  const expanded = expand(service.store, [root], {});
  writeKeys(service, expanded, '', 0, lines, stop, kind, true);
  if (kind === 'pipelineJob' || kind === 'pipelineComponent') {
    // Pipelines need at least one step; the schema can only say "jobs or component".
    if (!lines.some((l) => l.startsWith('jobs:'))) {
      lines.push('jobs:', `  \${${stop.n++}:train}:`, '    type: command', `    component: \${${stop.n++}:azureml:my-component:1}`);
    }
  }
  lines.push('$0');
  return lines.join('\n');
}

function writeKeys(
  service: ServiceContext,
  expanded: ReturnType<typeof expand>,
  pad: string,
  depth: number,
  lines: string[],
  stop: { n: number },
  kind: string,
  top: boolean,
): void {
  const props = propertiesOf(service.store, expanded);
  const byName = new Map(props.map((p) => [p.name, p]));
  const order = top
    ? ['name', 'type', ...props.filter((p) => p.required).map((p) => p.name)]
    : ['type', ...props.filter((p) => p.required).map((p) => p.name)];
  const done = new Set<string>(['$schema']);
  for (const name of order) {
    if (done.has(name)) continue;
    const p = byName.get(name);
    if (!p) continue;
    if (!p.required && !(top && name === 'name') && name !== 'type') continue;
    done.add(name);
    const f = factsOf(p.schemas);
    if (name === 'type' && f.enumValues.length === 0 && !p.required) continue;
    const tab = () => stop.n++;
    if (f.enumValues.length === 1) lines.push(`${pad}${name}: ${String(f.enumValues[0])}`);
    else if (f.enumValues.length > 1)
      lines.push(`${pad}${name}: \${${tab()}|${f.enumValues.map((v) => String(v).replace(/[,|$}\\]/g, '\\$&')).join(',')}|}`);
    else if (f.types.includes('object') && !f.types.includes('string')) {
      const inner: string[] = [];
      if (depth < 3) writeKeys(service, p.schemas, pad + '  ', depth + 1, inner, stop, kind, false);
      if (inner.length) lines.push(`${pad}${name}:`, ...inner);
      else lines.push(`${pad}${name}: {}`);
    } else if (f.types.includes('array') && !f.types.includes('string')) {
      const items = expand(service.store, childSchemas(p.schemas, 0), undefined);
      const itemFacts = factsOf(items);
      const inner: string[] = [];
      if (itemFacts.types.includes('object') && depth < 3) writeKeys(service, items, pad + '    ', depth + 1, inner, stop, kind, false);
      if (inner.length) lines.push(`${pad}${name}:`, pad + '  - ' + inner[0].slice(pad.length + 4), ...inner.slice(1));
      else lines.push(`${pad}${name}:`, `${pad}  - \${${tab()}:${snippetEscape(name)}}`);
    } else if (f.types.includes('integer') || f.types.includes('number'))
      lines.push(`${pad}${name}: \${${tab()}:${f.hasDefault ? String(f.defaultValue) : '1'}}`);
    else if (f.types.includes('boolean'))
      lines.push(`${pad}${name}: \${${tab()}|${f.hasDefault && f.defaultValue === true ? 'true,false' : 'false,true'}|}`);
    else
      lines.push(
        `${pad}${name}: \${${tab()}:${snippetEscape(name === 'name' ? sampleName(kind) : typeof f.examples[0] === 'string' ? f.examples[0] : name)}}`,
      );
  }
}

/** Every starter: one per kind with a schema, plus the secure variants. */
export function starters(service: ServiceContext): Starter[] {
  const out: Starter[] = [...SECURE];
  for (const k of KINDS) {
    const snippet = generated(service, k.id);
    if (snippet) out.push({ id: k.id, label: k.title, description: `A minimal ${k.title.toLowerCase()} spec`, kind: k.id, snippet });
  }
  return out;
}

export function starterItems(service: ServiceContext, analysis: Analysis, position: Position): CompletionItem[] {
  const range = { start: { line: 0, character: 0 }, end: analysis.file.lines.positionAt(analysis.file.text.length) };
  void position;
  return starters(service)
    .map((s) => withStarterModeline(s, analysis.config))
    .map((s, i) => ({
      label: `Azure ML: ${s.label}`,
      kind: CompletionItemKind.Snippet,
      detail: s.description,
      documentation: {
        kind: 'markdown' as const,
        value:
          '```yaml\n' +
          s.snippet
            .replace(/\$\{\d+:([^}]*)\}/g, '$1')
            .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
            .replace(/\$\{?\d+\}?/g, '')
            .replace(/\\([$}\\])/g, '$1') +
          '\n```',
      },
      textEdit: { range, newText: s.snippet },
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: String(i).padStart(3, '0'),
      filterText: `azureml ${s.kind} ${s.label}`,
    }));
}
