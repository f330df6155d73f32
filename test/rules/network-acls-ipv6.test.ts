import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\npublic_network_access: Enabled\n${body}`;
/** network_acls with one `- value:` item per address. */
const acls = (...values: string[]) =>
  ws(`network_acls:\n  default_action: Deny\n  ip_rules:\n${values.map((v) => `    - value: ${v}\n`).join('')}`);

ruleTester('network-acls-ipv6', {
  valid: [
    { name: 'IPv4 address and range', text: acls('16.17.18.19', '16.17.18.0/24') },
    { name: 'IPv4 values that are wrong for other reasons', text: acls('10.0.0.1', '16.17.18.19/24', 'bogus', '1.2.3.4/33') },
    { name: 'an expression', text: acls('"${{ parent.inputs.ip }}"') },
    { name: 'empty list', text: ws('network_acls:\n  default_action: Allow\n  ip_rules: []\n') },
  ],
  invalid: [
    {
      name: 'an IPv6 address beside an IPv4 one',
      text: acls('16.17.18.19', '«"2001:db8::1"»'),
      errors: [{ message: 'value "2001:db8::1" is an IPv6 address', severity: 'error' }],
      fix: { title: 'Remove the IP rule "2001:db8::1"', output: acls('16.17.18.19') },
    },
    {
      name: 'an IPv6 range, a loopback and an IPv4-mapped address',
      text: acls('«2001:db8::/32» # v6 office', '«::1»', '«::ffff:16.17.18.19»', '16.17.18.0/24'),
      errors: [
        { message: '"2001:db8::/32" is an IPv6 range' },
        { message: '"::1" is an IPv6 address' },
        { message: '"::ffff:16.17.18.19" is an IPv6 address' },
      ],
      fix: { title: 'Remove the IP rule "2001:db8::/32"', output: acls('::1', '::ffff:16.17.18.19', '16.17.18.0/24') },
    },
    {
      name: 'a flow mapping item',
      text: ws('network_acls:\n  default_action: Deny\n  ip_rules:\n    - {value: «"fe80::1"»}\n    - {value: 16.17.18.19}\n'),
      errors: [{ message: 'accept only IPv4 addresses and ranges' }],
      fix: { title: 'Remove', output: ws('network_acls:\n  default_action: Deny\n  ip_rules:\n    - {value: 16.17.18.19}\n') },
    },
  ],
});
