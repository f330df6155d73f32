import fs from 'node:fs';
import path from 'node:path';
import { crossFileRuleTester, WORKSPACES } from '../workspace/harness';

const FAR = 'private/compute/far-cluster.yml';
const far = fs.readFileSync(path.join(WORKSPACES, 'rules', FAR), 'utf8');
const ws = fs.readFileSync(path.join(WORKSPACES, 'rules', 'private/workspace.yml'), 'utf8');

crossFileRuleTester('compute-region-mismatch', {
  valid: [
    { name: 'same region as the private workspace', fixture: 'rules', file: 'private/compute/cpu-cluster.yml' },
    { name: 'region names compare without case and spaces ("East US" = eastus)', fixture: 'rules', file: 'private/compute/my-ci.yml' },
    {
      name: 'the nearest workspace spec (team-b, public, westus2) wins over the root one',
      fixture: 'rules',
      file: 'private/team-b/compute/cluster.yml',
    },
    {
      name: 'the workspace is public',
      fixture: 'rules',
      file: FAR,
      edits: { 'private/workspace.yml': ws.replace('public_network_access: Disabled', 'public_network_access: Enabled') },
    },
    {
      name: 'no location on the compute (it follows the workspace)',
      fixture: 'rules',
      file: FAR,
      edits: { [FAR]: far.replace('location: westus2\n', '') },
    },
    { name: 'two workspace specs at the same level: silent', fixture: 'rules', file: 'ambiguous/far-cluster.yml' },
    { name: 'no workspace spec: silent', fixture: 'rules', file: 'orphan/far-cluster.yml' },
  ],
  invalid: [
    {
      name: 'a cluster in westus2 of a private workspace in eastus',
      fixture: 'rules',
      file: FAR,
      errors: [
        {
          at: 'location: «westus2»',
          message: 'This compute is in "westus2" but its workspace (../workspace.yml) is in "eastus"',
          severity: 'warning',
        },
      ],
      fix: { title: 'Set location to "eastus" (the workspace\'s)', output: far.replace('location: westus2', 'location: eastus') },
    },
    {
      name: 'public_network_access casing as the CLI reads it (disabled)',
      fixture: 'rules',
      file: FAR,
      edits: { 'private/workspace.yml': ws.replace('public_network_access: Disabled', 'public_network_access: disabled') },
      errors: [{ at: 'location: «westus2»', message: 'has public_network_access Disabled' }],
    },
  ],
});
