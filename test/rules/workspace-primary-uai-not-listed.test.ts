import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const A =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a';
const B =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b';
const C =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/c';
const ws = (map: string, primary: string) =>
  `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n${map}primary_user_assigned_identity: ${primary}\n`;
const two = `    '${A}': {}\n    '${B}': {} # second\n`;

ruleTester('workspace-primary-uai-not-listed', {
  valid: [
    { name: 'primary is the first listed id', text: ws(two, A) },
    { name: 'primary is the second listed id, quoted', text: ws(two, `"${B}"`) },
    { name: 'ids compare case-insensitively', text: ws(two, A.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/')) },
    { name: 'primary given as an expression', text: ws(two, '${{inputs.uai}}') },
    { name: 'empty primary (workspace-primary-uai-missing reports it)', text: ws(two, "''") },
    { name: 'no identity block in an update file', text: `${schemaLine('workspace')}\nname: ws\nprimary_user_assigned_identity: ${A}\n` },
    {
      name: 'identities given as a list (identity-uai-shape reports it)',
      text: `${schemaLine('workspace')}\nname: ws\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    - resource_id: ${B}\nprimary_user_assigned_identity: ${A}\n`,
    },
  ],
  invalid: [
    {
      name: 'primary not in a two-id map: offers each listed id and adding it',
      text: ws(two, `«${C}»`),
      errors: [
        {
          message: 'primary_user_assigned_identity ".../c" is not one of the 2 ids listed under identity.user_assigned_identities.',
          severity: 'error',
        },
      ],
      fix: { title: `Change to ${B}`, output: ws(two, `'${B}'`) },
    },
    {
      name: 'adding the primary id to the map keeps the other entries and comments',
      text: ws(two, `«${C}»`),
      errors: [{ message: 'is not one of the 2 ids' }],
      fix: { title: 'Add it to identity.user_assigned_identities', output: ws(`${two}    ${C}: {}\n`, C) },
    },
    {
      name: 'an empty flow map',
      text: ws('    {}\n', `«'${C}'»`).replace(':\n    {}', ': {}'),
      errors: [{ message: 'which is empty' }],
      fix: {
        title: 'Add it to identity.user_assigned_identities',
        output: ws('    {}\n', `'${C}'`).replace(':\n    {}', `: {'${C}': {}}`),
      },
    },
  ],
});
