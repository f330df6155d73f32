import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const endpoint = (extra: string) =>
  `${schemaLine('batchEndpoint')}\nname: my-batch-endpoint\ndescription: scores files\n${extra}auth_mode: aad_token\n`;

ruleTester('batch-endpoint-network-keys', {
  valid: [
    { name: 'batch endpoint without network keys', text: endpoint('') },
    {
      name: 'online endpoint may set public_network_access',
      text: `${schemaLine('managedOnlineEndpoint')}\nname: ep\nauth_mode: key\npublic_network_access: disabled\n`,
    },
  ],
  invalid: [
    {
      name: 'public_network_access on a batch endpoint',
      text: endpoint('«public_network_access»: disabled\n'),
      errors: [{ message: 'does not accept "public_network_access"', severity: 'error' }],
      fix: { title: 'Remove "public_network_access"', output: endpoint('') },
    },
    {
      name: 'both keys on a batch deployment, each reported on its key',
      text: `${schemaLine('batchDeployment')}\nname: blue\nendpoint_name: my-batch-endpoint\ntype: model\nmodel: azureml:m:1\ncompute: azureml:cpu-cluster\n# keep this comment\n«egress_public_network_access»: disabled\n«public_network_access»: enabled\n`,
      errors: [
        { message: 'does not accept "egress_public_network_access"' },
        { message: 'batch deployment does not accept "public_network_access"' },
      ],
      fix: {
        title: 'Remove "egress_public_network_access"',
        output: `${schemaLine('batchDeployment')}\nname: blue\nendpoint_name: my-batch-endpoint\ntype: model\nmodel: azureml:m:1\ncompute: azureml:cpu-cluster\n# keep this comment\npublic_network_access: enabled\n`,
      },
    },
  ],
});
