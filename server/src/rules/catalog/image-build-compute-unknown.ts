import { kindInfo, kindsOfFamily } from '../../core/kinds';
import { ARTICLES, type Rule } from '../api';
import { specsOf, where } from '../crossFile';
import { isExpression } from '../../core/scalars';

const KEY = 'image_build_compute';
const COMPUTE_SPEC_KINDS = kindsOfFamily('compute');
const MAX_CHOICES = 5;

/**
 * image_build_compute must name a compute cluster of the workspace. Cross-file:
 * judged against the compute specs that belong to this workspace spec; a
 * repository that holds none of them says nothing about the workspace's computes.
 */
const rule: Rule = {
  defaultSeverity: 'info',
  description: 'image_build_compute names no compute spec of the workspace, or a compute that is not a cluster (cross-file).',
  article: ARTICLES.privateLink,
  quotes: ['the compute referenced by image_build_compute needs to be created before building images.'],
  hoverFields: [[KEY]],
  kinds: ['workspace'],
  crossFile: true,
  check(ctx) {
    const view = ctx.workspace;
    const raw = ctx.value[KEY];
    if (!view || typeof raw !== 'string' || !raw.trim() || isExpression(raw)) return;
    const name = raw.trim().replace(/^azureml:/, '');
    const own = specsOf(view, { uri: ctx.uri, docIndex: ctx.section.index }, COMPUTE_SPEC_KINDS);
    if (!own.length) return;
    const clusters = [...new Set(own.filter((s) => s.kind === 'amlCompute' && s.name && s.name !== name).map((s) => s.name!))].sort();
    const fixes = clusters
      .slice(0, MAX_CHOICES)
      .map((c) => {
        const e = ctx.edits.setValue([KEY], c);
        return { title: `Use the compute cluster "${c}"`, edits: e ? [e] : [], isPreferred: clusters.length === 1 };
      })
      .filter((f) => f.edits.length);
    const matches = own.filter((s) => s.name === name);
    if (!matches.length) {
      ctx.report({
        message: `No compute spec named "${name}" belongs to this workspace${clusters.length ? ` (compute clusters: ${clusters.join(', ')})` : ''}; the compute referenced by image_build_compute must exist before images are built.`,
        at: { value: [KEY] },
        severity: 'info',
        fixes,
      });
      return;
    }
    if (matches.some((s) => s.kind === 'amlCompute')) return;
    const m = matches[0];
    ctx.report({
      message: `"${name}" is a ${(kindInfo(m.kind)?.title ?? m.kind).toLowerCase()} (${where(m, ctx.uri)}), not a compute cluster: image_build_compute needs a compute cluster.`,
      at: { value: [KEY] },
      severity: 'warning',
      fixes,
    });
  },
};

export default rule;
