import { ARTICLES, type Rule } from '../api';
import { identityType, isAccepted } from '../identity';
import { asMap, isExpression } from '../../core/scalars';

const IDLE_KEYS = ['idle_time_before_shutdown', 'idle_time_before_shutdown_minutes'] as const;

/**
 * A compute instance with a managed identity only shuts down when idle if that
 * identity may act on the workspace.
 */
const rule: Rule = {
  defaultSeverity: 'info',
  description:
    'A compute instance with a managed identity and idle shutdown only shuts down if the identity has Contributor access to the workspace.',
  article: ARTICLES.identity,
  quotes: [
    "the compute instance won't shut down due to inactivity unless the managed identity has contributor access to the Azure Machine Learning workspace.",
  ],
  hoverFields: [['idle_time_before_shutdown'], ['idle_time_before_shutdown_minutes'], ['identity']],
  kinds: ['computeInstance'],
  check(ctx) {
    const identity = asMap(ctx.value.identity);
    if (!identity) return;
    const type = identityType({ path: ['identity'], family: 'compute', value: identity });
    if (type && isAccepted('compute', type.cli) && type.cli === 'none') return;
    for (const key of IDLE_KEYS) {
      const v = ctx.value[key];
      if (v === undefined || v === null || v === '' || isExpression(v)) continue;
      ctx.report({
        message: `This compute instance has a managed identity, so "${key}" only shuts it down if that identity has Contributor access to the workspace.`,
        at: { key: [key] },
      });
    }
  },
};

export default rule;
