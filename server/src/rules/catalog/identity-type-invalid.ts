import type { Rule, RuleFix } from '../api';
import {
  ACCEPTED_TYPES,
  BOTH,
  ENDPOINT_IDENTITY_KINDS,
  COMPUTE_IDENTITY_KINDS,
  identityBlocks,
  identityType,
  isAccepted,
  isEmptyUai,
  JOB_IDENTITY_KINDS,
  nearestType,
  orList,
  ownerName,
  pathLabel,
  WORKSPACE_IDENTITY_KINDS,
} from '../identity';

/**
 * `identity.type` must be a value the CLI accepts for the kind after its
 * `camel_to_snake` casing transform. Workspaces and computes take
 * system_assigned, user_assigned, system_assigned,user_assigned and none;
 * endpoints the same without the combined value; jobs user_identity, managed,
 * managed_identity and aml_token.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description:
    'identity.type must be one of the identity types the Azure ML CLI accepts for the kind, in any spelling its casing transform allows.',
  kinds: [...WORKSPACE_IDENTITY_KINDS, ...COMPUTE_IDENTITY_KINDS, ...ENDPOINT_IDENTITY_KINDS, ...JOB_IDENTITY_KINDS],
  check(ctx) {
    for (const block of identityBlocks(ctx)) {
      const type = identityType(block);
      if (!type || isAccepted(block.family, type.cli)) continue;
      const accepted = ACCEPTED_TYPES[block.family];
      const targets: string[] = [];
      if (block.family === 'endpoint' && type.cli === BOTH) {
        // Endpoints take one kind of identity: keep the user-assigned list when there is one.
        const hasList = !isEmptyUai(block.value.user_assigned_identities);
        targets.push(...(hasList ? ['user_assigned', 'system_assigned'] : ['system_assigned', 'user_assigned']));
      } else targets.push(nearestType(block.family, type.raw));
      const fixes: RuleFix[] = [];
      targets.forEach((t, i) => {
        const edit = ctx.edits.setValue(type.path, t);
        if (edit) fixes.push({ title: `Change to "${t}"`, edits: [edit], isPreferred: i === 0 });
      });
      const why = block.family === 'endpoint' && type.cli === BOTH ? ' (endpoints take one kind of identity)' : '';
      ctx.report({
        message: `"${type.raw}" is not an identity type the CLI accepts for ${pathLabel(type.path)} of ${ownerName(ctx.kind, block.family)}${why}: use ${orList(accepted)}.`,
        at: { value: type.path },
        fixes,
      });
    }
  },
};

export default rule;
