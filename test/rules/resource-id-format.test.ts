import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers';
const ST = `${SUB}/Microsoft.Storage/storageAccounts/st`;
const KV = `${SUB}/Microsoft.KeyVault/vaults/kv`;
const UAI = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/uai`;
const ws = (body: string) => `${schemaLine('workspace')}\nname: ws\n${body}`;

ruleTester('resource-id-format', {
  valid: [
    {
      name: 'workspace dependencies with the right providers',
      text: ws(
        `storage_account: ${ST}\nkey_vault: ${KV}\ncontainer_registry: ${SUB}/Microsoft.ContainerRegistry/registries/acr\napplication_insights: ${SUB}/Microsoft.Insights/components/ai\n`,
      ),
    },
    {
      name: 'provider and segment names compare case-insensitively',
      text: ws(
        `storage_account: /subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/microsoft.storage/STORAGEACCOUNTS/st\n`,
      ),
    },
    {
      name: 'customer-managed key vault',
      text: ws(`customer_managed_key:\n  key_vault: ${KV}\n  key_uri: https://kv.vault.azure.net/keys/k/1\n`),
    },
    {
      name: 'workspace identity map key and primary identity',
      text: ws(`identity:\n  type: user_assigned\n  user_assigned_identities:\n    '${UAI}': {}\nprimary_user_assigned_identity: ${UAI}\n`),
    },
    {
      name: 'a nested resource type (a Synapse Spark pool)',
      text: `${schemaLine('synapseSparkCompute')}\nname: spark\ntype: synapsespark\nresource_id: ${SUB}/Microsoft.Synapse/workspaces/syn/bigDataPools/pool\n`,
    },
    {
      name: 'expressions are not judged',
      text: `${schemaLine('commandJob')}\ncommand: echo\nenvironment: azureml:e:1\nidentity:\n  type: managed\n  resource_id: \${{inputs.uai}}\n`,
    },
    {
      name: "placeholders are unreplaced-placeholder's",
      text: ws(
        'storage_account: /subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RG>/providers/Microsoft.Storage/storageAccounts/<NAME>\n',
      ),
    },
    { name: 'empty value', text: ws("storage_account: ''\n") },
    { name: 'a field without x-resourceType (compute name) is not checked', text: ws('image_build_compute: cpu-cluster\n') },
  ],
  invalid: [
    {
      name: 'a key vault id in storage_account',
      text: ws(`storage_account: «${KV}»\n`),
      errors: [
        {
          message: '"storage_account" holds a Microsoft.KeyVault/vaults id, but it needs a Microsoft.Storage/storageAccounts id.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a bare name in key_vault',
      text: ws('key_vault: «my-kv»\n'),
      errors: [
        {
          message:
            '"key_vault" must be a full resource id like /subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>, not "my-kv".',
        },
      ],
    },
    {
      name: 'a subscription name instead of its id',
      text: ws(`application_insights: «/subscriptions/my-sub/resourceGroups/rg/providers/Microsoft.Insights/components/ai»\n`),
      errors: [{ message: 'The subscription "my-sub" in "application_insights" is not a subscription id (a GUID).' }],
    },
    {
      name: 'compute list: one good and one bad item, reported on the bad one',
      text: `${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    - resource_id: ${UAI}\n    - resource_id: «"identity_resource_id"»\n`,
      errors: [{ message: '"identity.user_assigned_identities[1].resource_id" must be a full resource id' }],
    },
    {
      name: 'a workspace identity key that names a storage account',
      text: ws(
        `identity:\n  type: user_assigned\n  user_assigned_identities:\n    «'${ST}'»: {}\nprimary_user_assigned_identity: «${ST}»\n`,
      ),
      errors: [
        {
          message:
            'A key of identity.user_assigned_identities holds a Microsoft.Storage/storageAccounts id, but it needs a Microsoft.ManagedIdentity/userAssignedIdentities id.',
        },
        { message: '"primary_user_assigned_identity" holds a Microsoft.Storage/storageAccounts id' },
      ],
    },
    {
      name: 'a job identity msi_resource_id missing its providers segment',
      text: `${schemaLine('commandJob')}\ncommand: echo\nenvironment: azureml:e:1\nidentity:\n  type: managed\n  msi_resource_id: «/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/Microsoft.ManagedIdentity/userAssignedIdentities/uai»\n`,
      errors: [{ message: '"identity.msi_resource_id" must be a full resource id' }],
    },
  ],
});
