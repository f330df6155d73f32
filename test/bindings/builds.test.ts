import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { bindingModelBuilds } from '../../server/src/bindings/model';
import { LineIndex } from '../../server/src/core/text';
import { AmlLanguageService } from '../../server/src/service';
import { NodeFileSystem } from '../../server/src/node/fileSystem';
import { fileUri } from '../../server/src/workspace/uri';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { WORKSPACES } from '../workspace/harness';
import { readFileSync } from 'node:fs';

/**
 * How often the binding model of a document is built per edit, driven the
 * way the LSP server does it (server.ts `publish`): the index summarises the
 * open document's parse, the dependents of what changed are invalidated,
 * the document is analysed, then requests read the same version.
 */
describe('binding model builds per edit', () => {
  const root = path.join(WORKSPACES, 'bindings');
  const uri = (rel: string) => fileUri(path.join(root, rel));
  const disk = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

  async function setup() {
    const index = new WorkspaceIndex({ fs: new NodeFileSystem() });
    await index.index([fileUri(root)]);
    const service = new AmlLanguageService({ workspace: index, incrementalParse: true });
    const open = new Map<string, { text: string; version: number }>();
    /** One didChange of a document, as the server handles it; then a hover and a completion on that version. */
    const change = (rel: string, text: string) => {
      const prev = open.get(rel);
      const src = { uri: uri(rel), version: (prev?.version ?? 0) + 1, text };
      open.set(rel, src);
      const changes = index.setOpenDocument(src.uri, src.text, src.version, service.parse(src));
      for (const d of index.dependents(changes, [...open.keys()].map(uri))) service.invalidate(d);
      return src;
    };
    const analyse = (rel: string) => {
      const o = open.get(rel)!;
      const src = { uri: uri(rel), ...o };
      const analysis = service.analyze(src);
      const at = new LineIndex(src.text).positionAt(src.text.indexOf('parent.inputs.raw_data') + 3);
      service.hover(src, at);
      service.complete(src, at);
      service.documentSymbols(src);
      return analysis.diagnostics;
    };
    return { change, analyse };
  }

  test('a pipeline with local component files: one build per didChange (summary, diagnostics, hover, completion)', async () => {
    const { change, analyse } = await setup();
    const rel = 'pipelines/train-pipeline.yml';
    let text = disk(rel);
    change(rel, text);
    analyse(rel);
    for (let i = 0; i < 5; i++) {
      text = text.replace(/default_compute: azureml:cpu-cluster\S*/, `default_compute: azureml:cpu-cluster${i}`);
      const before = bindingModelBuilds();
      change(rel, text);
      analyse(rel);
      assert.equal(bindingModelBuilds() - before, 1, `edit ${i}: builds of the model`);
    }
  });

  test("an edit of a step's local component file updates the step's checks (and builds the pipeline's model once)", async () => {
    const { change, analyse } = await setup();
    const pipeline = 'pipelines/train-pipeline.yml';
    const component = 'components/train.yml';
    change(pipeline, disk(pipeline));
    const clean = analyse(pipeline).filter((d) => String(d.code).startsWith('binding-'));
    assert.deepEqual(clean, []);
    const original = disk(component);
    assert.match(original, /training_data:/);
    // The component renames an input the pipeline's step still sets.
    const renamed = original.replace(/training_data/g, 'train_data');
    change(component, renamed);
    const before = bindingModelBuilds();
    const after = analyse(pipeline);
    assert.ok(
      after.some((d) => /training_data/.test(d.message)),
      `a diagnostic on the step's training_data after the component changed: ${JSON.stringify(after.map((d) => d.message))}`,
    );
    assert.equal(bindingModelBuilds() - before, 1, 'the pipeline model is built again once');
    // And back: the diagnostic goes.
    change(component, original);
    assert.ok(!analyse(pipeline).some((d) => /training_data/.test(d.message)));
  });
});
