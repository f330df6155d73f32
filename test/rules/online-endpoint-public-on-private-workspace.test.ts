import fs from 'node:fs';
import path from 'node:path';
import { crossFileRuleTester, WORKSPACES } from '../workspace/harness';

const EP = 'private/endpoints/public-endpoint.yml';
const ep = fs.readFileSync(path.join(WORKSPACES, 'rules', EP), 'utf8');

crossFileRuleTester('online-endpoint-public-on-private-workspace', {
  valid: [
    { name: 'endpoint public access disabled', fixture: 'rules', file: 'private/endpoints/private-endpoint.yml' },
    {
      name: 'endpoint without public_network_access (not explicit)',
      fixture: 'rules',
      file: EP,
      edits: { [EP]: ep.replace('public_network_access: enabled\n', '') },
    },
    { name: 'the workspace (team-b) is public', fixture: 'rules', file: 'private/team-b/endpoints/endpoint.yml' },
    { name: 'two workspace specs at the same level: silent', fixture: 'rules', file: 'ambiguous/public-endpoint.yml' },
    { name: 'no workspace spec: silent', fixture: 'rules', file: 'orphan/public-endpoint.yml' },
  ],
  invalid: [
    {
      name: 'public endpoint in a workspace with public access disabled',
      fixture: 'rules',
      file: EP,
      errors: [
        {
          at: 'public_network_access: «enabled»',
          message: 'its workspace (../workspace.yml) has public_network_access Disabled',
          severity: 'warning',
        },
      ],
      fix: {
        title: 'Set public_network_access to disabled',
        output: ep.replace('public_network_access: enabled', 'public_network_access: disabled'),
      },
    },
    {
      name: 'Enabled in any casing',
      fixture: 'rules',
      file: EP,
      edits: { [EP]: ep.replace('public_network_access: enabled', 'public_network_access: "Enabled"') },
      errors: [{ at: 'public_network_access: «"Enabled"»', message: 'not supported' }],
      fix: {
        title: 'Set public_network_access to disabled',
        output: ep.replace('public_network_access: enabled', 'public_network_access: "disabled"'),
      },
    },
  ],
});
