import { ARTICLES, type Rule } from '../api';

const KEYS = ['public_network_access', 'egress_public_network_access'] as const;

/**
 * Batch endpoints and batch deployments take their network isolation from the
 * workspace; the CLI rejects the online-endpoint network keys on them.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'Batch endpoints and deployments do not accept public_network_access or egress_public_network_access.',
  article: ARTICLES.batch,
  quotes: ["batch endpoints don't support the public_network_access or egress_public_network_access keys when configuring the endpoint."],
  hoverFields: [['public_network_access'], ['egress_public_network_access']],
  kinds: ['batchEndpoint', 'batchDeployment', 'modelBatchDeployment', 'pipelineComponentBatchDeployment'],
  check(ctx) {
    for (const key of KEYS) {
      if (!(key in ctx.value)) continue;
      const what = ctx.kind === 'batchEndpoint' ? 'batch endpoint' : 'batch deployment';
      const remove = ctx.edits.removeKey([key]);
      ctx.report({
        message: `A ${what} does not accept "${key}": remove it; batch endpoints follow the workspace's network isolation.`,
        at: { key: [key] },
        fixes: remove ? [{ title: `Remove "${key}"`, edits: [remove], isPreferred: true }] : [],
      });
    }
  },
};

export default rule;
