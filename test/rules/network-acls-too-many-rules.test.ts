import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\npublic_network_access: Enabled\n${body}`;
/** n distinct public addresses, one `- value:` item each. */
const addresses = (n: number) => Array.from({ length: n }, (_, i) => `20.0.${Math.floor(i / 256)}.${i % 256}`);
const acls = (values: string[]) =>
  ws(`network_acls:\n  default_action: Deny\n  ip_rules:\n${values.map((v) => `    - value: ${v}\n`).join('')}`);

ruleTester('network-acls-too-many-rules', {
  valid: [
    { name: 'exactly 200 rules', text: acls(addresses(200)) },
    { name: 'one rule', text: acls(['16.17.18.19']) },
    { name: 'empty list', text: ws('network_acls:\n  default_action: Allow\n  ip_rules: []\n') },
    { name: 'ip_rules without a value', text: ws('network_acls:\n  default_action: Allow\n  ip_rules:\n') },
    { name: 'no network_acls', text: ws('description: open\n') },
  ],
  invalid: [
    {
      name: '201 rules: reported on the ip_rules key',
      text: acls(addresses(201)),
      errors: [
        {
          at: 'ip_rules',
          message: 'network_acls.ip_rules has 201 rules but a workspace supports up to 200: remove 1 rule',
          severity: 'error',
        },
      ],
    },
    {
      name: '250 rules in a flow list',
      text: ws(
        `network_acls:\n  default_action: Deny\n  ip_rules: [${addresses(250)
          .map((a) => `{value: ${a}}`)
          .join(', ')}]\n`,
      ),
      errors: [{ at: 'ip_rules', message: 'has 250 rules but a workspace supports up to 200: remove 50 rules or merge' }],
    },
  ],
});
