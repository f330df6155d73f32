import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\npublic_network_access: Enabled\n${body}`;
/** network_acls with one `- value:` item per address. */
const acls = (...values: string[]) =>
  ws(`network_acls:\n  default_action: Deny\n  ip_rules:\n${values.map((v) => `    - value: ${v}\n`).join('')}`);

ruleTester('network-acls-invalid-ip', {
  valid: [
    { name: 'the seed examples', text: acls('16.17.18.19', '16.17.18.0/24') },
    { name: 'a /32 and a /0 network address', text: acls('16.17.18.19/32', '0.0.0.0/0') },
    { name: 'a /31 and a /16 on their network address', text: acls('16.17.18.18/31', '16.17.0.0/16') },
    { name: 'private addresses are another rule', text: acls('10.0.0.1', '192.168.0.0/16') },
    { name: 'IPv6 is another rule', text: acls('2001:db8::1', '2001:db8::/32') },
    { name: 'an expression', text: acls('"${{ parent.inputs.ip }}"') },
    { name: 'empty list', text: ws('network_acls:\n  default_action: Allow\n  ip_rules: []\n') },
  ],
  invalid: [
    {
      name: 'one good and one malformed value',
      text: acls('16.17.18.19', '«office-vpn»'),
      errors: [{ message: 'value "office-vpn" is not an IPv4 address or CIDR range', severity: 'error' }],
    },
    {
      name: 'out-of-range octet, three parts, leading zeros, hex, prefix over 32',
      text: acls('«256.1.1.1»', '«16.17.18»', '«016.017.018.019»', '«0x10.0.0.1»', '«16.17.18.0/33»'),
      errors: [
        { message: '"256.1.1.1" is not an IPv4 address' },
        { message: '"16.17.18" is not an IPv4 address' },
        { message: '"016.017.018.019" is not an IPv4 address' },
        { message: '"0x10.0.0.1" is not an IPv4 address' },
        { message: '"16.17.18.0/33" is not an IPv4 address' },
      ],
    },
    {
      name: 'an empty string and a space inside a quoted value',
      text: acls('«""»', '«"16.17.18.0 /24"»'),
      errors: [{ message: 'value "" is not an IPv4 address' }, { message: 'value "16.17.18.0 /24" is not' }],
    },
    {
      name: 'host bits set: a warning, fixed to the network address',
      text: acls('«16.17.18.19/24» # office range', '20.30.40.50'),
      errors: [
        {
          message: '"16.17.18.19/24" has host bits set after its /24 prefix: write the range as its network address 16.17.18.0/24',
          severity: 'warning',
        },
      ],
      fix: { title: 'Change to "16.17.18.0/24"', output: acls('16.17.18.0/24 # office range', '20.30.40.50') },
    },
    {
      name: 'host bits in a quoted value keep the quotes',
      text: acls("«'20.30.40.50/16'»"),
      errors: [{ message: 'network address 20.30.0.0/16', severity: 'warning' }],
      fix: { title: 'Change to "20.30.0.0/16"', output: acls("'20.30.0.0/16'") },
    },
  ],
});
