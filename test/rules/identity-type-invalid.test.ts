import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Severity } from '../../server/src/core/types';
import { doc, schemaLine, service } from '../helpers';
import { lineOf } from '../markers';
import { ruleTester } from './tester';

const ws = (type: string, extra = '') => `${schemaLine('workspace')}\nname: ws\nlocation: eastus\nidentity:\n  type: ${type}\n${extra}`;
const cluster = (type: string, extra = '') =>
  `${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\nsize: STANDARD_DS3_v2\nidentity:\n  type: ${type}\n${extra}`;
const endpoint = (type: string, extra = '') =>
  `${schemaLine('managedOnlineEndpoint')}\nname: ep\nauth_mode: key\nidentity:\n  type: ${type}\n${extra}`;
const job = (type: string) =>
  `${schemaLine('commandJob')}\ncommand: echo hi\nenvironment: azureml:env:1\ncompute: azureml:cpu\nidentity:\n  type: ${type}\n`;
const UAI =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai';
const wsList = `  user_assigned_identities:\n    '${UAI}': {}\nprimary_user_assigned_identity: '${UAI}'\n`;
const epList = `  user_assigned_identities:\n    - resource_id: ${UAI}\n`;
const pipeline = (type: string) =>
  `${schemaLine('pipelineJob')}\ntype: pipeline\njobs:\n  train:\n    type: command\n    command: echo hi\n    environment: azureml:env:1\n    compute: azureml:cpu\n    identity:\n      type: ${type}\n`;

ruleTester('identity-type-invalid', {
  valid: [
    { name: 'workspace system_assigned', text: ws('system_assigned') },
    { name: 'workspace SystemAssigned (camel case, as the REST API spells it)', text: ws('SystemAssigned') },
    { name: 'workspace combined value', text: ws('system_assigned,user_assigned', wsList) },
    { name: 'workspace combined value quoted, as in the corpus', text: ws('"system_assigned,user_assigned"', wsList) },
    { name: 'workspace combined value with a space after the comma', text: ws('system_assigned, user_assigned', wsList) },
    { name: 'workspace "SystemAssigned,UserAssigned" (the SDK constant)', text: ws('SystemAssigned,UserAssigned', wsList) },
    { name: 'workspace "SystemAssigned, UserAssigned" (the ARM constant)', text: ws("'SystemAssigned, UserAssigned'", wsList) },
    { name: 'workspace user_assigned', text: ws('user_assigned', wsList) },
    { name: 'workspace None', text: ws('None') },
    { name: 'workspace USER_ASSIGNED (upper case snake)', text: ws('USER_ASSIGNED', wsList) },
    { name: 'workspace type expression', text: ws('${{parent.inputs.identity_type}}') },
    { name: 'workspace with an empty type (the schema reports it)', text: ws('') },
    { name: 'workspace without identity type', text: `${schemaLine('workspace')}\nname: ws\nidentity:\n  user_assigned_identities: {}\n` },
    {
      name: 'compute cluster combined value (compute-identity-both-types explains it)',
      text: cluster('system_assigned,user_assigned', epList),
    },
    { name: 'compute cluster UserAssigned', text: cluster('UserAssigned', epList) },
    { name: 'online endpoint user_assigned', text: endpoint('user_assigned', epList) },
    { name: 'online endpoint none', text: endpoint('none') },
    { name: 'job user_identity', text: job('user_identity') },
    { name: 'job UserIdentity', text: job('UserIdentity') },
    { name: 'job managed', text: job('managed') },
    { name: 'job ManagedIdentity', text: job('ManagedIdentity') },
    { name: 'job AMLToken', text: job('AMLToken') },
    { name: 'job aml_token', text: job('aml_token') },
    { name: 'pipeline step user_identity', text: pipeline('user_identity') },
  ],
  invalid: [
    {
      name: 'workspace systemassigned (no word break for the transform to find)',
      text: ws('«systemassigned»'),
      errors: [{ message: '"systemassigned" is not an identity type the CLI accepts for identity.type of a workspace', severity: 'error' }],
      fix: { title: 'Change to "system_assigned"', output: ws('system_assigned') },
    },
    {
      name: 'workspace user_identity (a job identity type)',
      text: ws('«user_identity»', wsList),
      errors: [{ message: 'use system_assigned, user_assigned, system_assigned,user_assigned or none' }],
      fix: { title: 'Change to "user_assigned"', output: ws('user_assigned', wsList) },
    },
    {
      name: 'workspace combined value with a semicolon, quotes kept',
      text: ws('«"SystemAssigned;UserAssigned"»', wsList),
      errors: [{ message: '"SystemAssigned;UserAssigned" is not an identity type' }],
      fix: { title: 'Change to "system_assigned,user_assigned"', output: ws('"system_assigned,user_assigned"', wsList) },
    },
    {
      name: 'workspace System_Assigned (the transform doubles the underscore)',
      text: ws('«System_Assigned»'),
      errors: [{ message: '"System_Assigned"' }],
      fix: { title: 'Change to "system_assigned"', output: ws('system_assigned') },
    },
    {
      name: 'online endpoint combined value: endpoints take one kind of identity',
      text: endpoint('«system_assigned,user_assigned»', epList),
      errors: [
        {
          message:
            'for identity.type of an online endpoint (endpoints take one kind of identity): use system_assigned, user_assigned or none.',
        },
      ],
      fix: { title: 'Change to "user_assigned"', output: endpoint('user_assigned', epList) },
    },
    {
      name: 'online endpoint combined value without a list offers system_assigned first',
      text: endpoint('«SystemAssigned,UserAssigned»'),
      errors: [{ message: '"SystemAssigned,UserAssigned"' }],
      fix: { title: 'Change to "system_assigned"', output: endpoint('system_assigned') },
    },
    {
      name: 'batch endpoint user identity type',
      text: `${schemaLine('batchEndpoint')}\nname: be\nidentity:\n  type: «user_identity»\n`,
      errors: [{ message: 'of a batch endpoint' }],
      fix: { title: 'Change to "user_assigned"', output: `${schemaLine('batchEndpoint')}\nname: be\nidentity:\n  type: user_assigned\n` },
    },
    {
      name: 'compute cluster user_identity',
      text: cluster('«user_identity»'),
      errors: [{ message: 'of a compute cluster' }],
      fix: { title: 'Change to "user_assigned"', output: cluster('user_assigned') },
    },
    {
      name: 'job system_assigned (a resource identity type)',
      text: job('«system_assigned»'),
      errors: [{ message: 'of a job: use user_identity, managed, managed_identity or aml_token.' }],
      fix: { title: 'Change to "managed"', output: job('managed') },
    },
    {
      name: 'job Managed_Identity (the transform doubles the underscore)',
      text: job('«Managed_Identity»'),
      errors: [{ message: '"Managed_Identity"' }],
      fix: { title: 'Change to "managed"', output: job('managed') },
    },
    {
      name: 'job amltoken',
      text: job('«amltoken»'),
      errors: [{ message: '"amltoken"' }],
      fix: { title: 'Change to "aml_token"', output: job('aml_token') },
    },
    {
      name: 'pipeline step with a typo, reported on the step',
      text: pipeline('«user_identiy»'),
      errors: [{ message: 'for jobs.train.identity.type of a job' }],
      fix: { title: 'Change to "user_identity"', output: pipeline('user_identity') },
    },
  ],
});

// The schema (identityType / endpointIdentityType with x-casing camelToSnake) must agree with the rule:
// every spelling the CLI accepts leaves no error at all on identity.type.
describe('identity types: schema and rule agree', () => {
  const accepted: Array<[string, (t: string) => string, string[]]> = [
    [
      'workspace',
      (t) => ws(t, wsList),
      [
        'SystemAssigned',
        'system_assigned',
        'USER_ASSIGNED',
        'None',
        'SystemAssigned,UserAssigned',
        "'SystemAssigned, UserAssigned'",
        'system_assigned,user_assigned',
      ],
    ],
    ['online endpoint', (t) => endpoint(t, t.toLowerCase().includes('user') ? epList : ''), ['SystemAssigned', 'user_assigned', 'None']],
    ['job', job, ['UserIdentity', 'managed', 'ManagedIdentity', 'AMLToken', 'aml_token']],
  ];
  for (const [what, make, spellings] of accepted) {
    for (const t of spellings) {
      test(`${what}: ${t} has no error on identity.type`, () => {
        const text = make(t);
        const line = lineOf(text, `type: ${t}\n`);
        const errors = service()
          .diagnostics(doc(text))
          .filter((d) => d.severity === Severity.Error && d.range.start.line === line);
        assert.deepEqual(
          errors.map((d) => `${d.code}: ${d.message}`),
          [],
        );
      });
    }
  }
});
