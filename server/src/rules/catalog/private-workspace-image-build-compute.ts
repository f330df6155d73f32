import { ARTICLES, type OffsetEdit, type Rule, type RuleContext } from '../api';
import { publicAccess } from '../networkAcls';
import { isExpression } from '../../core/scalars';

const KEY = 'image_build_compute';
const PLACEHOLDER = '<compute-cluster-name>';
/** At most this many cluster names are offered as separate fixes. */
const MAX_CHOICES = 5;

/**
 * A private workspace cannot build images on ACR tasks compute; when its
 * dependencies are behind private endpoints it needs a named compute cluster.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'A workspace with public_network_access Disabled should name a compute cluster in image_build_compute.',
  article: ARTICLES.privateLink,
  quotes: [
    'If your workspace dependencies are under network restrictions, use the image_build_compute property to specify a compute cluster to use for image building.',
  ],
  hoverFields: [['image_build_compute'], ['public_network_access']],
  kinds: ['workspace'],
  check(ctx) {
    if (publicAccess(ctx.value) !== 'disabled') return;
    if (hasImageBuildCompute(ctx.value[KEY])) return;
    // On the key: the value keeps its own schema hints (a non-canonical casing such as DISABLED).
    const written = String(ctx.value.public_network_access);
    const clusters = clusterNames(ctx);
    const fixes = clusters.length
      ? clusters.slice(0, MAX_CHOICES).map((name) => ({
          title: `Set image_build_compute to the compute cluster "${name}"`,
          edits: edit(ctx, name),
          isPreferred: clusters.length === 1,
        }))
      : [
          {
            title: `Add image_build_compute with the placeholder ${PLACEHOLDER} (replace it with a compute cluster name)`,
            edits: edit(ctx, PLACEHOLDER),
          },
        ];
    ctx.report({
      message: `public_network_access is "${written}" but image_build_compute is not set: name a compute cluster in image_build_compute so that images can still be built when the workspace's storage account or container registry are behind private endpoints.`,
      at: { key: ['public_network_access'] },
      fixes: fixes.filter((f) => f.edits.length),
    });
  },
};

function hasImageBuildCompute(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '' || isExpression(value);
  return true;
}

/** Compute cluster names from the workspace index: those that belong to this workspace spec first. */
function clusterNames(ctx: RuleContext): string[] {
  const view = ctx.workspace;
  if (!view) return [];
  const specs = view.specs(['amlCompute']).filter((s) => typeof s.name === 'string' && s.name.trim() && !isExpression(s.name));
  const own = specs.filter((s) => view.workspaceFor(s.uri)?.uri === ctx.uri);
  const chosen = own.length ? own : specs;
  return [...new Set(chosen.map((s) => s.name!.trim()))];
}

function edit(ctx: RuleContext, name: string): OffsetEdit[] {
  const e = KEY in ctx.value ? ctx.edits.setValue([KEY], name) : ctx.edits.insertKey([], KEY, name, 'public_network_access');
  return e ? [e] : [];
}

export default rule;
