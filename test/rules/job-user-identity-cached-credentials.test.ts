import fs from 'node:fs';
import path from 'node:path';
import { crossFileRuleTester, WORKSPACES } from '../workspace/harness';

const JOB = 'private/jobs/user-identity.yml';
const job = fs.readFileSync(path.join(WORKSPACES, 'rules', JOB), 'utf8');
const keyed = fs.readFileSync(path.join(WORKSPACES, 'rules', 'private/datastores/keyed.yml'), 'utf8');

crossFileRuleTester('job-user-identity-cached-credentials', {
  valid: [
    {
      name: 'the job runs with a managed identity',
      fixture: 'rules',
      file: JOB,
      edits: { [JOB]: job.replace('type: user_identity', 'type: managed') },
    },
    {
      name: 'the datastore spec has no credentials',
      fixture: 'rules',
      file: JOB,
      edits: { 'private/datastores/keyed.yml': keyed.slice(0, keyed.indexOf('credentials:')) },
    },
    { name: 'two workspace specs at the same level: silent', fixture: 'rules', file: 'ambiguous/user-identity.yml' },
    { name: 'no workspace spec: silent', fixture: 'rules', file: 'orphan/user-identity.yml' },
  ],
  invalid: [
    {
      name: 'inputs on a datastore with credentials (long and short input forms)',
      fixture: 'rules',
      file: JOB,
      errors: [
        {
          at: 'datastores/«keyed_store»/paths/raw/',
          message: 'This job runs with identity type user_identity, but datastore "keyed_store" (../datastores/keyed.yml) has credentials',
          severity: 'warning',
        },
        { at: 'datastores/«keyed_store»/paths/other/', message: 'datastore "keyed_store"' },
      ],
    },
    {
      name: 'casing of the identity type as the CLI reads it (UserIdentity)',
      fixture: 'rules',
      file: JOB,
      edits: { [JOB]: job.replace('type: user_identity', 'type: UserIdentity') },
      errors: [
        { at: 'datastores/«keyed_store»/paths/raw/', message: 'keyed_store' },
        { at: 'datastores/«keyed_store»/paths/other/', message: 'keyed_store' },
      ],
    },
    {
      name: 'a pipeline step with user_identity whose input is bound to a pipeline input on that datastore',
      fixture: 'rules',
      file: 'private/jobs/pipeline.yml',
      errors: [
        {
          at: 'datastores/«keyed_store»/paths/raw/',
          message: 'Step "as_user" runs with identity type user_identity, but datastore "keyed_store"',
        },
      ],
    },
  ],
});
