import { ARTICLES, type Rule } from '../api';
import { isPrivateWorkspace, where, workspaceOf } from '../crossFile';
import { isExpression } from '../../core/scalars';

const norm = (s: string) => s.replace(/[\s_-]+/g, '').toLowerCase();

/**
 * Computes of a workspace behind a private endpoint must be in the
 * workspace's region. Cross-file: reads the location of the workspace spec
 * the compute belongs to.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: "A compute's location differs from the location of its private workspace (cross-file).",
  article: ARTICLES.privateLink,
  quotes: ['the compute instance and compute cluster must be in the same Azure region as the workspace.'],
  hoverFields: [['location']],
  kinds: ['amlCompute', 'computeInstance', 'kubernetesCompute'],
  crossFile: true,
  check(ctx) {
    const ws = workspaceOf(ctx);
    if (!ws || !isPrivateWorkspace(ws)) return;
    const wsLocation = ws.value.location;
    const location = ctx.value.location;
    if (typeof wsLocation !== 'string' || typeof location !== 'string' || !wsLocation.trim() || !location.trim()) return;
    if (isExpression(wsLocation) || isExpression(location) || norm(wsLocation) === norm(location)) return;
    const edit = ctx.edits.setValue(['location'], wsLocation.trim());
    ctx.report({
      message: `This compute is in "${location}" but its workspace (${where(ws, ctx.uri)}) is in "${wsLocation}" and has public_network_access Disabled: computes of a workspace with a private endpoint must be in the workspace's region.`,
      at: { value: ['location'] },
      fixes: edit ? [{ title: `Set location to "${wsLocation.trim()}" (the workspace's)`, edits: [edit], isPreferred: true }] : [],
    });
  },
};

export default rule;
