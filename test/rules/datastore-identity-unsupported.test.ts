import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const files = (rest: string) =>
  `${schemaLine('azureFile')}\nname: file_example\ntype: azure_file\naccount_name: mytestfilestore\nfile_share_name: my-share\n${rest}`;
const MESSAGE =
  'An Azure Files datastore needs stored credentials (credentials.account_key or credentials.sas_token): identity-based data access supports only Azure Blob Storage and Azure Data Lake Storage Gen1 and Gen2.';

ruleTester('datastore-identity-unsupported', {
  valid: [
    { name: 'Azure Files with an account key', text: files('credentials:\n  account_key: ${{secrets.key}}\n') },
    { name: 'Azure Files with a SAS token', text: files('credentials:\n  sas_token: ""\n') },
    {
      name: 'identity-based blob datastore is fine',
      text: `${schemaLine('azureBlob')}\nname: blob_example\ntype: azure_blob\naccount_name: mytestblobstore\ncontainer_name: data-container\n`,
    },
  ],
  invalid: [
    {
      name: 'no credentials: reported on the type value',
      text: files(''),
      errors: [{ at: 'type: «azure_file»', message: MESSAGE, severity: 'warning' }],
    },
    {
      name: 'empty credentials block: reported on its key',
      text: files('«credentials»: {}\n'),
      errors: [{ message: MESSAGE, severity: 'warning' }],
    },
    {
      name: 'credentials with no value',
      text: files('«credentials»:\n'),
      errors: [{ message: 'identity-based data access supports only' }],
    },
    {
      name: 'kind from the type alone (no $schema)',
      text: 'name: file_example\ntype: «azure_file»\naccount_name: mytestfilestore\nfile_share_name: my-share\n',
      errors: [{ message: MESSAGE }],
    },
  ],
});
