import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-prod\nlocation: eastus\n${body}`;

ruleTester('public-access-legacy-property', {
  valid: [
    { name: 'public_network_access only', text: ws('public_network_access: Enabled\n') },
    { name: 'public_network_access disabled (lower case) only', text: ws('public_network_access: disabled\n') },
    { name: 'neither property', text: ws('description: plain workspace\n') },
    { name: 'the legacy key as an expression', text: ws('allow_public_access_when_behind_vnet: ${{ parent.inputs.allow }}\n') },
    {
      name: 'the key only mentioned in a comment',
      text: ws('# allow_public_access_when_behind_vnet: true\npublic_network_access: Enabled\n'),
    },
    { name: 'a compute spec is not a workspace', text: `${schemaLine('amlCompute')}\nname: cpu-cluster\ntype: amlcompute\n` },
  ],
  invalid: [
    {
      name: 'true alone becomes public_network_access: Enabled, comment kept',
      text: ws('# SDK v1 habit\nallow_public_access_when_behind_vnet: true # reachable from the internet\ntags:\n  team: ml\n'),
      errors: [
        { at: 'allow_public_access_when_behind_vnet', message: 'use "public_network_access: Enabled" instead', severity: 'warning' },
      ],
      fix: {
        title: 'Replace with "public_network_access: Enabled"',
        output: ws('# SDK v1 habit\npublic_network_access: Enabled # reachable from the internet\ntags:\n  team: ml\n'),
      },
    },
    {
      name: 'false alone becomes public_network_access: Disabled',
      text: ws('allow_public_access_when_behind_vnet: false\nimage_build_compute: cpu-compute\n'),
      errors: [
        {
          at: 'allow_public_access_when_behind_vnet',
          message: '"allow_public_access_when_behind_vnet: false" is the legacy SDK v1 property',
        },
      ],
      fix: {
        title: 'Replace with "public_network_access: Disabled"',
        output: ws('public_network_access: Disabled\nimage_build_compute: cpu-compute\n'),
      },
    },
    {
      name: 'a string the CLI reads as true keeps its quotes',
      text: ws('allow_public_access_when_behind_vnet: "yes"\n'),
      errors: [{ at: 'allow_public_access_when_behind_vnet', message: 'use "public_network_access: Enabled"' }],
      fix: { title: 'Enabled', output: ws('public_network_access: "Enabled"\n') },
    },
    {
      name: 'beside public_network_access: remove the legacy key',
      text: ws('public_network_access: Disabled\nallow_public_access_when_behind_vnet: true\nimage_build_compute: cpu-compute\n'),
      errors: [{ at: 'allow_public_access_when_behind_vnet', message: 'public_network_access" overrides it: remove the legacy key' }],
      fix: {
        title: 'Remove "allow_public_access_when_behind_vnet"',
        output: ws('public_network_access: Disabled\nimage_build_compute: cpu-compute\n'),
      },
    },
    {
      name: 'beside public_network_access, written first',
      text: ws('allow_public_access_when_behind_vnet: false\npublic_network_access: disabled\n'),
      errors: [{ at: 'allow_public_access_when_behind_vnet', message: 'remove the legacy key' }],
      fix: { title: 'Remove', output: ws('public_network_access: disabled\n') },
    },
    {
      name: 'empty value: offer removal',
      text: ws('allow_public_access_when_behind_vnet:\ntags: {}\n'),
      errors: [
        {
          at: 'allow_public_access_when_behind_vnet',
          message: 'remove it and set "public_network_access: Enabled" or "public_network_access: Disabled"',
        },
      ],
      fix: { title: 'Remove "allow_public_access_when_behind_vnet"', output: ws('tags: {}\n') },
    },
  ],
});
