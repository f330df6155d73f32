import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { fileUri } from '../../server/src/workspace/uri';
import { applyEdits } from '../helpers';
import { WORKSPACES } from '../workspace/harness';
import { LspClient } from './client';

/**
 * Bindings over JSON-RPC against dist/server.js on the fixture repository
 * test/fixtures/workspaces/bindings: rename (prepareRename, a rename across
 * files, refusals as errors), completion inside ${{ }}, binding diagnostics.
 */

const root = path.join(WORKSPACES, 'bindings');
const uri = (rel: string) => fileUri(path.join(root, rel));
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

function positionOf(text: string, needle: string, delta = 0) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return new LineIndex(text).positionAt(i + delta);
}

describe('LSP: bindings (rename, completion, diagnostics)', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    let ended: () => void = () => undefined;
    const indexed = new Promise<void>((resolve) => (ended = resolve));
    client.conn.onRequest('window/workDoneProgress/create', () => null);
    client.conn.onNotification('$/progress', (p: any) => {
      if (p.value?.kind === 'end') ended();
    });
    const init = await client.initialize(fileUri(root), { workspace: { configuration: true }, window: { workDoneProgress: true } });
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    assert.ok(init.capabilities.completionProvider.triggerCharacters.includes('.'));
    await indexed;
  });
  after(async () => {
    await client.shutdown();
  });

  test('prepareRename gives the name under the cursor, null elsewhere', async () => {
    const rel = 'pipelines/train-pipeline.yml';
    const text = read(rel);
    client.open(uri(rel), text);
    await client.waitForDiagnostics(uri(rel));
    const at = positionOf(text, 'parent.inputs.raw_data', 'parent.inputs.raw'.length);
    const prep = await client.request('textDocument/prepareRename', { textDocument: { uri: uri(rel) }, position: at });
    assert.deepEqual(prep, {
      range: { start: { line: at.line, character: at.character - 3 }, end: { line: at.line, character: at.character + 5 } },
      placeholder: 'raw_data',
    });
    const none = await client.request('textDocument/prepareRename', {
      textDocument: { uri: uri(rel) },
      position: positionOf(text, 'display_name', 2),
    });
    assert.equal(none, null);
  });

  test('rename a component input from a step: a WorkspaceEdit over the component and every pipeline', async () => {
    const rel = 'pipelines/train-pipeline.yml';
    const text = read(rel);
    const edit = await client.request('textDocument/rename', {
      textDocument: { uri: uri(rel) },
      position: positionOf(text, 'max_epochs:', 3),
      newName: 'epoch_count',
    });
    assert.deepEqual(
      Object.keys(edit.changes)
        .map((u: string) => u.slice(fileUri(root).length + 1))
        .sort(),
      ['components/train.yml', 'pipelines/sub-pipeline.yml', 'pipelines/sweep-pipeline.yml', 'pipelines/train-pipeline.yml'],
    );
    const component = applyEdits(read('components/train.yml'), edit.changes[uri('components/train.yml')]);
    assert.equal(
      component,
      read('components/train.yml').replace('  max_epochs:', '  epoch_count:').replace('${{inputs.max_epochs}}', '${{inputs.epoch_count}}'),
    );
    assert.equal(applyEdits(text, edit.changes[uri(rel)]), text.replace('max_epochs:', 'epoch_count:'));
  });

  test('a refused rename is an error response with the reason', async () => {
    const rel = 'pipelines/train-pipeline.yml';
    const text = read(rel);
    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri: uri(rel) },
        position: positionOf(text, '  score:', 3),
        newName: 'train',
      }),
      (err: any) => err.code === -32803 && /A step named "train" already exists/.test(err.message),
    );
  });

  test('completion inside ${{ }} and a binding diagnostic on an edited document', async () => {
    const rel = 'pipelines/outer-pipeline.yml';
    const text = read(rel).replace('${{parent.jobs.sub.outputs.model}}', '${{parent.jobs.sub.outputs.}}');
    client.open(uri(rel), text, 1);
    const diagnostics = await client.waitForDiagnostics(uri(rel), (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d: any) => [d.code, d.severity]),
      [['binding-syntax', 2]],
    );
    const list = await client.request('textDocument/completion', {
      textDocument: { uri: uri(rel) },
      position: positionOf(text, 'sub.outputs.}}', 'sub.outputs.'.length),
      context: { triggerKind: 2, triggerCharacter: '.' },
    });
    assert.deepEqual(
      list.items.map((i: any) => [i.label, i.detail]),
      [['model', 'uri_folder']],
    );
    const fixed = text.replace('sub.outputs.}}', 'sub.outputs.modle}}');
    client.change(uri(rel), fixed, 2);
    const after = await client.waitForDiagnostics(uri(rel), (d) => d.some((x: any) => x.code === 'binding-unresolved'));
    assert.deepEqual(
      after.map((d: any) => [d.code, d.severity, d.message]),
      [['binding-unresolved', 1, 'Step "sub" has no output "modle"; did you mean "model"?']],
    );
  });

  test('a pipeline job that runs a pipeline component: diagnostics, hover on component:, definition of an input, the single-brace fix', async () => {
    const rel = 'pipelines/component-job.yml';
    const text = read(rel).replace('  epochs: 20', '  epochs: ${inputs.epochs}\n  epoch: 3');
    client.open(uri(rel), text, 1);
    const diagnostics = await client.waitForDiagnostics(uri(rel), (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d: any) => [d.code, d.severity, d.range.start.line + 1]),
      [
        ['binding-single-brace', 2, 11],
        ['step-unknown-io', 2, 12],
      ],
    );
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: uri(rel) },
      position: positionOf(text, './sub-pipeline.yml', 4),
    });
    assert.match(hover.contents.value, /^\*\*pipeline job\*\* · component \.\/sub-pipeline\.yml/);
    assert.match(hover.contents.value, /- `data`: uri_folder \*\(required\)\* ← given/);
    const definition = await client.request('textDocument/definition', {
      textDocument: { uri: uri(rel) },
      position: positionOf(text, '  epochs:', 4),
    });
    assert.deepEqual(
      definition.map((l: any) => [l.uri.slice(fileUri(root).length + 1), l.range.start.line + 1, l.range.start.character + 1]),
      [['pipelines/sub-pipeline.yml', 7, 3]],
    );
    const single = diagnostics.find((d: any) => d.code === 'binding-single-brace');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri(rel) },
      range: single.range,
      context: { diagnostics: [single] },
    });
    const fix = actions.find((a: any) => a.title === 'Change to ${{inputs.epochs}}');
    assert.ok(fix, JSON.stringify(actions.map((a: any) => a.title)));
    assert.equal(fix.isPreferred, true);
    assert.equal(applyEdits(text, fix.edit.changes[uri(rel)]), text.replace('${inputs.epochs}', '${{inputs.epochs}}'));
  });
});
