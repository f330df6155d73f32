import type { SpecSummary, WorkspaceView } from '../../server/src/workspace/view';
import { schemaLine, service } from '../helpers';
import { ruleTester } from './tester';

const ID = 'private-workspace-image-build-compute';
const ws = (body: string) => `${schemaLine('workspace')}\nname: mlw-privatelink-prod\nlocation: eastus\n${body}`;

ruleTester(ID, {
  valid: [
    {
      name: 'the seed example: Disabled with image_build_compute',
      text: ws('image_build_compute: cpu-compute\npublic_network_access: Disabled\n'),
    },
    {
      name: 'lower-case disabled with image_build_compute',
      text: ws('public_network_access: disabled\nimage_build_compute: cpu-compute\n'),
    },
    { name: 'public access Enabled', text: ws('public_network_access: Enabled\n') },
    { name: 'public access enabled (lower case)', text: ws('public_network_access: enabled\n') },
    { name: 'no public_network_access at all', text: ws('description: a public workspace\n') },
    { name: 'public_network_access given as an expression', text: ws('public_network_access: ${{ parent.inputs.access }}\n') },
    {
      name: 'image_build_compute given as an expression',
      text: ws('public_network_access: Disabled\nimage_build_compute: ${{ parent.inputs.cluster }}\n'),
    },
    { name: 'public_network_access empty', text: ws('public_network_access:\n') },
    { name: 'a compute cluster spec is not a workspace', text: `${schemaLine('amlCompute')}\nname: cpu-cluster\ntype: amlcompute\n` },
  ],
  invalid: [
    {
      name: 'Disabled without image_build_compute: placeholder inserted after public_network_access',
      text: ws('# private link\npublic_network_access: Disabled # no public access\ntags:\n  purpose: demonstration\n'),
      errors: [
        {
          at: 'public_network_access',
          message: 'public_network_access is "Disabled" but image_build_compute is not set',
          severity: 'warning',
        },
      ],
      fix: {
        title: 'placeholder <compute-cluster-name>',
        output: ws(
          '# private link\npublic_network_access: Disabled # no public access\nimage_build_compute: <compute-cluster-name>\ntags:\n  purpose: demonstration\n',
        ),
      },
    },
    {
      name: 'lower-case disabled counts (the CLI compares case-insensitively)',
      text: ws('public_network_access: disabled\n'),
      errors: [{ at: 'public_network_access', message: 'public_network_access is "disabled"' }],
      fix: {
        title: /^Add image_build_compute/,
        output: ws('public_network_access: disabled\nimage_build_compute: <compute-cluster-name>\n'),
      },
    },
    {
      name: 'upper-case DISABLED counts',
      text: ws('public_network_access: DISABLED\n'),
      errors: [{ at: 'public_network_access', message: 'image_build_compute is not set' }],
    },
    {
      name: 'quoted "Disabled" counts',
      text: ws('public_network_access: "Disabled"\n'),
      errors: [{ at: 'public_network_access', message: 'public_network_access is "Disabled"' }],
    },
    {
      name: 'image_build_compute present but empty: the fix fills it in',
      text: ws('public_network_access: Disabled\nimage_build_compute:\ntags: {}\n'),
      errors: [{ at: 'public_network_access', message: 'image_build_compute is not set' }],
      fix: { title: /placeholder/, output: ws('public_network_access: Disabled\nimage_build_compute: <compute-cluster-name>\ntags: {}\n') },
    },
    {
      name: 'image_build_compute an empty string: the fix keeps the quotes',
      text: ws('image_build_compute: ""\npublic_network_access: Disabled\n'),
      errors: [{ at: 'public_network_access', message: 'image_build_compute is not set' }],
      fix: { title: /placeholder/, output: ws('image_build_compute: "<compute-cluster-name>"\npublic_network_access: Disabled\n') },
    },
  ],
});

/** A repository with one workspace folder holding a cluster and an instance, and a cluster elsewhere. */
const WS_URI = 'file:///repo/private/workspace.yml';
const spec = (uri: string, kind: string, name: string): SpecSummary => ({ uri, docIndex: 0, kind, name, value: { name } });
const SPECS = [
  spec('file:///repo/private/cluster.yml', 'amlCompute', 'cpu-cluster'),
  spec('file:///repo/private/instance.yml', 'computeInstance', 'my-instance'),
  spec('file:///repo/other/cluster.yml', 'amlCompute', 'other-cluster'),
];
const view: WorkspaceView = {
  workspaceFor: (uri) => (uri.startsWith('file:///repo/private/') ? spec(WS_URI, 'workspace', 'mlw-privatelink-prod') : undefined),
  specs: (kinds) => SPECS.filter((s) => !kinds || kinds.includes(s.kind)),
  byName: (kinds, name) => SPECS.filter((s) => kinds.includes(s.kind) && s.name === name),
};
const withView = service({ workspace: view });
const lonelyView: WorkspaceView = { workspaceFor: () => undefined, specs: (kinds) => view.specs(kinds), byName: view.byName };
const withLonelyView = service({ workspace: lonelyView });

ruleTester(
  ID,
  {
    valid: [],
    invalid: [
      {
        name: 'offers the compute cluster of this workspace folder, not the instance',
        uri: WS_URI,
        text: ws('public_network_access: Disabled\n'),
        errors: [{ at: 'public_network_access', message: 'image_build_compute is not set' }],
        fix: {
          title: 'Set image_build_compute to the compute cluster "cpu-cluster"',
          output: ws('public_network_access: Disabled\nimage_build_compute: cpu-cluster\n'),
        },
      },
    ],
  },
  () => withView,
);

ruleTester(
  ID,
  {
    valid: [],
    invalid: [
      {
        name: 'no cluster belongs to this workspace: offers every cluster in the repository',
        uri: 'file:///repo/solo/workspace.yml',
        text: ws('public_network_access: Disabled\n'),
        errors: [{ at: 'public_network_access', message: 'image_build_compute is not set' }],
        fix: { title: '"other-cluster"', output: ws('public_network_access: Disabled\nimage_build_compute: other-cluster\n') },
      },
    ],
  },
  () => withLonelyView,
);
