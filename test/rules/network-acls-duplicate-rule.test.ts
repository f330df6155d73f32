import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\npublic_network_access: Enabled\n${body}`;
/** network_acls with one `- value:` item per address. */
const acls = (...values: string[]) =>
  ws(`network_acls:\n  default_action: Deny\n  ip_rules:\n${values.map((v) => `    - value: ${v}\n`).join('')}`);

ruleTester('network-acls-duplicate-rule', {
  valid: [
    { name: 'distinct addresses and disjoint ranges', text: acls('16.17.18.19', '16.17.19.0/24', '16.17.18.20') },
    { name: 'neighbouring ranges do not contain each other', text: acls('16.17.18.0/25', '16.17.18.128/25') },
    { name: 'a single rule', text: acls('16.17.18.0/24') },
    { name: 'equal expressions are not compared', text: acls('"${{ parent.inputs.ip }}"', '"${{ parent.inputs.ip }}"') },
    { name: 'invalid and IPv6 values are not compared', text: acls('bogus', 'bogus', '2001:db8::1', '2001:db8::1') },
    { name: 'empty list', text: ws('network_acls:\n  default_action: Allow\n  ip_rules: []\n') },
  ],
  invalid: [
    {
      name: 'the same address twice: the second is reported',
      text: acls('16.17.18.19 # office', '20.30.40.50', '«16.17.18.19» # office again'),
      errors: [{ message: 'value "16.17.18.19" repeats "16.17.18.19" (rule 1): remove the redundant rule', severity: 'warning' }],
      fix: { title: 'Remove the redundant IP rule "16.17.18.19"', output: acls('16.17.18.19 # office', '20.30.40.50') },
    },
    {
      name: "an address inside a later range (the seed's 16.17.18.0/24)",
      text: acls('«16.17.18.5»', '16.17.18.0/24'),
      errors: [{ message: '"16.17.18.5" lies inside "16.17.18.0/24" (rule 2)' }],
      fix: { title: 'Remove the redundant IP rule "16.17.18.5"', output: acls('16.17.18.0/24') },
    },
    {
      name: 'a narrower range inside a wider one, and an address written as /32',
      text: acls('16.17.0.0/16', '«16.17.18.0/24»', '20.30.40.50', '«20.30.40.50/32»'),
      errors: [
        { message: '"16.17.18.0/24" lies inside "16.17.0.0/16" (rule 1)' },
        { message: '"20.30.40.50/32" repeats "20.30.40.50" (rule 3)' },
      ],
      fix: { title: 'Remove the redundant IP rule "20.30.40.50/32"', output: acls('16.17.0.0/16', '16.17.18.0/24', '20.30.40.50') },
    },
    {
      name: 'quoted and unquoted spellings of one address',
      text: acls('"16.17.18.19"', '«16.17.18.19»'),
      errors: [{ message: 'repeats "16.17.18.19" (rule 1)' }],
      fix: { title: 'Remove', output: acls('"16.17.18.19"') },
    },
  ],
});
