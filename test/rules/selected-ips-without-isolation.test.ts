import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\n${body}`;
const ACLS = 'network_acls:\n  default_action: Deny\n  ip_rules:\n    - value: 16.17.18.0/24\n';

ruleTester('selected-ips-without-isolation', {
  valid: [
    { name: 'managed network allow_internet_outbound', text: ws(`${ACLS}managed_network:\n  isolation_mode: allow_internet_outbound\n`) },
    {
      name: "managed network in the CLI's other casing",
      text: ws(`${ACLS}managed_network:\n  isolation_mode: AllowOnlyApprovedOutbound\n`),
    },
    {
      name: 'default_action Allow does not restrict',
      text: ws('network_acls:\n  default_action: Allow\n  ip_rules:\n    - value: 16.17.18.0/24\n'),
    },
    { name: 'Deny with no rules is network-acls-deny-without-rules', text: ws('network_acls:\n  default_action: Deny\n  ip_rules: []\n') },
    { name: 'public access Disabled: the selected IPs are not in effect', text: ws(`public_network_access: disabled\n${ACLS}`) },
    { name: 'isolation_mode as an expression', text: ws(`${ACLS}managed_network:\n  isolation_mode: \${{ parent.inputs.mode }}\n`) },
    { name: 'no network_acls', text: ws('public_network_access: Enabled\n') },
  ],
  invalid: [
    {
      name: 'no managed_network: the fix adds one after network_acls',
      text: ws(`public_network_access: Enabled\n${ACLS}# tags\ntags:\n  team: ml\n`),
      errors: [
        {
          at: 'network_acls',
          message: 'network_acls admits only selected IP addresses but the workspace has no managed virtual network',
          severity: 'warning',
        },
      ],
      fix: {
        title: 'Set "managed_network.isolation_mode: allow_only_approved_outbound"',
        output: ws(
          `public_network_access: Enabled\n${ACLS}managed_network:\n  isolation_mode: allow_only_approved_outbound\n# tags\ntags:\n  team: ml\n`,
        ),
      },
    },
    {
      name: 'isolation_mode disabled: the fix changes it',
      text: ws(`${ACLS}managed_network:\n  isolation_mode: disabled # for now\n`),
      errors: [{ at: 'network_acls', message: 'no managed virtual network' }],
      fix: {
        title: 'allow_only_approved_outbound',
        output: ws(`${ACLS}managed_network:\n  isolation_mode: allow_only_approved_outbound # for now\n`),
      },
    },
    {
      name: 'isolation_mode Disabled in another casing',
      text: ws(`${ACLS}managed_network:\n  isolation_mode: Disabled\n`),
      errors: [{ at: 'network_acls', message: 'no managed virtual network' }],
    },
    {
      name: 'managed_network without isolation_mode: the fix adds the key inside it',
      text: ws(`managed_network:\n  firewall_sku: basic\n${ACLS}`),
      errors: [{ at: 'network_acls', message: 'no managed virtual network' }],
      fix: {
        title: 'allow_only_approved_outbound',
        output: ws(`managed_network:\n  firewall_sku: basic\n  isolation_mode: allow_only_approved_outbound\n${ACLS}`),
      },
    },
  ],
});
