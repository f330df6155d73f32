// The client answers workspace/configuration with explicitly set values only,
// so the repository file .aml-yaml.json is not hidden by contributed defaults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explicitSection, explicitValue } from '../../client/src/settings';

test('client settings: defaults alone give an empty section', () => {
  assert.deepEqual(
    explicitSection(() => ({})),
    {},
  );
  assert.deepEqual(
    explicitSection(() => undefined),
    {},
  );
});

test('client settings: the narrowest scope wins for plain values', () => {
  assert.equal(explicitValue({ globalValue: true, workspaceValue: false }), false);
  assert.equal(explicitValue({ globalValue: false }), false);
  assert.equal(explicitValue({ globalValue: true, workspaceValue: false, workspaceFolderValue: true }), true);
});

test('client settings: objects merge key by key across scopes', () => {
  assert.deepEqual(explicitValue({ globalValue: { a: 'off', b: 'error' }, workspaceValue: { b: 'hint' } }), { a: 'off', b: 'hint' });
});

test('client settings: only validate, rules and fileKinds are sent', () => {
  const values: Record<string, unknown> = { validate: false, rules: { 'plaintext-secret': 'off' }, 'trace.server': 'verbose' };
  const section = explicitSection((key) => (key in values ? { globalValue: values[key] } : {}));
  assert.deepEqual(section, { validate: false, rules: { 'plaintext-secret': 'off' } });
});
