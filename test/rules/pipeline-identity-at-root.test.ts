import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const HEAD = `${schemaLine('pipelineJob')}\ntype: pipeline\n`;
const prep = '  prep:\n    type: command\n    command: echo prep\n    environment: azureml:env:1\n    compute: azureml:cpu\n';
const train = '  train:\n    command: echo train # no type: a command step\n    environment: azureml:env:1\n    compute: azureml:cpu\n';
const own =
  '  score:\n    type: command\n    command: echo score\n    environment: azureml:env:1\n    compute: azureml:cpu\n    identity:\n      type: managed\n';
const sub = '  inner:\n    type: pipeline\n    component: ./inner.yml\n';
const rootIdentity = 'identity:\n  type: user_identity # the submitter\n';
/** The root identity key (steps indent theirs). */
const ROOT = '\n«identity»:';

ruleTester('pipeline-identity-at-root', {
  valid: [
    {
      name: 'identity on the steps only',
      text: `${HEAD}jobs:\n${prep.replace('    compute: azureml:cpu\n', '    compute: azureml:cpu\n    identity:\n      type: user_identity\n')}`,
    },
    { name: 'no identity at all', text: `${HEAD}jobs:\n${prep}` },
    {
      name: 'a command job may set identity at its root',
      text: `${schemaLine('commandJob')}\ncommand: echo\nenvironment: azureml:env:1\nidentity:\n  type: user_identity\n`,
    },
    { name: 'an empty identity key', text: `${HEAD}identity:\njobs:\n${prep}` },
  ],
  invalid: [
    {
      name: 'root identity with command steps: info, moved onto every step that lacks one',
      text: `${HEAD}${rootIdentity}jobs:\n${prep}${train}${own}`,
      errors: [
        {
          at: ROOT,
          message: 'identity at the root of this pipeline job is better set on each step that runs on a compute',
          severity: 'info',
        },
      ],
      fix: {
        title: 'Move identity onto the 2 steps that run on a compute and have none',
        output: `${HEAD}jobs:\n${prep}    identity:\n      type: user_identity\n${train}    identity:\n      type: user_identity\n${own}`,
      },
    },
    {
      name: 'a step that is a pipeline component: warning, the component step gets nothing',
      text: `${HEAD}jobs:\n${prep}${sub}${rootIdentity}`,
      errors: [
        {
          at: ROOT,
          message: 'does not function because step "inner" is a pipeline component: set identity on each step that runs on a compute.',
          severity: 'warning',
        },
      ],
      fix: {
        title: 'Move identity onto the step that runs on a compute',
        output: `${HEAD}jobs:\n${prep}    identity:\n      type: user_identity\n${sub}`,
      },
    },
    {
      name: 'every compute step has its own identity: the fix only removes the root one',
      text: `${HEAD}${rootIdentity}jobs:\n${own}`,
      errors: [{ at: ROOT, severity: 'info', message: 'better set on each step' }],
      fix: { title: 'Remove identity from the pipeline root (every step sets its own)', output: `${HEAD}jobs:\n${own}` },
    },
    {
      name: 'an inline pipeline component step, and no compute step: no fix',
      text: `${HEAD}${rootIdentity}jobs:\n  inner:\n    component:\n      type: pipeline\n      jobs: {}\n`,
      errors: [{ at: ROOT, message: 'step "inner" is a pipeline component', severity: 'warning' }],
    },
    {
      name: 'a pipeline job that runs a pipeline component file',
      text: `${HEAD}${rootIdentity}component: ./pipeline_component.yml\n`,
      errors: [{ at: ROOT, message: 'because this pipeline job runs a pipeline component', severity: 'warning' }],
    },
  ],
});
