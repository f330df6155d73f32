import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const A =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a';
const list = `  user_assigned_identities:\n    - resource_id: ${A}\n`;
const cluster = (type: string, rest = '') =>
  `${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\nidentity:\n  type: ${type}\n${rest}`;
const instance = (type: string, rest = '') =>
  `${schemaLine('computeInstance')}\nname: ci\ntype: computeinstance\nsize: STANDARD_DS3_v2\nidentity:\n  type: ${type}\n${rest}`;

ruleTester('compute-identity-both-types', {
  valid: [
    { name: 'cluster user_assigned', text: cluster('user_assigned', list) },
    { name: 'cluster system_assigned', text: cluster('system_assigned') },
    { name: 'instance SystemAssigned', text: instance('SystemAssigned') },
    { name: 'cluster type expression', text: cluster('${{inputs.t}}') },
    {
      name: 'a workspace may have both',
      text: `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: system_assigned,user_assigned\n  user_assigned_identities:\n    '${A}': {}\n`,
    },
    { name: "a misspelled combined value is identity-type-invalid's", text: cluster('system_assigned;user_assigned', list) },
  ],
  invalid: [
    {
      name: 'cluster with both and a list: keeps the list',
      text: cluster('system_assigned,user_assigned', list),
      errors: [
        {
          at: 'type: «system_assigned,user_assigned»',
          message:
            'identity.type "system_assigned,user_assigned" asks for both kinds of identity, but a compute cluster takes either system_assigned or user_assigned.',
          severity: 'error',
        },
      ],
      fix: { title: 'Change to "user_assigned" (keeps the identity list)', output: cluster('user_assigned', list) },
    },
    {
      name: 'instance "SystemAssigned, UserAssigned" without a list: system_assigned',
      text: instance("'SystemAssigned, UserAssigned'"),
      errors: [{ at: "type: «'SystemAssigned, UserAssigned'»", message: 'but a compute instance takes either' }],
      fix: { title: 'Change to "system_assigned"', output: instance("'system_assigned'") },
    },
  ],
});
