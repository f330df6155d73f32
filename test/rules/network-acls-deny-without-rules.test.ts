import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\npublic_network_access: Enabled\n${body}`;

ruleTester('network-acls-deny-without-rules', {
  valid: [
    { name: 'Deny with one rule', text: ws('network_acls:\n  default_action: Deny\n  ip_rules:\n    - value: 16.17.18.19\n') },
    { name: 'Allow without rules', text: ws('network_acls:\n  default_action: Allow\n') },
    { name: 'Allow with an empty list', text: ws('network_acls:\n  default_action: Allow\n  ip_rules: []\n') },
    {
      name: 'lower-case deny is an invalid value for the schema, not this rule (the CLI compares exactly)',
      text: ws('network_acls:\n  default_action: deny\n'),
    },
    { name: 'default_action as an expression', text: ws('network_acls:\n  default_action: ${{ parent.inputs.action }}\n') },
    { name: 'ip_rules as an expression', text: ws('network_acls:\n  default_action: Deny\n  ip_rules: ${{ parent.inputs.rules }}\n') },
    { name: 'no network_acls', text: ws('description: open\n') },
  ],
  invalid: [
    {
      name: 'Deny without ip_rules: reported on network_acls',
      text: ws('# firewall\n«network_acls»:\n  default_action: Deny\n'),
      errors: [{ message: 'network_acls.default_action is "Deny" but ip_rules is missing, which the CLI rejects', severity: 'error' }],
    },
    {
      name: 'Deny with an empty list: reported on ip_rules',
      text: ws('network_acls:\n  default_action: Deny\n  «ip_rules»: []\n'),
      errors: [{ message: 'ip_rules is empty, which the CLI rejects: add at least one ip_rules entry or set default_action to Allow' }],
    },
    {
      name: 'Deny with an empty ip_rules key',
      text: ws('network_acls:\n  «ip_rules»:\n  default_action: Deny\n'),
      errors: [{ message: 'ip_rules is empty' }],
    },
    {
      name: 'a flow mapping',
      text: ws('«network_acls»: {default_action: Deny}\n'),
      errors: [{ message: 'ip_rules is missing' }],
    },
  ],
});
