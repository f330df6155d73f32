import { ARTICLES, type Rule } from '../api';
import { isPrivateWorkspace, where, workspaceOf } from '../crossFile';
import { publicAccess } from '../networkAcls';

/**
 * A managed online endpoint that asks for public access in a workspace whose
 * public network access is disabled: the private-link article lists that
 * combination as not supported. Cross-file: reads the workspace spec.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description:
    'A managed online endpoint sets public_network_access: enabled while its workspace has public_network_access Disabled (cross-file).',
  article: ARTICLES.privateLink,
  quotes: [
    'Enabling inbound access from selected IP addresses is affected by the ingress setting on your managed online endpoints.',
    'Disabled | Enabled | No (all public traffic rejected) | Not supported',
  ],
  hoverFields: [['public_network_access']],
  kinds: ['managedOnlineEndpoint'],
  crossFile: true,
  check(ctx) {
    if (publicAccess(ctx.value) !== 'enabled') return;
    const ws = workspaceOf(ctx);
    if (!ws || !isPrivateWorkspace(ws)) return;
    const edit = ctx.edits.setValue(['public_network_access'], 'disabled');
    ctx.report({
      message: `This endpoint enables public network access but its workspace (${where(ws, ctx.uri)}) has public_network_access Disabled: a public managed online endpoint in a workspace with public access disabled is not supported.`,
      at: { value: ['public_network_access'] },
      fixes: edit ? [{ title: 'Set public_network_access to disabled', edits: [edit], isPreferred: true }] : [],
    });
  },
};

export default rule;
