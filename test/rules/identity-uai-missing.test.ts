import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const UAI =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai';
const TEMPLATE =
  '/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<IDENTITY_NAME>';
const ws = (identity: string) => `${schemaLine('workspace')}\nname: ws\nidentity:\n${identity}# keep this comment\ndescription: d\n`;
const cluster = (identity: string) => `${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\nidentity:\n${identity}`;
const endpoint = (identity: string) => `${schemaLine('managedOnlineEndpoint')}\nname: ep\nauth_mode: key\nidentity:\n${identity}`;

ruleTester('identity-uai-missing', {
  valid: [
    { name: 'workspace user_assigned with a map', text: ws(`  type: user_assigned\n  user_assigned_identities:\n    '${UAI}': {}\n`) },
    {
      name: 'workspace combined type with a map',
      text: ws(`  type: SystemAssigned,UserAssigned\n  user_assigned_identities:\n    '${UAI}': {}\n`),
    },
    { name: 'workspace system_assigned alone', text: ws('  type: system_assigned\n') },
    {
      name: 'cluster user_assigned with one item',
      text: cluster(`  type: user_assigned\n  user_assigned_identities:\n    - resource_id: ${UAI}\n`),
    },
    { name: 'cluster none', text: cluster('  type: none\n') },
    { name: 'endpoint type expression', text: endpoint('  type: ${{parent.inputs.t}}\n') },
    { name: 'endpoint type not accepted (identity-type-invalid reports it)', text: endpoint('  type: user_identity\n') },
    { name: 'identity without type', text: cluster(`  user_assigned_identities:\n    - resource_id: ${UAI}\n`) },
    { name: 'batch endpoints are not checked', text: `${schemaLine('batchEndpoint')}\nname: be\nidentity:\n  type: user_assigned\n` },
  ],
  invalid: [
    {
      name: 'workspace user_assigned without a list: inserts a map under type',
      text: ws('  type: «user_assigned»\n'),
      errors: [{ message: 'identity.type "user_assigned" of a workspace has no identity.user_assigned_identities', severity: 'error' }],
      fix: {
        title: 'Add user_assigned_identities (a map',
        output: ws(`  type: user_assigned\n  user_assigned_identities:\n    ${TEMPLATE}: {}\n`),
      },
    },
    {
      name: 'cluster UserAssigned without a list: inserts a list',
      text: cluster('  type: «UserAssigned»\n  # the identities\n'),
      errors: [{ message: 'of a compute cluster has no identity.user_assigned_identities' }],
      fix: {
        title: 'Add user_assigned_identities (a list',
        output: cluster(`  type: UserAssigned\n  user_assigned_identities:\n    - resource_id: ${TEMPLATE}\n  # the identities\n`),
      },
    },
    {
      name: 'cluster with an empty flow list',
      text: cluster('  type: «user_assigned»\n  user_assigned_identities: []\n'),
      errors: [{ message: 'has an empty identity.user_assigned_identities' }],
      fix: {
        title: 'Add user_assigned_identities',
        output: cluster(`  type: user_assigned\n  user_assigned_identities: [{resource_id: '${TEMPLATE}'}]\n`),
      },
    },
    {
      name: 'endpoint with an empty key',
      text: endpoint('  type: «user_assigned»\n  user_assigned_identities:\n'),
      errors: [{ message: 'of an online endpoint has an empty identity.user_assigned_identities' }],
      fix: {
        title: 'Add user_assigned_identities',
        output: endpoint(`  type: user_assigned\n  user_assigned_identities:\n    - resource_id: ${TEMPLATE}\n`),
      },
    },
    {
      name: 'workspace combined type with an empty flow map',
      text: ws('  type: «"system_assigned,user_assigned"»\n  user_assigned_identities: {}\n'),
      errors: [{ message: 'identity.type "system_assigned,user_assigned"' }],
      fix: {
        title: 'Add user_assigned_identities',
        output: ws(`  type: "system_assigned,user_assigned"\n  user_assigned_identities: {'${TEMPLATE}': {}}\n`),
      },
    },
  ],
});
