import type { CursorContext } from '../core/context';
import type { YamlPath, YamlSection } from '../core/document';
import { kindInfo } from '../core/kinds';
import { CompletionItemKind, type CompletionItem } from '../core/types';
import type { FieldFacts } from '../schema/navigate';
import type { AmlLanguageService, Analysis } from '../service';
import type { SpecSummary } from '../workspace/view';

/** Kinds a reference of each `x-reference` category may point at. */
export const REFERENCE_KINDS: Record<string, readonly string[]> = {
  compute: ['amlCompute', 'computeInstance', 'kubernetesCompute', 'vmCompute', 'synapseSparkCompute'],
  environment: ['environment'],
  data: ['data'],
  model: ['model'],
  component: ['commandComponent', 'pipelineComponent', 'sparkComponent', 'parallelComponent'],
  datastore: ['azureBlob', 'azureFile', 'azureDataLakeGen1', 'azureDataLakeGen2'],
  endpoint: ['managedOnlineEndpoint', 'kubernetesOnlineEndpoint', 'batchEndpoint'],
};

/** Fields that name other specs even where the schema has no annotation. */
export function referenceCategory(path: YamlPath, facts?: FieldFacts): string | undefined {
  if (facts?.reference) return facts.reference;
  const last = String(path[path.length - 1] ?? '');
  if (last === 'compute' || last === 'image_build_compute' || last === 'default_compute') return 'compute';
  if (last === 'environment' || last === 'default_environment') return 'environment';
  if (last === 'endpoint_name') return 'endpoint';
  if (last === 'model') return 'model';
  if (last === 'component') return 'component';
  return undefined;
}

/** Parses `azureml:<name>`, `azureml:<name>:<version>` and `azureml:<name>@<label>`. */
export function parseAssetReference(text: string): { name: string; version?: string; label?: string } | undefined {
  const m = /^azureml:(?!\/\/)([A-Za-z0-9][A-Za-z0-9_.-]*)(?::([^@:\s]+)|@([A-Za-z0-9_.-]+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1], version: m[2], label: m[3] };
}

/** Completion of known spec names for reference fields. */
export function referenceCompletions(service: AmlLanguageService, analysis: Analysis, kind: string, ctx: CursorContext, facts: FieldFacts, range: any): CompletionItem[] {
  const view = service.workspaceView;
  const category = referenceCategory(ctx.path, facts);
  if (!view || !category) return [];
  const kinds = REFERENCE_KINDS[category] ?? [];
  const bare = category === 'endpoint' || ctx.path[ctx.path.length - 1] === 'image_build_compute';
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const spec of view.specs(kinds)) {
    if (!spec.name || spec.uri === analysis.uri) continue;
    const text = bare ? spec.name : `azureml:${spec.name}${spec.version !== undefined && category !== 'compute' ? `:${spec.version}` : ''}`;
    if (seen.has(text)) continue;
    seen.add(text);
    items.push({
      label: text,
      kind: CompletionItemKind.Reference,
      detail: `${kindInfo(spec.kind)?.title ?? spec.kind} in ${relativeName(spec.uri, analysis.uri)}`,
      textEdit: { range, newText: text },
      sortText: `0_${text}`,
    });
  }
  void kind;
  return items;
}

function relativeName(uri: string, from: string): string {
  const a = uri.split('/');
  const b = from.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array(b.length - 1 - i).fill('..'), ...a.slice(i)].join('/') || uri;
}

/** Markdown summarising the spec a reference points at, or undefined. */
export function referenceHover(service: AmlLanguageService, analysis: Analysis, section: YamlSection, path: YamlPath, kind: string): string | undefined {
  const view = service.workspaceView;
  if (!view) return undefined;
  let v: any = section.value;
  for (const s of path) v = v?.[s as any];
  if (typeof v !== 'string') return undefined;
  const target = resolveReference(service, path, v);
  if (!target) return undefined;
  void kind;
  return summarise(target, analysis.uri);
}

export function resolveReference(service: AmlLanguageService, path: YamlPath, text: string): SpecSummary | undefined {
  const view = service.workspaceView;
  if (!view) return undefined;
  const category = referenceCategory(path);
  const parsed = parseAssetReference(text);
  const name = parsed?.name ?? (category === 'compute' || category === 'endpoint' ? text.trim() : undefined);
  if (!name || !category) return undefined;
  const candidates = view.byName(REFERENCE_KINDS[category] ?? [], name);
  if (parsed?.version) return candidates.find((c) => String(c.version) === parsed.version) ?? candidates[0];
  return candidates[0];
}

export function summarise(spec: SpecSummary, from: string): string {
  const facts: string[] = [];
  const v = spec.value;
  for (const key of ['type', 'size', 'location', 'public_network_access', 'version', 'image', 'auth_mode']) {
    if (v[key] !== undefined && typeof v[key] !== 'object') facts.push(`${key}: \`${String(v[key])}\``);
  }
  const identity = v.identity as Record<string, unknown> | undefined;
  if (identity && typeof identity === 'object' && typeof identity.type === 'string') facts.push(`identity: \`${identity.type}\``);
  return [`**${spec.name}** · ${kindInfo(spec.kind)?.title ?? spec.kind}`, '', `Defined in \`${relativeName(spec.uri, from)}\``, ...(facts.length ? ['', facts.join(' · ')] : [])].join('\n');
}
