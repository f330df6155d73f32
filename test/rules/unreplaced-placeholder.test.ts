import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const job = (body: string) => `${schemaLine('commandJob')}\nenvironment: azureml:env:1\ncompute: azureml:cpu\n${body}`;
const ws = (body: string) => `${schemaLine('workspace')}\nname: ws\n${body}`;

ruleTester('unreplaced-placeholder', {
  valid: [
    {
      name: 'HTML in a description',
      text: job(
        'description: Trains a <b>model</b>.<br/>See <a href="https://aka.ms/x">docs</a> for <workspace-name>.\ncommand: echo hi\n',
      ),
    },
    { name: 'job expressions and templating', text: job('command: python train.py --data ${{inputs.data}} --out {{outputs.model}}\n') },
    {
      name: 'a prompt with markup-like tags',
      text: job('command: python ask.py --prompt "Think in <think>, answer in <answer> tags, end with <|endoftext|> or <end_of_turn>"\n'),
    },
    { name: 'comparisons in shell code', text: job('command: python -c "print(1 < 2 > 0)" && cat < in.txt > out.txt\n') },
    { name: 'a single lower-case word in angle brackets', text: job('command: echo <name>\n') },
    {
      name: 'prompt flow asks for <user-input> secrets',
      text: `${schemaLine('commandJob')}\ncommand: echo\nenvironment_variables:\n  KEY: <user-input>\n`,
    },
    { name: 'braces outside a resource id path', text: job('command: python x.py --fmt "{sub-id}"\n') },
    {
      name: 'a real GUID',
      text: `${schemaLine('azureBlob')}\nname: ds\naccount_name: acct\ncontainer_name: c\ncredentials:\n  account_key: ''\ntags:\n  owner: 00000000-0000-0000-0000-000000000000\n`,
    },
    { name: 'a merge key is not a placeholder', text: job('command: echo\nenvironment_variables: &env\n  A: b\ntags:\n  <<: *env\n') },
  ],
  invalid: [
    {
      name: 'placeholders in a storage account id, one diagnostic spanning them',
      text: ws(
        'storage_account: /subscriptions/«<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.Storage/storageAccounts/<STORAGE_ACCOUNT_NAME>»\n',
      ),
      errors: [
        {
          message:
            '"storage_account" still holds the documentation placeholders <SUBSCRIPTION_ID>, <RESOURCE_GROUP> and <STORAGE_ACCOUNT_NAME>: replace them with real values.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the seed example: placeholder keys and a prose placeholder value',
      text: ws(
        "identity:\n  type: user_assigned\n  user_assigned_identities:\n    '«<UAI resource ID 1>»': {}\n    '«<UAI resource ID 2>»': {}\nprimary_user_assigned_identity: «<one of the UAI resource IDs in the above list>»\n",
      ),
      errors: [
        {
          message:
            'The key "<UAI resource ID 1>" under identity.user_assigned_identities still holds the documentation placeholder <UAI resource ID 1>',
        },
        { message: '<UAI resource ID 2>' },
        {
          message:
            '"primary_user_assigned_identity" still holds the documentation placeholder <one of the UAI resource IDs in the above list>: replace it with a real value.',
        },
      ],
    },
    {
      name: 'a list with one real and one placeholder compute name, and an expression beside a placeholder',
      text: job('command: python run.py --ws «<workspace-name>» --data ${{inputs.data}}\ntags:\n  - real\n  - «<YOUR_ALIAS>»\n'),
      errors: [{ message: '"command" still holds the documentation placeholder <workspace-name>' }, { message: '"tags[1]"' }],
    },
    {
      name: 'brace segments of a resource id and an all-x GUID',
      text: `${schemaLine('featureStore')}\nname: fs\nmaterialization_identity:\n  client_id: «xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx»\n  resource_id: /subscriptions/«{sub-id}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{uai-name}»\n`,
      errors: [{ message: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' }, { message: 'placeholders {sub-id}, {rg} and {uai-name}' }],
    },
    {
      name: 'camelCase placeholder in a double-quoted value',
      text: job('command: echo\nenvironment_variables:\n  SUB: "«<subscriptionId>»"\n'),
      errors: [{ message: '"environment_variables.SUB"' }],
    },
  ],
});
