import { isMap, keyText, type YamlNode } from '../../core/document';
import { ARTICLES, type Rule } from '../api';
import { where, workspaceOf } from '../crossFile';

/**
 * Batch deployments cannot run in a workspace encrypted with a
 * customer-managed key. Cross-file: reads the workspace spec.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'A batch deployment belongs to a workspace spec that sets customer_managed_key (cross-file).',
  article: ARTICLES.batch,
  quotes: ["Batch deployments aren't supported in workspaces with customer-managed encryption keys (CMK)."],
  kinds: ['batchDeployment', 'modelBatchDeployment', 'pipelineComponentBatchDeployment'],
  crossFile: true,
  check(ctx) {
    const ws = workspaceOf(ctx);
    const cmk = ws?.value.customer_managed_key;
    if (!ws || cmk === null || cmk === undefined || cmk === '' || (typeof cmk === 'object' && !Object.keys(cmk as object).length)) return;
    // On the deployment's name, else its first key: the whole deployment is affected.
    const root = ctx.section.doc.contents as YamlNode | null;
    const first = isMap(root)
      ? (root.items.find((p) => keyText(p.key) === 'name') ?? root.items.find((p) => keyText(p.key) !== '$schema') ?? root.items[0])
      : undefined;
    const key = first?.key as YamlNode | undefined;
    ctx.report({
      message: `The workspace of this batch deployment (${where(ws, ctx.uri)}) uses a customer-managed key (customer_managed_key): batch deployments are not supported in workspaces encrypted with a customer-managed key.`,
      at: { node: key },
    });
  },
};

export default rule;
