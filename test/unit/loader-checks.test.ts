import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Severity } from '../../server/src/core/types';
import { KINDS } from '../../server/src/core/kinds';
import { allCodes } from '../../server/src/cli/codes';
import { BUILTIN_CODES } from '../../server/src/features/diagnostics';
import { CHECK_CODES, LOADER_CHECKS } from '../../server/src/schema/checks';
import { mergeConfig } from '../../server/src/core/config';
import { doc, schemaLine, service } from '../helpers';

const diags = (text: string) => service().diagnostics(doc(text));
const only = (text: string, code: string) => diags(text).filter((d) => d.code === code);

/** The checks the CLI makes outside field declarations, as built-in codes. */
describe('loader checks', () => {
  test('every check code is a built-in code with a description (SARIF, settings), and is placed by some schema', () => {
    for (const code of CHECK_CODES) {
      assert.ok((BUILTIN_CODES as readonly string[]).includes(code), code);
      const info = allCodes().find((c) => c.id === code)!;
      assert.equal(info.defaultSeverity, 'error');
      assert.ok(
        KINDS.some((k) => k.checks.some((c) => c.code === code)),
        `${code}: no schema says where it applies (x-check)`,
      );
    }
    for (const k of KINDS) for (const c of k.checks) assert.ok(CHECK_CODES.includes(c.code), `${k.id}: x-check "${c.code}" is not a check`);
    assert.ok(LOADER_CHECKS.every((c) => c.source && c.description));
  });

  test('traffic-total: online endpoint traffic above 100 percent, on the traffic key', () => {
    const base = `${schemaLine('managedOnlineEndpoint')}\nname: my-endpoint\nauth_mode: key\n`;
    const [d] = only(`${base}traffic:\n  blue: 90\n  green: "20"\n`, 'traffic-total');
    assert.equal(d.severity, Severity.Error);
    assert.match(d.message, /add up to 110/);
    assert.equal(d.range.start.line, 3);
    assert.deepEqual(only(`${base}traffic:\n  blue: 90\n  green: 10\n`, 'traffic-total'), []);
    assert.deepEqual(only(`${base}traffic:\n  blue: \${{inputs.x}}\n  green: 100\n`, 'traffic-total'), [], 'an expression is not summed');
  });

  test('single-user-assigned-identity: two UAIs on a compute cluster or an endpoint', () => {
    const uai = (n: number) => `/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id${n}`;
    const text = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    - resource_id: ${uai(1)}\n    - resource_id: ${uai(2)}\n`;
    const [d] = only(text, 'single-user-assigned-identity');
    assert.match(d.message, /2 user-assigned identities/);
    assert.equal(d.range.start.line, 5);
    const one = text.split('\n').slice(0, 7).join('\n') + '\n';
    assert.deepEqual(only(one, 'single-user-assigned-identity'), []);
  });

  test('environment-image-or-build: an environment needs exactly one of them', () => {
    const env = `${schemaLine('environment')}\nname: e\n`;
    assert.equal(only(`${env}conda_file: conda.yml\n`, 'environment-image-or-build').length, 1);
    assert.equal(
      only(`${env}image: mcr.microsoft.com/azureml/x\nbuild:\n  path: ./docker\n`, 'environment-image-or-build')[0].range.start.line,
      3,
    );
    assert.deepEqual(only(`${env}image: mcr.microsoft.com/azureml/x\n`, 'environment-image-or-build'), []);
  });

  test('pipeline-jobs-or-component: both jobs and a component file', () => {
    const text = `${schemaLine('pipelineJob')}\ntype: pipeline\ncomponent: ./pipeline.yml\njobs:\n  a:\n    type: command\n    component: azureml:c:1\n`;
    const [d] = only(text, 'pipeline-jobs-or-component');
    assert.equal(d.range.start.line, 2);
    assert.deepEqual(only(`${schemaLine('pipelineJob')}\ntype: pipeline\ncomponent: ./pipeline.yml\n`, 'pipeline-jobs-or-component'), []);
    assert.deepEqual(
      diags(`${schemaLine('pipelineJob')}\ntype: pipeline\ndisplay_name: empty\n`).filter((x) => x.severity === Severity.Error),
      [],
      'the loader accepts a pipeline job without jobs',
    );
  });

  test('invalid-name: endpoint and component names as the CLI checks them, placeholders left to unreplaced-placeholder', () => {
    const [e] = only(`${schemaLine('managedOnlineEndpoint')}\nname: 1-endpoint\nauth_mode: key\n`, 'invalid-name');
    assert.match(e.message, /starts with a letter/);
    const [c] = only(
      `${schemaLine('commandComponent')}\nname: Train-Model\ntype: command\ncommand: echo\nenvironment: azureml:e:1\n`,
      'invalid-name',
    );
    assert.match(c.message, /lower-case letter followed by/);
    assert.deepEqual(only(`${schemaLine('managedOnlineEndpoint')}\nname: <ENDPOINT_NAME>\nauth_mode: key\n`, 'invalid-name'), []);
  });

  test('severity stays configurable', () => {
    const s = service({ getConfig: () => mergeConfig({ rules: { 'traffic-total': 'warning' } }) });
    const text = `${schemaLine('managedOnlineEndpoint')}\nname: my-endpoint\ntraffic:\n  blue: 200\n`;
    assert.deepEqual(
      s
        .diagnostics(doc(text))
        .filter((d) => d.code === 'traffic-total')
        .map((d) => d.severity),
      [Severity.Warning],
    );
  });
});
