import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (access: string, body: string) =>
  `${schemaLine('workspace')}\nname: mlw-prod\nimage_build_compute: cpu-compute\n${access}${body}`;
const RULES = 'network_acls:\n  default_action: Deny\n  ip_rules:\n    - value: 16.17.18.19\n    - value: 16.17.19.0/24\n';

ruleTester('network-acls-ignored', {
  valid: [
    { name: 'Enabled with rules', text: ws('public_network_access: Enabled\n', RULES) },
    { name: 'enabled (lower case) with rules', text: ws('public_network_access: enabled\n', RULES) },
    { name: 'public access not set (not explicitly Disabled)', text: ws('', RULES) },
    {
      name: 'Disabled with an empty rule list',
      text: ws('public_network_access: Disabled\n', 'network_acls:\n  default_action: Allow\n  ip_rules: []\n'),
    },
    {
      name: 'Disabled with network_acls and no ip_rules',
      text: ws('public_network_access: Disabled\n', 'network_acls:\n  default_action: Allow\n'),
    },
    { name: 'Disabled without network_acls', text: ws('public_network_access: Disabled\n', '') },
    { name: 'public access as an expression', text: ws('public_network_access: ${{ parent.inputs.access }}\n', RULES) },
  ],
  invalid: [
    {
      name: 'Disabled with two rules: reported on network_acls, fix enables public access',
      text: ws('public_network_access: Disabled # locked down\n', RULES),
      errors: [
        {
          at: 'network_acls',
          message: 'network_acls has 2 IP rules but public_network_access is "Disabled", so they are not enforced',
          severity: 'warning',
        },
      ],
      fix: { title: 'Set "public_network_access: Enabled"', output: ws('public_network_access: Enabled # locked down\n', RULES) },
    },
    {
      name: 'lower-case disabled, written after network_acls',
      text: ws('', `${RULES}public_network_access: disabled\n`),
      errors: [{ at: 'network_acls', message: 'public_network_access is "disabled"' }],
      fix: { title: 'Enabled', output: ws('', `${RULES}public_network_access: Enabled\n`) },
    },
    {
      name: 'quoted "DISABLED" with one rule: the fix keeps the quotes',
      text: ws('public_network_access: "DISABLED"\n', 'network_acls:\n  default_action: Allow\n  ip_rules: [{value: 16.17.18.19}]\n'),
      errors: [{ at: 'network_acls', message: 'network_acls has 1 IP rule but' }],
      fix: {
        title: 'Enabled',
        output: ws('public_network_access: "Enabled"\n', 'network_acls:\n  default_action: Allow\n  ip_rules: [{value: 16.17.18.19}]\n'),
      },
    },
  ],
});
