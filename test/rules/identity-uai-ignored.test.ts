import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const UAI =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai';
const ws = (identity: string) => `${schemaLine('workspace')}\nname: ws\nidentity:\n${identity}location: eastus\n`;
const cluster = (identity: string) => `${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\nidentity:\n${identity}`;
const endpoint = (identity: string) => `${schemaLine('managedOnlineEndpoint')}\nname: ep\nauth_mode: key\nidentity:\n${identity}`;
const wsMap = `  user_assigned_identities:\n    '${UAI}': {}\n`;
const list = `  user_assigned_identities:\n    - resource_id: ${UAI}\n`;

ruleTester('identity-uai-ignored', {
  valid: [
    { name: 'workspace user_assigned with a map', text: ws(`  type: user_assigned\n${wsMap}`) },
    { name: 'workspace combined type with a map', text: ws(`  type: system_assigned,user_assigned\n${wsMap}`) },
    { name: 'workspace system_assigned with an empty map', text: ws('  type: system_assigned\n  user_assigned_identities: {}\n') },
    { name: 'cluster system_assigned with an empty key', text: cluster('  type: system_assigned\n  user_assigned_identities:\n') },
    { name: 'cluster user_assigned with a list', text: cluster(`  type: user_assigned\n${list}`) },
    { name: 'type left out', text: cluster(list) },
    { name: 'type expression', text: endpoint(`  type: \${{parent.inputs.t}}\n${list}`) },
  ],
  invalid: [
    {
      name: 'workspace system_assigned with a map: offers the combined type',
      text: ws(`  type: system_assigned\n${wsMap}`),
      errors: [
        {
          at: 'user_assigned_identities',
          message: 'identity.user_assigned_identities of a workspace is ignored because identity.type is "system_assigned".',
          severity: 'warning',
        },
      ],
      fix: {
        title: 'Change identity.type to "system_assigned,user_assigned"',
        output: ws(`  type: system_assigned,user_assigned\n${wsMap}`),
      },
    },
    {
      name: 'workspace none: removing the list',
      text: ws(`  type: None\n${wsMap}`),
      errors: [{ at: 'user_assigned_identities', message: 'identity.type is "None"' }],
      fix: { title: 'Remove user_assigned_identities', output: ws('  type: None\n') },
    },
    {
      name: 'cluster SystemAssigned with a list: user_assigned (clusters take one kind)',
      text: cluster(`  type: SystemAssigned\n${list}`),
      errors: [{ at: 'user_assigned_identities', message: 'of a compute cluster is ignored' }],
      fix: { title: 'Change identity.type to "user_assigned"', output: cluster(`  type: user_assigned\n${list}`) },
    },
    {
      name: 'endpoint system_assigned with a quoted type keeps its quotes',
      text: endpoint(`  type: 'system_assigned'\n${list}`),
      errors: [{ at: 'user_assigned_identities', message: 'of an online endpoint is ignored' }],
      fix: { title: 'Change identity.type to "user_assigned"', output: endpoint(`  type: 'user_assigned'\n${list}`) },
    },
  ],
});
