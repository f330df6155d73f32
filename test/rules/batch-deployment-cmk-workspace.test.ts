import fs from 'node:fs';
import path from 'node:path';
import { crossFileRuleTester, WORKSPACES } from '../workspace/harness';

const ws = fs.readFileSync(path.join(WORKSPACES, 'rules', 'private/workspace.yml'), 'utf8');
const noCmk = ws.slice(0, ws.indexOf('customer_managed_key:'));

crossFileRuleTester('batch-deployment-cmk-workspace', {
  valid: [
    { name: 'the workspace (team-b) has no customer-managed key', fixture: 'rules', file: 'private/team-b/endpoints/batch-deployment.yml' },
    {
      name: 'customer_managed_key removed from the workspace spec',
      fixture: 'rules',
      file: 'private/endpoints/batch-deployment.yml',
      edits: { 'private/workspace.yml': noCmk },
    },
    { name: 'two workspace specs at the same level: silent', fixture: 'rules', file: 'ambiguous/batch-deployment.yml' },
    { name: 'no workspace spec: silent', fixture: 'rules', file: 'orphan/batch-deployment.yml' },
    { name: 'an online endpoint is not a batch deployment', fixture: 'rules', file: 'private/endpoints/private-endpoint.yml' },
  ],
  invalid: [
    {
      name: 'batch deployment in a workspace with customer_managed_key',
      fixture: 'rules',
      file: 'private/endpoints/batch-deployment.yml',
      errors: [{ at: '\n«name»:', message: 'uses a customer-managed key (customer_managed_key)', severity: 'warning' }],
    },
  ],
});
