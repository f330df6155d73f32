// The client's decisions about Red Hat YAML (client/src/redHatPolicy.ts), without VS Code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EXPLAIN_BUTTONS,
  confirmationDetail,
  OPTIONS,
  explainMessage,
  needsConfirmation,
  planSummary,
  redHatState,
  rememberAnswer,
  requestFor,
  sameState,
  shouldExplain,
  type ConflictEditPlan,
} from '../../client/src/redHatPolicy';

const ON = { installed: true, validates: true };

test('red hat state: from the extension and yaml.validate', () => {
  assert.deepEqual(
    redHatState(undefined, true),
    { installed: false, validates: false },
    'not installed (or disabled: getExtension gives nothing)',
  );
  assert.deepEqual(
    redHatState({ packageJSON: { version: '1.25.0' } }, undefined),
    { installed: true, validates: true, version: '1.25.0' },
    'validation is on by default',
  );
  assert.deepEqual(redHatState({ packageJSON: {} }, false), { installed: true, validates: false, version: undefined });
  assert.ok(sameState({ installed: true, validates: true, version: '1' }, { installed: true, validates: true, version: '1' }));
  assert.ok(!sameState(undefined, ON));
  assert.ok(!sameState({ installed: true, validates: true }, { installed: true, validates: false }));
});

test('explain once: only with a conflict in view, Red Hat YAML validating, and no answer yet', () => {
  assert.equal(shouldExplain(ON, {}, true, false), true);
  assert.equal(shouldExplain(ON, {}, false, false), false, 'no Azure ML $schema in view: nothing to explain');
  assert.equal(shouldExplain({ installed: true, validates: false }, {}, true, false), false, 'its validation is off: no error to explain');
  assert.equal(shouldExplain({ installed: false, validates: false }, {}, true, false), false);
  assert.equal(shouldExplain(ON, {}, true, true), false, 'once per session at most');
  assert.equal(shouldExplain(ON, { workspaceAnswer: 'dismissed' }, true, false), false, 'answered (or closed) in this workspace');
  assert.equal(shouldExplain(ON, { dontAskAgain: true }, true, false), false, "Don't Ask Again holds everywhere");
});

test('every answer is remembered for the workspace; only "Don\'t Ask Again" globally', () => {
  for (const choice of ['all-none', 'file-none', 'options', 'dismissed'] as const)
    assert.deepEqual(rememberAnswer(choice), { workspaceAnswer: choice, dontAskAgain: false });
  assert.deepEqual(rememberAnswer('dont-ask'), { workspaceAnswer: 'dont-ask', dontAskAgain: true });
});

test('the notification leads with the careful default and says nothing changes unconfirmed', () => {
  assert.equal(EXPLAIN_BUTTONS[0].choice, 'all-none');
  assert.match(EXPLAIN_BUTTONS[0].title, /All Files\.\.\.$/, 'the ellipsis: a confirmation follows');
  assert.ok(EXPLAIN_BUTTONS.length <= 3 && EXPLAIN_BUTTONS.every((b) => b.title.length <= 20), 'buttons VS Code shows uncut');
  const msg = explainMessage('workspace.yml');
  assert.match(msg, /workspace\.yml/);
  assert.match(msg, /\$schema=none/);
  assert.match(msg, /no longer serves/);
  assert.match(msg, /until you confirm/);
});

test('options: modelines before turning validation off; each says its trade-off', () => {
  const ids = OPTIONS.map((o) => o.id);
  assert.deepEqual(ids, ['none:workspace', 'none:file', 'schema:workspace', 'schema:file', 'turn-off', 'explain', 'keep']);
  assert.match(OPTIONS.find((o) => o.id === 'turn-off')!.detail, /every YAML file|any YAML file/);
  assert.match(OPTIONS.find((o) => o.id === 'schema:workspace')!.detail, /twice/);
  assert.match(OPTIONS.find((o) => o.id === 'keep')!.label, /don't ask again/);
  assert.deepEqual(requestFor('schema:file', 'file:///a.yml'), { target: 'schema', scope: 'file', uri: 'file:///a.yml' });
  assert.equal(requestFor('turn-off', 'file:///a.yml'), undefined);
});

const edit = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  newText: '# yaml-language-server: $schema=none\n',
};
const plan = (uris: string[], schemas = 0): ConflictEditPlan => ({
  changes: uris.map((uri) => ({ uri, edits: [edit] })),
  schemas: Array.from({ length: schemas }, (_, i) => ({ uri: `file:///r/.aml-yaml/schemas/k${i}.schema.json`, kind: `k${i}`, text: '{}' })),
  fellBackToNone: [],
});

test('review before applying: anything beyond the file acted on, and every schema file written', () => {
  assert.equal(needsConfirmation(plan(['file:///r/a.yml']), 'file:///r/a.yml'), false, 'one line in the file the user is looking at');
  assert.equal(needsConfirmation(plan(['file:///r/a.yml', 'file:///r/b.yml']), 'file:///r/a.yml'), true);
  assert.equal(needsConfirmation(plan(['file:///r/b.yml']), 'file:///r/a.yml'), true);
  assert.equal(needsConfirmation(plan(['file:///r/a.yml'], 1), 'file:///r/a.yml'), true, 'a new file in the repository');
});

test('the confirmation lists the files and the schemas written, and says how to pick edits one by one', () => {
  const many = plan(
    Array.from({ length: 15 }, (_, i) => `file:///r/f${i}.yml`),
    1,
  );
  const detail = confirmationDetail(many, (u) => u.replace('file:///r/', ''), 12);
  assert.match(detail, /^Files that get the line/);
  assert.ok(detail.includes('  f0.yml\n') && detail.includes('  f11.yml\n') && !detail.includes('f12.yml'));
  assert.match(detail, /and 3 more/);
  assert.match(detail, /Schemas written \(created or replaced\):\n {2}\.aml-yaml\/schemas\/k0\.schema\.json/);
  assert.match(detail, /Refactor Preview/);
});

test('plan summaries', () => {
  assert.equal(planSummary(plan(['file:///a', 'file:///b']), 'none'), 'Adds "# yaml-language-server: $schema=none" to 2 files.');
  assert.equal(
    planSummary(plan(['file:///a'], 2), 'schema'),
    "Adds a modeline to aml-yaml's schema to 1 file, and writes 2 schemas to .aml-yaml/schemas/.",
  );
  assert.match(planSummary(plan([]), 'none'), /nothing to change/);
});
