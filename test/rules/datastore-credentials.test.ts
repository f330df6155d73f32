import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const blob = (credentials: string) =>
  `${schemaLine('azureBlob')}\nname: blob_example\ntype: azure_blob\naccount_name: mytestblobstore\ncontainer_name: data-container\n${credentials}`;
const gen2 = (credentials: string) =>
  `${schemaLine('azureDataLakeGen2')}\nname: adls_gen2_example\ntype: azure_data_lake_gen2\naccount_name: mytestdatalakegen2\nfilesystem: my-gen2-container\n${credentials}`;
const files = (credentials: string) =>
  `${schemaLine('azureFile')}\nname: file_example\ntype: azure_file\naccount_name: mytestfilestore\nfile_share_name: my-share\n${credentials}`;

ruleTester('datastore-credentials', {
  valid: [
    { name: 'identity-based blob datastore (no credentials)', text: blob('') },
    { name: 'empty credentials block is identity-based', text: blob('credentials: {}\n') },
    { name: 'credentials key with no value', text: blob('credentials:\n') },
    { name: 'identity-based Data Lake Gen2 datastore', text: gen2('') },
  ],
  invalid: [
    {
      name: 'account key on a blob datastore',
      text: blob('«credentials»:\n  account_key: ${{secrets.key}}\n'),
      errors: [
        {
          message:
            'This datastore stores a storage account key in the workspace key vault, where other workspace users with sufficient permissions can retrieve them. Remove "credentials" to use identity-based data access.',
          severity: 'info',
        },
      ],
      fix: { title: 'Remove "credentials" (use identity-based access)', output: blob('') },
    },
    {
      name: 'SAS token, with a comment after the block kept',
      text: blob('«credentials»:\n  sas_token: ""\n# trailing comment\n'),
      errors: [{ message: 'stores a SAS token', severity: 'info' }],
      fix: { title: /Remove "credentials"/, output: blob('# trailing comment\n') },
    },
    {
      name: 'service principal on Data Lake Gen2',
      text: gen2(
        '«credentials»:\n  tenant_id: 00000000-0000-0000-0000-000000000000\n  client_id: 00000000-0000-0000-0000-000000000000\n  client_secret: ""\n',
      ),
      errors: [{ message: 'stores service principal credentials' }],
      fix: { title: /Remove "credentials"/, output: gen2('') },
    },
    {
      name: 'flow-style credentials',
      text: blob('«credentials»: {account_key: ""}\n'),
      errors: [{ message: 'storage account key' }],
      fix: { title: /Remove "credentials"/, output: blob('') },
    },
    {
      name: 'Azure Files: reported without a removal fix',
      text: files('«credentials»:\n  account_key: ""\n'),
      errors: [
        {
          message: 'Azure Files datastores cannot use identity-based access, so limit who can read the workspace key vault.',
          severity: 'info',
        },
      ],
    },
  ],
});
