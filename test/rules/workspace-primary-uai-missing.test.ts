import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const A =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a';
const B =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b';
const ws = (type: string, rest = '') =>
  `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: ${type}\n  user_assigned_identities:\n    '${A}': {}\n    '${B}': {}\n${rest}storage_account: ${A.replace('Microsoft.ManagedIdentity/userAssignedIdentities/a', 'Microsoft.Storage/storageAccounts/st')}\n`;

ruleTester('workspace-primary-uai-missing', {
  valid: [
    { name: 'user_assigned with a primary identity', text: ws('user_assigned', `primary_user_assigned_identity: ${A}\n`) },
    { name: 'UserAssigned with a primary identity', text: ws('UserAssigned', `primary_user_assigned_identity: ${B}\n`) },
    { name: 'combined type keeps the system-assigned identity as primary', text: ws('system_assigned,user_assigned') },
    { name: 'system_assigned', text: `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: system_assigned\n` },
    { name: 'primary identity given as an expression', text: ws('user_assigned', 'primary_user_assigned_identity: ${{inputs.uai}}\n') },
    { name: 'type expression', text: ws('${{inputs.t}}') },
    {
      name: 'a compute is not a workspace',
      text: `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    - resource_id: ${A}\n`,
    },
  ],
  invalid: [
    {
      name: 'user_assigned without primary: inserts the first listed id after identity, quotes kept',
      text: ws('«user_assigned»'),
      errors: [{ message: 'A workspace with identity.type "user_assigned" needs primary_user_assigned_identity', severity: 'error' }],
      fix: {
        title: 'Set primary_user_assigned_identity to the first listed identity',
        output: `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    '${A}': {}\n    '${B}': {}\nprimary_user_assigned_identity: '${A}'\nstorage_account: ${A.replace('Microsoft.ManagedIdentity/userAssignedIdentities/a', 'Microsoft.Storage/storageAccounts/st')}\n`,
      },
    },
    {
      name: 'primary key present but empty: fills the value',
      text: ws('«User_assigned»', 'primary_user_assigned_identity:\n'),
      errors: [{ message: 'identity.type "User_assigned"' }],
      fix: { title: 'Set primary_user_assigned_identity', output: ws('User_assigned', `primary_user_assigned_identity: '${A}'\n`) },
    },
    {
      name: 'no identities listed: reported without a fix',
      text: `${schemaLine('featureStore')}\nname: fs\nidentity:\n  type: «user_assigned»\n`,
      errors: [{ message: 'A feature store with identity.type "user_assigned"' }],
    },
  ],
});
