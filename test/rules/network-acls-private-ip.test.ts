import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\npublic_network_access: Enabled\n${body}`;
/** network_acls with one `- value:` item per address. */
const acls = (...values: string[]) =>
  ws(`network_acls:\n  default_action: Deny\n  ip_rules:\n${values.map((v) => `    - value: ${v}\n`).join('')}`);

ruleTester('network-acls-private-ip', {
  valid: [
    { name: 'the seed examples', text: acls('16.17.18.19', '16.17.18.0/24') },
    { name: 'just outside 172.16.0.0/12', text: acls('172.15.255.255', '172.32.0.1') },
    { name: 'just outside 100.64.0.0/10 (CGNAT)', text: acls('100.63.255.255', '100.128.0.0/10') },
    { name: 'just outside 192.168.0.0/16 and 10.0.0.0/8', text: acls('192.169.0.1', '11.0.0.0/8', '9.255.255.255') },
    { name: 'documentation ranges are public addresses here', text: acls('203.0.113.0/24', '198.51.100.7') },
    { name: 'an expression', text: acls('"${{ parent.inputs.office_ip }}"') },
    { name: "invalid and IPv6 values are other rules' business", text: acls('bogus', '10.0.0', 'fe80::1', '::ffff:10.0.0.1') },
    { name: 'empty list', text: ws('network_acls:\n  default_action: Allow\n  ip_rules: []\n') },
    { name: 'empty ip_rules', text: ws('network_acls:\n  default_action: Allow\n  ip_rules:\n') },
  ],
  invalid: [
    {
      name: 'one good and one private address: only the private one, fix removes its item',
      text: acls('16.17.18.19 # office', '«10.1.2.3» # vnet'),
      errors: [{ message: 'value "10.1.2.3" is in the private range 10.0.0.0/8', severity: 'error' }],
      fix: { title: 'Remove the IP rule "10.1.2.3"', output: acls('16.17.18.19 # office') },
    },
    {
      name: 'private ranges 172.16/12 and 192.168/16 written as CIDR',
      text: acls('«172.31.0.0/16»', '«192.168.1.0/24»', '16.17.18.0/24'),
      errors: [
        { message: '"172.31.0.0/16" is in the private range 172.16.0.0/12' },
        { message: '"192.168.1.0/24" is in the private range 192.168.0.0/16' },
      ],
      fix: { title: 'Remove the IP rule "192.168.1.0/24"', output: acls('172.31.0.0/16', '16.17.18.0/24') },
    },
    {
      name: 'loopback, link-local, unspecified, multicast and carrier-grade NAT',
      text: acls('«127.0.0.1»', '«169.254.169.254»', '«0.0.0.0»', '«224.0.0.1»', '«100.64.0.0/10»'),
      errors: [
        { message: 'loopback range 127.0.0.0/8' },
        { message: 'link-local range 169.254.0.0/16' },
        { message: 'unspecified range 0.0.0.0/8' },
        { message: 'multicast range 224.0.0.0/4' },
        { message: 'carrier-grade NAT' },
      ],
      fix: { title: 'Remove the IP rule "224.0.0.1"', output: acls('127.0.0.1', '169.254.169.254', '0.0.0.0', '100.64.0.0/10') },
    },
    {
      name: 'a wide range that includes a private range',
      text: acls('«8.0.0.0/6»'),
      errors: [{ message: '"8.0.0.0/6" includes the private range 10.0.0.0/8' }],
      fix: { title: 'Remove', output: ws('network_acls:\n  default_action: Deny\n  ip_rules:\n') },
    },
    {
      name: 'a quoted value; the range covers the quotes',
      text: acls('«"192.168.0.10"»', '16.17.18.19'),
      errors: [{ message: '"192.168.0.10" is in the private range' }],
      fix: { title: 'Remove', output: acls('16.17.18.19') },
    },
    {
      name: 'a flow list keeps its other entries',
      text: ws('network_acls:\n  default_action: Deny\n  ip_rules: [{value: 16.17.18.19}, {value: «10.0.0.1»}, {value: 16.17.19.0/24}]\n'),
      errors: [{ message: '"10.0.0.1" is in the private range 10.0.0.0/8' }],
      fix: {
        title: 'Remove',
        output: ws('network_acls:\n  default_action: Deny\n  ip_rules: [{value: 16.17.18.19}, {value: 16.17.19.0/24}]\n'),
      },
    },
  ],
});
