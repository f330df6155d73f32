import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const A =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a';
const B =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b';
const ws = (uai: string) =>
  `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: system_assigned,user_assigned\n${uai}location: eastus # region\n`;
const cluster = (uai: string) =>
  `${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\nidentity:\n  type: user_assigned\n${uai}size: STANDARD_DS3_v2\n`;
const endpoint = (uai: string) =>
  `${schemaLine('managedOnlineEndpoint')}\nname: ep\nauth_mode: key\nidentity:\n  type: user_assigned\n${uai}`;

ruleTester('identity-uai-shape', {
  valid: [
    { name: 'workspace map of id to {}', text: ws(`  user_assigned_identities:\n    '${A}': {}\n    '${B}': {}\n`) },
    { name: 'workspace map with an empty value', text: ws(`  user_assigned_identities:\n    '${A}':\n`) },
    { name: 'workspace empty map', text: ws('  user_assigned_identities: {}\n') },
    {
      name: 'cluster list of resource_id',
      text: cluster(`  user_assigned_identities:\n    - resource_id: ${A}\n    - resource_id: "${B}"\n`),
    },
    { name: 'cluster empty list', text: cluster('  user_assigned_identities: []\n') },
    {
      name: 'endpoint list with client_id',
      text: endpoint(`  user_assigned_identities:\n    - resource_id: ${A}\n      client_id: 11111111-1111-1111-1111-111111111111\n`),
    },
    { name: 'no user_assigned_identities', text: cluster('') },
  ],
  invalid: [
    {
      name: 'workspace given a compute-style list: converted to a map, quoting kept',
      text: ws(`  user_assigned_identities:\n    «- resource_id: '${A}'\n    - resource_id: "${B}"\n»`),
      errors: [
        { message: 'identity.user_assigned_identities of a workspace must be a map of resource id to {}, not a list.', severity: 'error' },
      ],
      fix: { title: 'Convert to a map of resource id to {}', output: ws(`  user_assigned_identities:\n    '${A}': {}\n    "${B}": {}\n`) },
    },
    {
      name: 'workspace given a compact list at the key indentation',
      text: ws(`  user_assigned_identities:\n  «- resource_id: ${A}\n    client_id: abc\n»`),
      errors: [{ message: 'not a list' }],
      fix: { title: 'Convert to a map', output: ws(`  user_assigned_identities:\n    ${A}: {client_id: abc}\n`) },
    },
    {
      name: 'cluster given a workspace-style map: converted to a list',
      text: cluster(`  user_assigned_identities:\n    «'${A}': {}\n    '${B}':»\n`),
      errors: [{ message: 'of a compute cluster must be a list of {resource_id: <id>}, not a map.' }],
      fix: {
        title: 'Convert to a list of {resource_id: ...}',
        output: cluster(`  user_assigned_identities:\n    - resource_id: '${A}'\n    - resource_id: '${B}'\n`),
      },
    },
    {
      name: 'endpoint given a plain id as a list item',
      text: endpoint(`  user_assigned_identities:\n    - «${A}»\n`),
      errors: [
        { message: 'Item 1 of identity.user_assigned_identities of an online endpoint must be {resource_id: <id>}, not the bare id ".../' },
      ],
      fix: { title: 'Write it as resource_id: <id>', output: endpoint(`  user_assigned_identities:\n    - resource_id: ${A}\n`) },
    },
    {
      name: 'cluster list with one good item and one bare quoted id: only the bad item',
      text: cluster(`  user_assigned_identities:\n    - resource_id: ${A}\n    - «"${B}"»\n`),
      errors: [{ message: 'Item 2 of identity.user_assigned_identities of a compute cluster' }],
      fix: {
        title: 'Write it as resource_id',
        output: cluster(`  user_assigned_identities:\n    - resource_id: ${A}\n    - resource_id: "${B}"\n`),
      },
    },
    {
      name: 'endpoint flow list of bare ids: one diagnostic per item',
      text: endpoint(`  user_assigned_identities: [«${A}», «'${B}'»]\n`),
      errors: [{ message: 'Item 1' }, { message: 'Item 2' }],
      fix: { title: 'Write it as resource_id', output: endpoint(`  user_assigned_identities: [{resource_id: ${A}}, '${B}']\n`) },
    },
    {
      name: 'cluster given a flow map with client_id',
      text: cluster(`  user_assigned_identities: «{'${A}': {client_id: abc}}»\n`),
      errors: [{ message: 'not a map' }],
      fix: { title: 'Convert to a list', output: cluster(`  user_assigned_identities: [{resource_id: '${A}', client_id: abc}]\n`) },
    },
  ],
});
